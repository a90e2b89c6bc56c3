// /api/org: the 社区—网格—楼栋 structure and its people, for those who look after them.
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { requestIdOf } from '../http/requestId.js';
import { limitInviting, perUser, rateLimit } from '../rateLimit.js';
import { createGrid, listGrids, moveBuilding, renameGrid } from './grids.js';
import { inviteResident } from './inviteResident.js';
import { listGridWorkers } from './listGridWorkers.js';
import { listHouseholds } from './listHouseholds.js';
import { residentLeaves } from './residentLeaves.js';
import { revealIdNumber } from './revealIdNumber.js';
import {
  buildingMoved,
  createGridBody,
  gridList,
  gridsQuery,
  gridWithBuildings,
  moveBuildingBody,
  renameGridBody,
  gridWorkerList,
  householdPage,
  listHouseholdsQuery,
  listResidentsQuery,
  residentChoices,
  residentInvite,
  residentLeavesBody,
  residentLeft,
  revealedIdNumber,
  revealIdNumberBody,
} from './schemas.js';
import { searchResidents } from './searchResidents.js';

// a staff account taken over should not empty the register in a loop: full numbers come a few a minute
const limitRevealing = rateLimit({
  bucket: 'reveal',
  perMinute: (config) => config.revealRatePerMinute,
  key: perUser,
  message: 'too many ID numbers revealed, try again in a minute',
});

export const orgRoutes = routeGroup('org', '/api/org', '社区—网格—楼栋: grid workers, residents and households, as far as the viewer looks after them', [
  route({
    method: 'get',
    path: '/grid-workers',
    summary: "The dispatch picker: the community's grid workers and how many orders each has open (staff)",
    response: gridWorkerList,
    handler: ({ deps, viewer }) => listGridWorkers(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/residents',
    summary: 'Residents the viewer may file a request for, by name or room',
    query: listResidentsQuery,
    response: residentChoices,
    handler: ({ deps, viewer, query }) => searchResidents(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/residents/:id/invite',
    summary: '账号绑定: a one-time code for a resident without an account (their grid worker and staff)',
    status: 201,
    use: [limitInviting],
    params: idParams,
    response: residentInvite,
    handler: ({ deps, viewer, params }) => inviteResident(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/residents/:id/id-number/reveal',
    summary: '查看完整身份证号: the full ID number, with a reason written to the access log (community staff, administrators)',
    use: [limitRevealing],
    params: idParams,
    body: revealIdNumberBody,
    response: revealedIdNumber,
    handler: ({ deps, viewer, params, body, ctx }) => revealIdNumber(deps, viewer, params.id, body.reason, requestIdOf(ctx)),
  }),
  route({
    method: 'post',
    path: '/residents/:id/leave',
    summary: '迁出/去世: remove the personal fields of a resident who left, keeping their history anonymised (community staff, administrators)',
    params: idParams,
    body: residentLeavesBody,
    response: residentLeft,
    handler: ({ deps, viewer, params, body }) => residentLeaves(deps, viewer, params.id, body.reason),
  }),
  route({
    method: 'get',
    path: '/households',
    summary: "Households with their members and 七彩 tags, as much as the viewer's role allows",
    query: listHouseholdsQuery,
    response: householdPage,
    handler: ({ deps, viewer, query }) => listHouseholds(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/grids',
    summary: "网格划分: the community's grids with their buildings and workers (staff, the community's administrators)",
    query: gridsQuery,
    response: gridList,
    handler: ({ deps, viewer, query }) => listGrids(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/grids',
    summary: 'A new grid, empty until buildings are moved into it (staff, administrators)',
    status: 201,
    body: createGridBody,
    response: gridWithBuildings,
    handler: ({ deps, viewer, body }) => createGrid(deps, viewer, body),
  }),
  route({
    method: 'patch',
    path: '/grids/:id',
    summary: 'Rename a grid (staff, administrators)',
    params: idParams,
    body: renameGridBody,
    response: gridWithBuildings,
    handler: ({ deps, viewer, params, body }) => renameGrid(deps, viewer, params.id, body.name),
  }),
  route({
    method: 'post',
    path: '/buildings/:id/move',
    summary: "Move a building to another grid of its community: its open orders and the notices still going out to a grid follow, in one transaction (staff, administrators)",
    params: idParams,
    body: moveBuildingBody,
    response: buildingMoved,
    handler: ({ deps, viewer, params, body }) => moveBuilding(deps, viewer, params.id, body.gridId),
  }),
]);
