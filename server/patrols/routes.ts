// /api/patrols: 楼道巡查. The community sets the checklist and how often; the
// building head walks the patrol and turns problems into orders; staff follow.
import { route, routeGroup } from '../http/route.js';
import { getChecklist, setChecklist } from './checklist.js';
import { patrolBuildings, patrolHistory } from './followPatrols.js';
import {
  buildingsQuery,
  checkItemBody,
  checklistAnswer,
  checklistBody,
  checklistQuery,
  fileProblemBody,
  patrolBuildingsAnswer,
  patrolDetail,
  patrolIdParams,
  patrolItemParams,
  patrolListAnswer,
  patrolListQuery,
  startPatrolBody,
} from './schemas.js';
import { checkItem, fileProblem, getPatrol, startPatrol } from './walkPatrol.js';

export const patrolRoutes = routeGroup('patrols', '/api/patrols', '楼道巡查: building heads patrol their buildings against the community’s checklist', [
  route({
    method: 'get',
    path: '/checklist',
    summary: "The community's patrol checklist and how often each building is patrolled",
    query: checklistQuery,
    response: checklistAnswer,
    handler: ({ deps, viewer, query }) => getChecklist(deps, viewer, query.communityId),
  }),
  route({
    method: 'put',
    path: '/checklist',
    summary: 'Staff set the checklist (items keep their ids; those left out are retired) and the frequency',
    body: checklistBody,
    response: checklistAnswer,
    handler: ({ deps, viewer, body }) => setChecklist(deps, viewer, body),
  }),
  route({
    method: 'get',
    path: '/buildings',
    summary: 'The buildings the viewer follows (a head: theirs; staff: the community’s) with last patrol, due date and open problems',
    query: buildingsQuery,
    response: patrolBuildingsAnswer,
    handler: ({ deps, viewer, query }) => patrolBuildings(deps, viewer, query.communityId),
  }),
  route({
    method: 'get',
    path: '/',
    summary: "A building's patrols, newest first",
    query: patrolListQuery,
    response: patrolListAnswer,
    handler: ({ deps, viewer, query }) => patrolHistory(deps, viewer, query.buildingId, query.limit),
  }),
  route({
    method: 'post',
    path: '/',
    summary: 'The building head starts a patrol of their building (or goes on with the unfinished one)',
    status: 201,
    body: startPatrolBody,
    response: patrolDetail,
    handler: ({ deps, viewer, body }) => startPatrol(deps, viewer, body.buildingId),
  }),
  route({
    method: 'get',
    path: '/:id',
    summary: 'One patrol with each item as marked',
    params: patrolIdParams,
    response: patrolDetail,
    handler: ({ deps, viewer, params }) => getPatrol(deps, viewer, params.id),
  }),
  route({
    method: 'put',
    path: '/:id/items/:itemId',
    summary: 'The head marks an item 正常 (ok) or 有问题 (problem), with a note and photo; the last item finishes the patrol',
    params: patrolItemParams,
    body: checkItemBody,
    response: patrolDetail,
    handler: ({ deps, viewer, params, body }) => checkItem(deps, viewer, params.id, params.itemId, body),
  }),
  route({
    method: 'post',
    path: '/:id/items/:itemId/order',
    summary: 'The head files an order for a problem found (once per item); its timeline says it came from the patrol',
    status: 201,
    params: patrolItemParams,
    body: fileProblemBody,
    response: patrolDetail,
    handler: ({ deps, viewer, params, body }) => fileProblem(deps, viewer, params.id, params.itemId, body),
  }),
]);
