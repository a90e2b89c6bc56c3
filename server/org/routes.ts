// /api/org: the 社区—网格—楼栋 structure and its people, for those who look after them.
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { limitInviting } from '../rateLimit.js';
import { inviteResident } from './inviteResident.js';
import { listGridWorkers } from './listGridWorkers.js';
import { listHouseholds } from './listHouseholds.js';
import { gridWorkerList, householdPage, listHouseholdsQuery, listResidentsQuery, residentChoices, residentInvite } from './schemas.js';
import { searchResidents } from './searchResidents.js';

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
    method: 'get',
    path: '/households',
    summary: "Households with their members and 七彩 tags, as much as the viewer's role allows",
    query: listHouseholdsQuery,
    response: householdPage,
    handler: ({ deps, viewer, query }) => listHouseholds(deps, viewer, query),
  }),
]);
