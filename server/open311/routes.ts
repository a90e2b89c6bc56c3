// /open311/v2: Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) for outside
// systems such as a 12345 hotline, with an API key per integration; and
// /api/open311/keys: the console's 对接 page, where a community's staff issue and revoke them.
//
// Reads need a key too (the spec allows public GETs): a resettlement community's
// requests say which building has an elderly person living alone or a household in
// trouble, so nothing is public; every key is scoped to one community.
import { routeGroup, route } from '../http/route.js';
import { requestIdOf } from '../http/requestId.js';
import { issueKey, listKeys, requireKey, revokeKey } from './keys.js';
import { open311Format, readForm } from './format.js';
import { fileRequest, getRequest, listRequests, listServices } from './requests.js';
import {
  formatParams,
  issueKeyBody,
  issuedKey,
  keyIdParams,
  keyQuery,
  keysAnswer,
  keysQuery,
  open311Key,
  postAnswer,
  postRequestBody,
  requestParams,
  requestsAnswer,
  requestsQuery,
  servicesAnswer,
} from './schemas.js';

const KEY_DOC = 'api_key in the query (or the POST body): a key the community issued (对接). Missing: 401; unknown or revoked: 403; another community (jurisdiction_id): 403; over its limit: 429. Errors are the spec\'s [{code, description}]; `.xml` answers the spec\'s XML.';
const georeport = [open311Format, readForm, requireKey];

export const open311Routes = routeGroup('open311', '/open311/v2', 'Open311 GeoReport v2: service types and requests of one community, for integrations holding an API key (12345 热线…)', [
  route({
    method: 'get',
    path: '/services.:format',
    auth: 'self',
    summary: "The community's service types (our categories): service_code, service_name, description, metadata=false, type=realtime, keywords, group",
    description: KEY_DOC,
    params: formatParams,
    query: keyQuery,
    use: georeport,
    response: servicesAnswer,
    handler: ({ deps, ctx }) => listServices(deps, ctx),
  }),
  route({
    method: 'get',
    path: '/requests.:format',
    auth: 'self',
    summary: 'Service requests (our orders) of the key\'s community, newest first: at most 1000, requested in the 90 days before end_date unless start_date says otherwise; filters service_request_id, service_code, start_date, end_date, status',
    description: KEY_DOC,
    params: formatParams,
    query: requestsQuery,
    use: georeport,
    response: requestsAnswer,
    handler: ({ deps, ctx, query }) => listRequests(deps, ctx, query),
  }),
  route({
    method: 'get',
    path: '/requests/:id.:format',
    auth: 'self',
    summary: 'One service request, as a list of one (the spec\'s shape)',
    description: KEY_DOC,
    params: requestParams,
    query: keyQuery,
    use: georeport,
    response: requestsAnswer,
    handler: ({ deps, ctx, params }) => getRequest(deps, ctx, params.id),
  }),
  route({
    method: 'post',
    path: '/requests.:format',
    auth: 'self',
    summary: 'File a request (hotline keys): becomes a 代报 order for the household at address_id / address_string, checked like resident text, in its grid\'s 四单 flow',
    description: `${KEY_DOC} The body is a form (application/x-www-form-urlencoded, as the spec) or JSON.`,
    status: 201,
    params: formatParams,
    body: postRequestBody,
    use: georeport,
    response: postAnswer,
    handler: ({ deps, ctx, body }) => fileRequest(deps, ctx, body),
  }),
]);

export const open311KeyRoutes = routeGroup('open311', '/api/open311/keys', 'Open311 API keys (对接): issued, listed and revoked by the community\'s staff and the admins above it', [
  route({
    method: 'get',
    path: '/',
    summary: "The community's integration keys (never the keys themselves)",
    query: keysQuery,
    response: keysAnswer,
    handler: ({ deps, viewer, query }) => listKeys(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/',
    summary: 'Issue a key for one integration: the answer holds the key, shown this once',
    status: 201,
    body: issueKeyBody,
    response: issuedKey,
    handler: ({ deps, viewer, body, ctx }) => issueKey(deps, viewer, body, requestIdOf(ctx)),
  }),
  route({
    method: 'post',
    path: '/:id/revoke',
    summary: 'Revoke a key: its calls are refused from now on; the requests it filed stay',
    params: keyIdParams,
    response: open311Key,
    handler: ({ deps, viewer, params, ctx }) => revokeKey(deps, viewer, params.id, requestIdOf(ctx)),
  }),
]);
