// The authorization matrix: every route (the per-step order matrix of
// tests/orders/matrix.test.ts aside) × resident / building head / grid worker /
// staff / reviewer / admin × the object's relation to the caller, one case per
// cell, generated from the one table below. Each cell states the exact status;
// a refused request must change nothing (no row of any table added, changed or
// removed: tests/support/writeLog.ts; and the object's own row is as it was).
//
// Relations. The demo's callers live and work in 惠泽社区 第1网格 惠泽1栋: the
// resident (1单元302) and the building head (2单元201, head of 惠泽1栋) live
// there, the grid worker works 第1网格, staff and the reviewer serve 惠泽社区,
// the admin the platform. An object is
//   own             the caller's own: their household's (or their building, or
//                   their grid), one they filed or made themselves;
//   sameGrid        someone else's in 第1网格: the building head's household for
//                   the resident, the resident's for everyone else; 惠泽2栋 for a
//                   building; 第1网格 itself for a grid (staff, reviewer, admin);
//                   for what belongs to the whole community (postings, courses,
//                   shop items, rules): the caller's community;
//   otherGrid       in 惠泽 第2网格 (demo-resident-2's household, 惠泽4栋);
//   otherCommunity  in 惠民社区 (demo-resident-huimin's household, 惠民1栋).
// '-' marks a relation the object cannot have (a grid worker has no household;
// a posting belongs to no grid); a route without an object has one cell per role.
// 'E' is a 200 whose list holds nothing of the object (lists filter by scope
// rather than refuse). 80 routes; 996 cells (47 routes with an object: 6 roles ×
// 4 relations less 330 '-'; 33 without: 6 roles each).
//
// AUTHZ_OBSERVE=1 also runs the '-' cells, prints every cell whose answer differs
// from the table, and writes what the server answered, in the table's shape, to
// .tmp/authz-observed.json: for reviewing a changed route against the rules
// (docs/domains.md, the routes' summaries), not for pasting over the table unread.
// It asserts exactly as without it: a run that observes a difference still fails.
//
// Signed-out callers (the end of the file): every route but a written-out public
// list answers 401 to no token, an expired token and a signed-out one, and writes nothing.
import { CONSENT_VERSIONS } from '../../shared/consent.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, byKeys, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';
import { routerRoutes } from './routes.js';
import { writeRegistryWorkbook } from '../../server/registry/workbookOut.js';
import { generateSurvey } from '../../server/employment/surveys.js';

const ROLES = ['resident', 'buildingHead', 'gridWorker', 'staff', 'reviewer', 'admin'] as const;
const RELATIONS = ['own', 'sameGrid', 'otherGrid', 'otherCommunity'] as const;
type Role = (typeof ROLES)[number];
type Relation = (typeof RELATIONS)[number];
/** 'E': 200, but the answer holds nothing of the object (a list filtered to what the caller may see) */
type Status = number | '-' | 'E';
/** [own, sameGrid, otherGrid, otherCommunity] */
type Row = [Status, Status, Status, Status];

type Kind =
  | 'household' // a household (ledger, awards, filing for a member)
  | 'resident' // a member of a household without an account of their own
  | 'order'
  | 'upload'
  | 'building'
  | 'grid'
  | 'community'
  | 'notice' // addressed to one building
  | 'job'
  | 'training'
  | 'item'
  | 'rule'
  | 'redemption' // made by a household
  | 'interest' // a household member's interest in a posting of their community
  | 'enrolled'; // a course of the household's community with a member enrolled

type Obj = Record<string, any>;
interface Req {
  path: string;
  body?: unknown;
  raw?: () => BodyInit;
  headers?: Record<string, string>;
  /** sign in afresh (the request spends the token, or needs an account the role's demo user cannot be) */
  as?: () => Promise<Client>;
  /** the body is { code } of a new one-time account code */
  withInvite?: true;
}

interface Route {
  /** "METHOD /path" as in the router */
  route: string;
  /** what the cell's object is; null: the route has none (one cell per role) */
  kind: Kind | null;
  /** the request changes its object: every cell gets a new one */
  fresh?: boolean;
  /** a list: how many of its entries are the object's (a 200 cell expects some, an 'E' cell none) */
  count?: (body: any, o: Obj) => number;
  /** sets the object up for this caller first (a withdrawal needs an enrolment) */
  prepare?: (o: Obj, role: Role) => Promise<unknown>;
  req: (o: Obj, role: Role) => Req;
  expect: Record<Role, Row | number>;
}

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}`;
const H = 'idempotency-key';

// The one table. Statuses per role: a number for a route without an object,
// else [own, sameGrid, otherGrid, otherCommunity].
const MATRIX: Route[] = [
  // --- sign-in and health -----------------------------------------------------------
  { route: 'GET /api/health', kind: null, req: () => ({ path: '/api/health', as: anonymous }), expect: all(200) },
  { route: 'POST /api/auth/dev-login', kind: null, req: (_o, r) => ({ path: '/api/auth/dev-login', body: { openid: OPENID[r] }, as: anonymous }), expect: all(200) },
  // the console's demo sign-in: a cookie session, for the staff-side roles only
  { route: 'POST /api/auth/dev-login/console', kind: null, req: (_o, r) => ({ path: '/api/auth/dev-login/console', body: { openid: OPENID[r] }, as: anonymous }), expect: { ...all(200), resident: 403, buildingHead: 403 } },
  { route: 'POST /api/auth/wechat', kind: null, req: (_o, r) => ({ path: '/api/auth/wechat', body: { code: `fake:${OPENID[r]}` }, as: anonymous }), expect: all(200) },
  { route: 'POST /api/auth/logout', kind: null, req: (_o, r) => ({ path: '/api/auth/logout', as: () => t.s.login(OPENID[r]) }), expect: all(204) },
  // password sign-in (tests/auth/password.test.ts): an unknown username is the same 401 for everyone and writes nothing
  { route: 'POST /api/auth/password', kind: null, req: () => ({ path: '/api/auth/password', body: { username: `nobody-${uniq()}`, password: 'not-a-password' }, as: anonymous }), expect: all(401) },
  // the demo accounts have no password to change
  { route: 'POST /api/auth/password/change', kind: null, req: () => ({ path: '/api/auth/password/change', body: { currentPassword: 'x', newPassword: 'a-new-password-1' } }), expect: all(404) },
  // only a platform admin gives a staff-side account a password
  { route: 'POST /api/auth/accounts/:userId/password', kind: null, req: () => ({ path: `/api/auth/accounts/${t.cast.gridWorker2.userId}/password`, body: { username: 'authz.gw2', password: 'a-first-password-1' } }), expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 403, reviewer: 403, admin: 200 } },
  { route: 'GET /api/auth/sessions', kind: null, req: () => ({ path: '/api/auth/sessions' }), expect: all(200) },
  // 两步验证 (tests/auth/totp.test.ts): a made-up challenge is the same 401 for everyone and writes nothing
  { route: 'POST /api/auth/password/totp', kind: null, req: () => ({ path: '/api/auth/password/totp', body: { challenge: `made-up-${uniq()}`, code: '123456' }, as: anonymous }), expect: all(401) },
  { route: 'GET /api/auth/totp', kind: null, req: () => ({ path: '/api/auth/totp' }), expect: all(200) },
  // the demo accounts have no password: nothing to guard, nothing to confirm or turn off
  { route: 'POST /api/auth/totp/enrol', kind: null, req: () => ({ path: '/api/auth/totp/enrol' }), expect: all(409) },
  { route: 'POST /api/auth/totp/confirm', kind: null, req: () => ({ path: '/api/auth/totp/confirm', body: { code: '123456' } }), expect: all(409) },
  { route: 'POST /api/auth/totp/disable', kind: null, req: () => ({ path: '/api/auth/totp/disable', body: { currentPassword: 'x', code: '123456' } }), expect: all(409) },
  // a lost phone: the platform admin (409: this grid worker has it off); community staff may not
  { route: 'POST /api/auth/accounts/:userId/totp/reset', kind: null, req: () => ({ path: `/api/auth/accounts/${t.cast.gridWorker2.userId}/totp/reset` }), expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 403, reviewer: 403, admin: 409 } },
  // one's own sessions only: another's id is as unknown as a made-up one
  { route: 'POST /api/auth/sessions/:id/revoke', kind: null, req: () => ({ path: `/api/auth/sessions/no-such-session-${uniq()}/revoke` }), expect: all(404) },
  // 扫码登录 (tests/auth/qr-sign-in.test.ts): anyone may ask for a code; only the browser holding its
  // cookie may poll it (these callers hold none: 404); only a staff-side account may scan, confirm or cancel
  { route: 'POST /api/auth/qr', kind: null, req: () => ({ path: '/api/auth/qr', as: anonymous }), expect: all(200) },
  { route: 'GET /api/auth/qr/:ticket', kind: null, prepare: newQrCode, req: (o) => ({ path: `/api/auth/qr/${o.ticket}`, as: anonymous }), expect: all(404) },
  { route: 'POST /api/auth/qr/:ticket/scan', kind: null, prepare: newQrCode, req: (o) => ({ path: `/api/auth/qr/${o.ticket}/scan` }), expect: { ...all(200), resident: 403, buildingHead: 403 } },
  { route: 'POST /api/auth/qr/:ticket/confirm', kind: null, prepare: scannedQrCode, req: (o) => ({ path: `/api/auth/qr/${o.ticket}/confirm` }), expect: { ...all(200), resident: 403, buildingHead: 403 } },
  { route: 'POST /api/auth/qr/:ticket/cancel', kind: null, prepare: scannedQrCode, req: (o) => ({ path: `/api/auth/qr/${o.ticket}/cancel` }), expect: { ...all(200), resident: 403, buildingHead: 403 } },

  // --- the API document (public: it describes routes, holds no data) ------------------
  { route: 'GET /api/openapi.json', kind: null, req: () => ({ path: '/api/openapi.json', as: anonymous }), expect: all(200) },
  { route: 'GET /api/docs', kind: null, req: () => ({ path: '/api/docs', as: anonymous }), expect: all(200) },
  { route: 'GET /api/docs/assets/:file', kind: null, req: () => ({ path: '/api/docs/assets/init.js', as: anonymous }), expect: all(200) },

  // --- WeChat's message push (public, signed by WeChat; this server has no push token: not here) ---
  { route: 'GET /api/wechat/push', kind: null, req: () => ({ path: `/api/wechat/push?signature=${'a'.repeat(40)}&timestamp=1&nonce=n&echostr=x`, as: anonymous }), expect: all(404) },
  { route: 'POST /api/wechat/push', kind: null, req: () => ({ path: `/api/wechat/push?signature=${'a'.repeat(40)}&timestamp=1&nonce=n`, body: { Event: 'wxa_media_check', trace_id: 'x' }, as: anonymous }), expect: all(404) },

  // --- me, org ----------------------------------------------------------------------
  { route: 'GET /api/me', kind: null, req: () => ({ path: '/api/me' }), expect: all(200) },
  // a copy of the viewer's own data (PIPL Art. 45): every signed-in user, of themselves only
  { route: 'GET /api/me/data', kind: null, req: () => ({ path: '/api/me/data' }), expect: all(200) },
  // agreeing to the 隐私政策 / 用户协议: every signed-in user, for themselves only (the body names no one)
  { route: 'POST /api/me/consents', kind: null, req: () => ({ path: '/api/me/consents', body: { kind: 'privacy_policy', version: CONSENT_VERSIONS.privacy_policy } }), expect: all(201) },
  // 信息更正 (PIPL Art. 46): only an account linked to a household has anything of its own to correct
  { route: 'POST /api/me/corrections', kind: null, req: () => ({ path: '/api/me/corrections', body: { item: '电话', correction: '13800000000' } }),
    expect: { resident: 201, buildingHead: 201, gridWorker: 403, staff: 403, reviewer: 403, admin: 403 } },
  { route: 'GET /api/categories', kind: null, req: () => ({ path: '/api/categories' }), expect: all(200) },
  // 常用回复: read by the community's workers, staff and reviewers, written by its staff (the admin has no community of its own to list)
  { route: 'GET /api/categories/replies', kind: null, req: () => ({ path: '/api/categories/replies' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 200, staff: 200, reviewer: 200, admin: 403 } },
  { route: 'POST /api/categories/replies', kind: null, req: () => ({ path: '/api/categories/replies', body: { category: 'repair', purpose: 'ask', text: '请拍一张照片' } }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 201, reviewer: 403, admin: 403 } },
  { route: 'PATCH /api/categories/replies/:id', kind: 'community', fresh: true, prepare: stockReplyOf, req: (o) => ({ path: `/api/categories/replies/${o.replyId}`, body: { text: '请再拍一张' } }),
    expect: STOCK_REPLY_EDIT(200) },
  { route: 'DELETE /api/categories/replies/:id', kind: 'community', fresh: true, prepare: stockReplyOf, req: (o) => ({ path: `/api/categories/replies/${o.replyId}` }),
    expect: STOCK_REPLY_EDIT(204) },
  // 社区设置 (server/policies/settings.ts): categories changed by the community's administrators (its staff read them: 403 to change),
  // 常用回复 reordered by its staff; history read by its staff and administrators; another community's staff do not find it
  { route: 'PUT /api/categories/replies/order', kind: 'community', fresh: true, prepare: stockReplyOf, req: (o) => ({ path: '/api/categories/replies/order', body: { communityId: o.id, ids: [o.replyId] } }),
    expect: { ...SETTINGS_READ(200), gridWorker: ['-', 403, '-', 403], reviewer: ['-', 403, '-', 403] } },
  { route: 'GET /api/categories/manage', kind: 'community', req: (o) => ({ path: `/api/categories/manage?communityId=${o.id}` }), expect: SETTINGS_READ(200) },
  { route: 'GET /api/categories/history', kind: 'community', req: (o) => ({ path: `/api/categories/history?communityId=${o.id}` }), expect: SETTINGS_READ(200) },
  { route: 'POST /api/categories/manage', kind: 'community', fresh: true, req: (o) => ({ path: '/api/categories/manage', body: { communityId: o.id, name: '电梯故障', icon: '🛗', responseMinutes: 30, resolveMinutes: 480 } }),
    expect: { ...SETTINGS_READ(201), staff: ['-', 403, '-', 404] } },
  { route: 'PUT /api/categories/manage/order', kind: 'community', prepare: categoryIdsOf, req: (o) => ({ path: '/api/categories/manage/order', body: { communityId: o.id, ids: o.categoryIds } }),
    expect: { ...SETTINGS_READ(200), staff: ['-', 403, '-', 404] } },
  { route: 'PATCH /api/categories/manage/:id', kind: 'community', fresh: true, prepare: categoryOf, req: (o) => ({ path: `/api/categories/manage/${o.categoryId}`, body: { name: '电梯维修' } }),
    expect: CATEGORY_EDIT(200) },
  { route: 'DELETE /api/categories/manage/:id', kind: 'community', fresh: true, prepare: categoryOf, req: (o) => ({ path: `/api/categories/manage/${o.categoryId}` }),
    expect: CATEGORY_EDIT(204) },
  { route: 'GET /api/org/grid-workers', kind: null, req: () => ({ path: '/api/org/grid-workers' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 200 } },
  { route: 'GET /api/org/residents', kind: 'building', count: (b) => b.length, req: (o) => ({ path: `/api/org/residents?buildingId=${o.id}` }),
    expect: {
      resident:     [200, 'E', 'E', 'E'],
      buildingHead: [200, 'E', 'E', 'E'],
      gridWorker:   ['-', 200, 'E', 'E'],
      staff:        ['-', 200, 200, 'E'],
      reviewer:     ['-', 'E', 'E', 'E'],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'GET /api/org/households', kind: 'building', count: (b) => b.items.length, req: (o) => ({ path: `/api/org/households?buildingId=${o.id}` }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [200, 'E', 'E', 'E'],
      gridWorker:   ['-', 200, 'E', 'E'],
      staff:        ['-', 200, 200, 'E'],
      reviewer:     ['-', 'E', 'E', 'E'],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/org/residents/:id/invite', kind: 'resident', fresh: true, req: (o) => ({ path: `/api/org/residents/${o.id}/invite` }),
    expect: {
      resident:     [403, 404, 404, 404],
      buildingHead: [403, 403, 404, 404],
      gridWorker:   ['-', 201, 404, 404],
      staff:        ['-', 201, 201, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 201, 201, 201],
    } },
  // 查看完整身份证号 (written to the access log): staff of the person's community and admins; the grid worker keeps the masked number
  { route: 'POST /api/org/residents/:id/id-number/reveal', kind: 'resident', req: (o) => ({ path: `/api/org/residents/${o.id}/id-number/reveal`, body: { reason: '办理低保申请材料' } }),
    expect: {
      resident:     [403, 404, 404, 404],
      buildingHead: [403, 403, 404, 404],
      gridWorker:   ['-', 403, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  // 迁出/去世: cannot be undone; staff of the person's community and admins
  { route: 'POST /api/org/residents/:id/leave', kind: 'resident', fresh: true, prepare: newHouseholdMember, req: (o) => ({ path: `/api/org/residents/${o.id}/leave`, body: { reason: 'moved_out' } }),
    expect: {
      resident:     [403, 404, 404, 404],
      buildingHead: [403, 403, 404, 404],
      gridWorker:   ['-', 403, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  // the access log oversees staff, who reveal: admins only
  { route: 'GET /api/access-log', kind: null, req: () => ({ path: '/api/access-log' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 403, reviewer: 403, admin: 200 } },
  { route: 'GET /api/access-log/export', kind: null, req: () => ({ path: '/api/access-log/export' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 403, reviewer: 403, admin: 200 } },
  // the audit log (操作记录): platform admin, and 县/街道 admins for theirs (tests/audit/audit.test.ts); no community role
  { route: 'GET /api/audit', kind: null, req: () => ({ path: '/api/audit' }), expect: ADMIN_ONLY(200, 403) },
  { route: 'GET /api/audit/actions', kind: null, req: () => ({ path: '/api/audit/actions' }), expect: ADMIN_ONLY(200, 403) },
  { route: 'GET /api/audit/export', kind: null, req: () => ({ path: '/api/audit/export' }), expect: ADMIN_ONLY(200, 403) },

  // --- 四单月报 and 对接 (Open311) keys (tests/orders/monthly-report.test.ts, tests/open311/) -------------
  // the report: the community's staff and reviewers, the admin (and the 街道/县 over it); another community's staff do not find it
  { route: 'GET /api/orders/report/monthly.xlsx', kind: 'community', req: (o) => ({ path: `/api/orders/report/monthly.xlsx?month=2026-11&communityId=${o.id}` }),
    expect: { ...KEYS_MANAGE(200), reviewer: ['-', 200, '-', 404] } },
  // integration keys: issued, listed and revoked by the community's staff and the administrators above it; to anyone else the community is not there
  { route: 'GET /api/open311/keys', kind: 'community', req: (o) => ({ path: `/api/open311/keys?communityId=${o.id}` }), expect: KEYS_MANAGE(200) },
  { route: 'POST /api/open311/keys', kind: 'community', fresh: true, req: (o) => ({ path: '/api/open311/keys', body: { communityId: o.id, name: '12345热线', purpose: 'status' } }), expect: KEYS_MANAGE(201) },
  { route: 'POST /api/open311/keys/:id/revoke', kind: 'community', fresh: true, prepare: open311KeyOf, req: (o) => ({ path: `/api/open311/keys/${o.keyId}/revoke` }), expect: KEYS_MANAGE(200) },
  // GeoReport v2 takes an API key, never a session: a signed-in caller without one is 401, in the spec's error form, nothing written
  { route: 'GET /open311/v2/services.:format', kind: null, req: () => ({ path: '/open311/v2/services.json' }), expect: all(401) },
  { route: 'GET /open311/v2/requests.:format', kind: null, req: () => ({ path: '/open311/v2/requests.json' }), expect: all(401) },
  { route: 'GET /open311/v2/requests/:id.:format', kind: null, req: () => ({ path: `/open311/v2/requests/${t.home.householdId}.json` }), expect: all(401) },
  { route: 'POST /open311/v2/requests.:format', kind: null, req: () => ({ path: '/open311/v2/requests.json', body: { service_code: 'repair', address_id: t.home.householdId, description: '楼道灯坏了三天了。' } }), expect: all(401) },

  // --- 县/街道 above the communities (tests/regions/regions.test.ts has the region roles' own cells) ---
  { route: 'GET /api/regions', kind: null, req: () => ({ path: '/api/regions' }), expect: ADMIN_ONLY(200, 403) },
  { route: 'GET /api/regions/candidates', kind: null, req: () => ({ path: '/api/regions/candidates?q=%E7%8E%8B' }), expect: ADMIN_ONLY(200, 403) },
  { route: 'POST /api/regions', kind: null, req: () => ({ path: '/api/regions', body: { level: 'COUNTY', name: `测试县${uniq()}` } }), expect: ADMIN_ONLY(201, 403) },
  // a 街道 outside a community role's reach is as good as unknown
  { route: 'POST /api/regions/:id/communities', kind: null, prepare: demoStreetOf,
    req: (o) => ({ path: `/api/regions/${o.streetId}/communities`, body: { name: `测试社区${uniq()}`, estate: '平远新城' } }), expect: ADMIN_ONLY(201, 404) },
  { route: 'POST /api/regions/:id/roles', kind: null, prepare: regionCandidateOf,
    req: (o) => ({ path: `/api/regions/${o.streetId}/roles`, body: { userId: o.userId, role: 'STREET_OVERSIGHT' } }), expect: ADMIN_ONLY(201, 404) },
  { route: 'DELETE /api/regions/:id/roles/:roleId', kind: null, prepare: regionOfficialOf,
    req: (o) => ({ path: `/api/regions/${o.streetId}/roles/${o.roleId}` }), expect: ADMIN_ONLY(200, 404) },
  // invitations to a 县/街道 role (H2): whoever may give the role; the demo's community roles see no region (404)
  { route: 'GET /api/regions/:id/invites', kind: null, prepare: demoStreetOf, req: (o) => ({ path: `/api/regions/${o.streetId}/invites` }), expect: ADMIN_ONLY(200, 404) },
  { route: 'POST /api/regions/:id/invites', kind: null, prepare: demoStreetOf,
    req: (o) => ({ path: `/api/regions/${o.streetId}/invites`, body: { role: 'STREET_OVERSIGHT', name: '测试督查' } }), expect: ADMIN_ONLY(201, 404) },
  { route: 'DELETE /api/regions/:id/invites/:inviteId', kind: null, prepare: regionInviteOf,
    req: (o) => ({ path: `/api/regions/${o.streetId}/invites/${o.inviteId}` }), expect: ADMIN_ONLY(204, 404) },
  // oversight: read-only aggregates for region roles and the platform admin; no community role sees them
  { route: 'GET /api/oversight/communities', kind: null, req: () => ({ path: '/api/oversight/communities' }), expect: ADMIN_ONLY(200, 403) },
  { route: 'GET /api/oversight/communities/:id', kind: 'community', req: (o) => ({ path: `/api/oversight/communities/${o.id}` }),
    expect: { resident: ['-', 404, '-', 404], buildingHead: ['-', 404, '-', 404], gridWorker: ['-', 404, '-', 404], staff: ['-', 404, '-', 404], reviewer: ['-', 404, '-', 404], admin: ['-', 200, '-', 200] } },
  { route: 'GET /api/oversight/ranking/export', kind: null, req: () => ({ path: '/api/oversight/ranking/export' }), expect: ADMIN_ONLY(200, 403) },
  { route: 'POST /api/me/link', kind: null, req: (_o, r) => ({ path: '/api/me/link', as: () => unlinkedCopy(r), withInvite: true }),
    // linked already: 409; a working account never becomes a resident's: 403 working_account (a plain new account links: tests/me/link.test.ts)
    expect: { resident: 409, buildingHead: 409, gridWorker: 403, staff: 403, reviewer: 403, admin: 403 } },

  // --- uploads ----------------------------------------------------------------------
  { route: 'POST /api/uploads', kind: null, req: () => ({ path: '/api/uploads', raw: imageForm }),
    expect: { resident: 201, buildingHead: 201, gridWorker: 201, staff: 201, reviewer: 201, admin: 403 } },
  { route: 'GET /api/uploads/:id', kind: 'upload', req: (o) => ({ path: `/api/uploads/${o.id}` }),
    expect: {
      resident:     [200, 404, 404, 404],
      buildingHead: [200, 404, 404, 404],
      gridWorker:   [200, 200, 404, 404],
      staff:        [200, 200, 200, 404],
      reviewer:     [200, 200, 200, 404],
      admin:        ['-', 200, 200, 200],
    } },

  // --- orders (the steps of the flow are in tests/orders/matrix.test.ts) ----------------
  { route: 'POST /api/orders', kind: 'household', req: (o) => ({ path: '/api/orders', body: { category: 'repair', description: '门锁坏了，锁不上。', ...(o.self ? {} : { onBehalfOf: o.residentId }) } }),
    expect: {
      resident:     [201, 404, 404, 404],
      buildingHead: [201, 201, 404, 404],
      gridWorker:   ['-', 201, 404, 404],
      staff:        ['-', 201, 201, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 201, 201, 201],
    } },
  { route: 'GET /api/orders', kind: null, req: () => ({ path: '/api/orders' }), expect: all(200) },
  { route: 'GET /api/orders/stats', kind: null, req: () => ({ path: '/api/orders/stats' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 200, admin: 403 } },
  // the console's filter menus and Excel export: each viewer's own scope of orders (what GET /api/orders shows them)
  { route: 'GET /api/orders/places', kind: null, req: () => ({ path: '/api/orders/places' }),
    expect: { resident: 200, buildingHead: 200, gridWorker: 200, staff: 200, reviewer: 200, admin: 200 } },
  { route: 'GET /api/orders/export.xlsx', kind: null, req: () => ({ path: '/api/orders/export.xlsx' }),
    expect: { resident: 200, buildingHead: 200, gridWorker: 200, staff: 200, reviewer: 200, admin: 200 } },
  // 批量派单: each order checked by the dispatch policy on its own; 'E' is an order the answer lists as refused
  { route: 'POST /api/orders/dispatch', kind: 'order', fresh: true,
    count: (b, o) => b.results.filter((x: { ok: boolean; orderId: string }) => x.ok && x.orderId === o.id).length,
    req: (o) => ({ path: '/api/orders/dispatch', body: { orderIds: [o.id] } }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   [403, 403, 403, 403],
      staff:        [200, 200, 200, 'E'],
      reviewer:     ['-', 403, 403, 403],
      admin:        [200, 200, 200, 200],
    } },
  // 是不是这件事？ compares with the caller's own building (nothing for an account of no household)
  { route: 'GET /api/orders/similar', kind: null, req: () => ({ path: `/api/orders/similar?category=repair&description=${encodeURIComponent('水管漏水了')}` }), expect: all(200) },
  // the conversation: the requester's side and the working side write; reviewers read only
  { route: 'POST /api/orders/:id/updates', kind: 'order', fresh: true, req: (o) => ({ path: `/api/orders/${o.id}/updates`, body: { text: '下午家里有人' } }),
    expect: {
      resident:     [201, 404, 404, 404],
      buildingHead: [201, 404, 404, 404],
      gridWorker:   [201, 201, 404, 404],
      staff:        [201, 201, 201, 404],
      reviewer:     ['-', 403, 403, 404],
      admin:        [201, 201, 201, 201],
    } },
  // 待补充: the working side asks
  { route: 'POST /api/orders/:id/ask', kind: 'order', fresh: true, req: (o) => ({ path: `/api/orders/${o.id}/ask`, body: { question: '请拍一张照片' } }),
    expect: {
      resident:     [403, 404, 404, 404],
      buildingHead: [403, 404, 404, 404],
      gridWorker:   [200, 200, 404, 404],
      staff:        [200, 200, 200, 404],
      reviewer:     ['-', 403, 403, 404],
      admin:        [200, 200, 200, 200],
    } },
  // a neighbour's open order of the caller's building (惠泽1栋: the resident's and the building head's) as a neighbour sees it
  { route: 'GET /api/orders/:id/brief', kind: 'order', req: (o) => ({ path: `/api/orders/${o.id}/brief` }),
    expect: {
      resident:     [200, 200, 404, 404],
      buildingHead: [200, 200, 404, 404],
      gridWorker:   [200, 200, 404, 404],
      staff:        [200, 200, 200, 404],
      reviewer:     ['-', 200, 200, 404],
      admin:        [200, 200, 200, 200],
    } },
  // +1: a resident, on a neighbour's order of their own building; their own household's is 409
  { route: 'POST /api/orders/:id/join', kind: 'order', fresh: true, req: (o) => ({ path: `/api/orders/${o.id}/join` }),
    expect: {
      resident:     [409, 200, 404, 404],
      buildingHead: [409, 200, 404, 404],
      gridWorker:   [404, 404, 404, 404],
      staff:        [404, 404, 404, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        [404, 404, 404, 404],
    } },
  // staff merge a duplicate into another order of the same resident, filed by their community's staff
  { route: 'POST /api/orders/:id/merge', kind: 'order', fresh: true, prepare: originalOf, req: (o) => ({ path: `/api/orders/${o.id}/merge`, body: { into: o.into } }),
    expect: {
      resident:     [403, 404, 404, 404],
      buildingHead: [403, 404, 404, 404],
      gridWorker:   [403, 403, 404, 404],
      staff:        [200, 200, 200, 404],
      reviewer:     ['-', 403, 403, 404],
      admin:        [200, 200, 200, 200],
    } },
  { route: 'GET /api/orders/:id', kind: 'order', req: (o) => ({ path: `/api/orders/${o.id}` }),
    expect: {
      resident:     [200, 404, 404, 404],
      buildingHead: [200, 404, 404, 404],
      gridWorker:   [200, 200, 404, 404],
      staff:        [200, 200, 200, 404],
      reviewer:     ['-', 200, 200, 404],
      admin:        [200, 200, 200, 200],
    } },

  // --- points -----------------------------------------------------------------------
  { route: 'GET /api/points/me', kind: null, req: () => ({ path: '/api/points/me' }),
    expect: { resident: 200, buildingHead: 200, gridWorker: 403, staff: 403, reviewer: 403, admin: 403 } },
  { route: 'GET /api/points/households/:id', kind: 'household', req: (o) => ({ path: `/api/points/households/${o.id}` }),
    expect: {
      resident:     [200, 404, 404, 404],
      buildingHead: [200, 404, 404, 404],
      gridWorker:   ['-', 404, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  // 户积分: the community's households with their balance, for its staff only
  { route: 'GET /api/points/households', kind: 'household', count: (b, o) => b.items.filter((h: any) => h.id === o.id).length, req: () => ({ path: '/api/points/households?limit=500' }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 'E'],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 403, 403, 403],
    } },
  { route: 'GET /api/points/leaderboard', kind: 'building', req: (o) => ({ path: `/api/points/leaderboard?buildingId=${o.id}` }),
    expect: {
      resident:     [200, 404, 404, 404],
      buildingHead: [200, 404, 404, 404],
      gridWorker:   ['-', 404, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'GET /api/points/monthly', kind: null, req: () => ({ path: '/api/points/monthly' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 403 } },
  { route: 'GET /api/points/rules', kind: null, req: () => ({ path: '/api/points/rules' }), expect: all(200) },
  { route: 'POST /api/points/rules', kind: null, req: () => ({ path: '/api/points/rules', body: { code: `r_${uniq()}`, name: '测试规则', points: 3 } }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 201, reviewer: 403, admin: 403 } },
  { route: 'PATCH /api/points/rules/:id', kind: 'rule', fresh: true, req: (o) => ({ path: `/api/points/rules/${o.id}`, body: { points: 7 } }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'GET /api/points/settings', kind: null, req: () => ({ path: '/api/points/settings' }),
    expect: { resident: 200, buildingHead: 200, gridWorker: 200, staff: 200, reviewer: 200, admin: 404 } },
  { route: 'PUT /api/points/settings', kind: null, req: () => ({ path: '/api/points/settings', body: { expiryMonths: null } }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 403 } },
  { route: 'POST /api/points/awards', kind: 'household', req: (o) => ({ path: '/api/points/awards', body: { ruleId: o.ruleId, householdIds: [o.id] } }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 400],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 403, 403, 403],
    } },
  { route: 'POST /api/points/adjustments', kind: 'household', req: (o) => ({ path: '/api/points/adjustments', body: { householdId: o.id, amount: 1, reason: '核对更正' } }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 403, 403, 403],
    } },

  // --- the shop ---------------------------------------------------------------------
  { route: 'GET /api/shop/items', kind: null, req: () => ({ path: '/api/shop/items' }), expect: all(200) },
  { route: 'POST /api/shop/items', kind: null, req: () => ({ path: '/api/shop/items', body: { name: `香皂${uniq()}`, pointsPrice: 5, stock: 10 } }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 201, reviewer: 403, admin: 403 } },
  { route: 'PATCH /api/shop/items/:id', kind: 'item', fresh: true, req: (o) => ({ path: `/api/shop/items/${o.id}`, body: { pointsPrice: 9 } }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'POST /api/shop/items/:id/restock', kind: 'item', fresh: true, req: (o) => ({ path: `/api/shop/items/${o.id}/restock`, body: { quantity: 5 } }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'POST /api/shop/redemptions', kind: 'item', req: (o) => ({ path: '/api/shop/redemptions', body: { itemId: o.id }, headers: { [H]: `authz-${uniq()}` } }),
    expect: {
      resident:     ['-', 201, '-', 400],
      buildingHead: ['-', 201, '-', 400],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 403, '-', 403],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'GET /api/shop/redemptions', kind: 'redemption', count: (b, o) => b.items.filter((i: any) => i.id === o.id).length, req: (o) => ({ path: `/api/shop/redemptions?pickupCode=${o.pickupCode}` }),
    expect: {
      resident:     [200, 'E', 'E', 'E'],
      buildingHead: [200, 'E', 'E', 'E'],
      gridWorker:   ['-', 'E', 'E', 'E'],
      staff:        ['-', 200, 200, 'E'],
      reviewer:     ['-', 'E', 'E', 'E'],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/shop/redemptions/handover', kind: 'redemption', fresh: true, req: (o) => ({ path: '/api/shop/redemptions/handover', body: { pickupCode: o.pickupCode } }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 403, 403, 403],
    } },
  { route: 'POST /api/shop/redemptions/:id/cancel', kind: 'redemption', fresh: true, req: (o) => ({ path: `/api/shop/redemptions/${o.id}/cancel` }),
    expect: {
      resident:     [200, 404, 404, 404],
      buildingHead: [200, 404, 404, 404],
      gridWorker:   ['-', 404, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },

  // --- jobs -------------------------------------------------------------------------
  { route: 'GET /api/jobs', kind: null, req: () => ({ path: '/api/jobs' }), expect: all(200) },
  { route: 'POST /api/jobs', kind: null, req: () => ({ path: '/api/jobs', body: JOB() }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 201, reviewer: 403, admin: 403 } },
  { route: 'GET /api/jobs/interests/mine', kind: null, req: () => ({ path: '/api/jobs/interests/mine' }), expect: all(200) },
  { route: 'GET /api/jobs/:id', kind: 'job', req: (o) => ({ path: `/api/jobs/${o.id}` }),
    expect: {
      resident:     ['-', 200, '-', 404],
      buildingHead: ['-', 200, '-', 404],
      gridWorker:   ['-', 200, '-', 404],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 200, '-', 404],
      admin:        ['-', 404, '-', 404],
    } },
  { route: 'PATCH /api/jobs/:id', kind: 'job', fresh: true, req: (o) => ({ path: `/api/jobs/${o.id}`, body: { headcount: 9 } }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'POST /api/jobs/:id/close', kind: 'job', fresh: true, req: (o) => ({ path: `/api/jobs/${o.id}/close` }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  // the console's table of postings: the community's staff only; another community's posting is not in it
  { route: 'GET /api/jobs/manage', kind: 'job', count: (b, o) => b.items.filter((j: any) => j.id === o.id).length, req: () => ({ path: '/api/jobs/manage?limit=100' }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 'E'],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'POST /api/jobs/:id/interest', kind: 'job', fresh: true, req: (o) => ({ path: `/api/jobs/${o.id}/interest` }),
    expect: {
      resident:     ['-', 200, '-', 404],
      buildingHead: ['-', 200, '-', 404],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 403, '-', 403],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'GET /api/jobs/:id/interests', kind: 'job', req: (o) => ({ path: `/api/jobs/${o.id}/interests` }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'POST /api/jobs/:id/interests/:interestId/outcome', kind: 'interest', fresh: true, req: (o) => ({ path: `/api/jobs/${o.jobId}/interests/${o.id}/outcome`, body: { outcome: 'not_hired' } }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 403, 403, 403],
    } },
  { route: 'GET /api/jobs/:id/candidates', kind: 'job', req: (o) => ({ path: `/api/jobs/${o.id}/candidates` }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },

  // --- training ---------------------------------------------------------------------
  { route: 'GET /api/trainings', kind: null, req: () => ({ path: '/api/trainings' }), expect: all(200) },
  { route: 'POST /api/trainings', kind: 'job', req: (o) => ({ path: '/api/trainings', body: TRAINING([o.id]) }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 201, '-', 400],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  // the console's table of courses: the community's staff only
  { route: 'GET /api/trainings/manage', kind: 'training', count: (b, o) => b.items.filter((c: any) => c.id === o.id).length, req: () => ({ path: '/api/trainings/manage?limit=100' }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 'E'],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'GET /api/trainings/:id', kind: 'training', req: (o) => ({ path: `/api/trainings/${o.id}` }),
    expect: {
      resident:     ['-', 200, '-', 404],
      buildingHead: ['-', 200, '-', 404],
      gridWorker:   ['-', 200, '-', 404],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 200, '-', 404],
      admin:        ['-', 404, '-', 404],
    } },
  { route: 'POST /api/trainings/:id/enrol', kind: 'training', fresh: true, req: (o) => ({ path: `/api/trainings/${o.id}/enrol` }),
    expect: {
      resident:     ['-', 201, '-', 404],
      buildingHead: ['-', 201, '-', 404],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 403, '-', 403],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'POST /api/trainings/:id/withdraw', kind: 'training', fresh: true, prepare: (o, r) => client(r).post(`/api/trainings/${o.id}/enrol`, {}), req: (o) => ({ path: `/api/trainings/${o.id}/withdraw` }),
    expect: {
      resident:     ['-', 200, '-', 404],
      buildingHead: ['-', 200, '-', 404],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 403, '-', 403],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'GET /api/trainings/:id/enrolments', kind: 'training', req: (o) => ({ path: `/api/trainings/${o.id}/enrolments` }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 403, '-', 403],
    } },
  { route: 'POST /api/trainings/:id/attendance', kind: 'enrolled', fresh: true, req: (o) => ({ path: `/api/trainings/${o.id}/attendance`, body: { day: '2026-12-01', records: [{ residentId: o.residentId, present: true }] } }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 403, 403, 403],
    } },
  { route: 'POST /api/trainings/:id/complete', kind: 'enrolled', fresh: true, req: (o) => ({ path: `/api/trainings/${o.id}/complete`, body: { residentIds: [o.residentId] } }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 403, 403, 403],
    } },

  // --- the employment ledger ----------------------------------------------------------
  { route: 'GET /api/employment/me', kind: null, req: () => ({ path: '/api/employment/me' }),
    expect: { resident: 200, buildingHead: 200, gridWorker: 403, staff: 403, reviewer: 403, admin: 403 } },
  { route: 'GET /api/employment/households', kind: 'grid', count: (b) => b.items.length, req: (o) => ({ path: `/api/employment/households?gridId=${o.id}` }),
    expect: {
      resident:     [403, '-', 403, 403],
      buildingHead: [403, '-', 403, 403],
      gridWorker:   [200, '-', 'E', 'E'],
      staff:        ['-', 200, 200, 'E'],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'GET /api/employment/stats', kind: null, req: () => ({ path: '/api/employment/stats' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 403 } },
  { route: 'GET /api/employment/residents/:id', kind: 'resident', req: (o) => ({ path: `/api/employment/residents/${o.id}` }),
    expect: {
      resident:     [200, 404, 404, 404],
      buildingHead: [200, 404, 404, 404],
      gridWorker:   ['-', 200, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/employment/residents/:id/status', kind: 'resident', fresh: true, req: (o) => ({ path: `/api/employment/residents/${o.id}/status`, body: { status: 'seeking', note: uniq() } }),
    expect: {
      resident:     [403, 404, 404, 404],
      buildingHead: [403, 404, 404, 404],
      gridWorker:   ['-', 200, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/employment/import', kind: null, req: () => ({ path: '/api/employment/import', raw: ledgerForm }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 403 } },
  { route: 'GET /api/employment/export', kind: null, req: () => ({ path: '/api/employment/export' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 403 } },
  // --- 走访 care visits (tests/visits/visits.test.ts): the due list is the grid's worker's (staff: any grid of their
  // community); a household's visits are its grid worker's, its staff's and its 1+X pair's; the rest is staff's
  { route: 'GET /api/visits/due', kind: 'grid', count: (b, o) => b.items.filter((i: any) => i.gridId === o.id).length, req: (o) => ({ path: `/api/visits/due?gridId=${o.id}` }),
    expect: {
      resident:     [404, '-', 404, 404],
      buildingHead: [404, '-', 404, 404],
      gridWorker:   [200, '-', 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/visits', kind: 'household', fresh: true, req: (o) => ({ path: '/api/visits', body: { householdId: o.id, met: 'head', wellbeing: 'good', note: uniq() } }),
    expect: VISIT_HOUSEHOLD(201) },
  { route: 'GET /api/visits/households/:householdId', kind: 'household', req: (o) => ({ path: `/api/visits/households/${o.id}` }),
    expect: VISIT_HOUSEHOLD(200) },
  { route: 'GET /api/visits/coverage', kind: 'community', req: (o) => ({ path: `/api/visits/coverage?communityId=${o.id}` }), expect: VISIT_STAFF(200) },
  { route: 'GET /api/visits/overdue', kind: 'community', req: (o) => ({ path: `/api/visits/overdue?communityId=${o.id}` }), expect: VISIT_STAFF(200) },
  { route: 'GET /api/visits/rules', kind: 'community', req: (o) => ({ path: `/api/visits/rules?communityId=${o.id}` }), expect: VISIT_STAFF(200) },
  { route: 'PUT /api/visits/rules/:tag', kind: 'community', req: (o) => ({ path: '/api/visits/rules/MONITORED', body: { intervalDays: 30, communityId: o.id } }), expect: VISIT_STAFF(200) },
  { route: 'PUT /api/visits/overrides/:householdId', kind: 'household', fresh: true, req: (o) => ({ path: `/api/visits/overrides/${o.id}`, body: { intervalDays: 10, note: uniq() } }),
    expect: VISIT_STAFF_HOUSEHOLD(200) },
  { route: 'DELETE /api/visits/overrides/:householdId', kind: 'household', fresh: true, prepare: visitOverrideOf, req: (o) => ({ path: `/api/visits/overrides/${o.id}` }),
    expect: VISIT_STAFF_HOUSEHOLD(204) },
  { route: 'GET /api/visits/pairings', kind: 'community', req: (o) => ({ path: `/api/visits/pairings?communityId=${o.id}` }), expect: VISIT_STAFF(200) },
  { route: 'POST /api/visits/pairings', kind: 'household', fresh: true, prepare: visitCadreOf, req: (o) => ({ path: '/api/visits/pairings', body: { householdId: o.id, userId: o.cadreId } }),
    expect: VISIT_STAFF_HOUSEHOLD(201) },
  { route: 'DELETE /api/visits/pairings/:id', kind: 'household', fresh: true, prepare: visitPairingOf, req: (o) => ({ path: `/api/visits/pairings/${o.pairingId}` }),
    expect: VISIT_STAFF_HOUSEHOLD(204) },
  // 就业摸底 (tests/employment/survey.test.ts): staff generate and follow a month; the grid's worker and staff do its tasks
  { route: 'POST /api/employment/surveys', kind: null, req: () => ({ path: '/api/employment/surveys', body: { month: SURVEY_MONTH } }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 403 } },
  { route: 'GET /api/employment/surveys/:month', kind: null, req: () => ({ path: `/api/employment/surveys/${SURVEY_MONTH}` }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 403 } },
  { route: 'GET /api/employment/surveys/:month/tasks', kind: 'grid', prepare: surveyOfGrid, count: (b, o) => b.items.filter((x: any) => x.household.gridId === o.id).length,
    req: (o) => ({ path: `/api/employment/surveys/${SURVEY_MONTH}/tasks?gridId=${o.id}` }),
    expect: {
      resident:     [403, '-', 403, 403],
      buildingHead: [403, '-', 403, 403],
      gridWorker:   [200, '-', 'E', 'E'],
      staff:        ['-', 200, 200, 'E'],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/employment/survey-tasks/:id/unchanged', kind: 'household', fresh: true, prepare: surveyTaskOf, req: (o) => ({ path: `/api/employment/survey-tasks/${o.taskId}/unchanged` }),
    expect: {
      resident:     [404, 404, 404, 404],
      buildingHead: [404, 404, 404, 404],
      gridWorker:   ['-', 200, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/employment/survey-tasks/:id/changes', kind: 'household', fresh: true, prepare: surveyTaskOf,
    req: (o) => ({ path: `/api/employment/survey-tasks/${o.taskId}/changes`, body: { changes: [{ residentId: o.residentId, status: 'seeking', note: uniq() }] } }),
    expect: {
      resident:     [404, 404, 404, 404],
      buildingHead: [404, 404, 404, 404],
      gridWorker:   ['-', 200, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },

  // --- 民情日志 (tests/gridLog/gridLog.test.ts): the grid's workers write and read it, staff read it; no one else ---
  { route: 'POST /api/grid-log', kind: null, req: () => ({ path: '/api/grid-log', body: { kind: 'sentiment', text: `走访了解情况${uniq()}` } }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 201, staff: 403, reviewer: 403, admin: 403 } },
  { route: 'GET /api/grid-log', kind: 'grid', prepare: logEntryIn, count: (b, o) => b.items.filter((x: any) => x.gridId === o.id).length, req: (o) => ({ path: `/api/grid-log?gridId=${o.id}` }),
    expect: {
      resident:     [403, '-', 403, 403],
      buildingHead: [403, '-', 403, 403],
      gridWorker:   [200, '-', 'E', 'E'],
      staff:        ['-', 200, 200, 'E'],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'GET /api/grid-log/:id', kind: 'grid', prepare: logEntryIn, req: (o) => ({ path: `/api/grid-log/${o.entryId}` }),
    expect: {
      resident:     [403, '-', 403, 403],
      buildingHead: [403, '-', 403, 403],
      gridWorker:   [200, '-', 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'GET /api/grid-log/export', kind: null, req: () => ({ path: `/api/grid-log/export?month=${SURVEY_MONTH}` }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 200, staff: 200, reviewer: 403, admin: 200 } },

  // --- 户籍台账 (tests/registry/registry.test.ts): administrators only; the picker lists nothing for others ---
  { route: 'GET /api/registry/communities', kind: null, req: () => ({ path: '/api/registry/communities' }), expect: all(200) },
  { route: 'GET /api/registry/communities/:communityId/template', kind: 'community', req: (o) => ({ path: `/api/registry/communities/${o.id}/template` }), expect: REGISTRY(200) },
  { route: 'POST /api/registry/communities/:communityId/imports', kind: 'community', req: (o) => ({ path: `/api/registry/communities/${o.id}/imports`, raw: registryForm }), expect: REGISTRY(201) },
  { route: 'GET /api/registry/communities/:communityId/export', kind: 'community', req: (o) => ({ path: `/api/registry/communities/${o.id}/export?reason=authz` }), expect: REGISTRY(200) },
  // another's import is as unknown as a made-up id
  { route: 'GET /api/registry/imports/:id', kind: null, prepare: registryImportOf, req: (o) => ({ path: `/api/registry/imports/${o.importId}` }), expect: ADMIN_ONLY(200, 404) },
  { route: 'POST /api/registry/imports/:id/confirm', kind: null, prepare: registryImportOf, req: (o) => ({ path: `/api/registry/imports/${o.importId}/confirm` }), expect: ADMIN_ONLY(200, 404) },

  // --- notices ------------------------------------------------------------------------
  { route: 'POST /api/notices', kind: 'building', req: (o, r) => ({ path: '/api/notices', body: NOTICE(o.id, r === 'admin' ? o.communityId : undefined) }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 201, 201, 400],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 201, 201, 201],
    } },
  { route: 'GET /api/notices', kind: null, req: () => ({ path: '/api/notices' }), expect: all(200) },
  { route: 'GET /api/notices/manage', kind: null, req: () => ({ path: '/api/notices/manage' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 200 } },
  // the audience picker's grids, buildings, households and groups: staff of that community
  { route: 'GET /api/notices/audience', kind: 'community', req: (o) => ({ path: `/api/notices/audience?communityId=${o.id}` }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 200, '-', 200],
    } },
  { route: 'GET /api/notices/subscriptions', kind: null, req: () => ({ path: '/api/notices/subscriptions' }), expect: all(200) },
  { route: 'POST /api/notices/subscriptions', kind: null, req: () => ({ path: '/api/notices/subscriptions', body: { accepted: ['order_status'] } }), expect: all(200) },
  { route: 'GET /api/notices/automation', kind: 'community', req: (o) => ({ path: `/api/notices/automation?communityId=${o.id}` }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 200, '-', 200],
    } },
  { route: 'PUT /api/notices/automation', kind: 'community', req: (o) => ({ path: '/api/notices/automation', body: { jobs: true, communityId: o.id } }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 404],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 200, '-', 200],
    } },
  // --- H3 (#20): 评单时限 per community (read by its staff and administrators, set by its administrators: staff 403),
  // 走访记录 exported by staff for their community (grid workers for their grids)
  { route: 'GET /api/orders/settings/review-deadline', kind: 'community', req: (o) => ({ path: `/api/orders/settings/review-deadline?communityId=${o.id}` }), expect: SETTINGS_READ(200) },
  { route: 'PUT /api/orders/settings/review-deadline', kind: 'community', req: (o) => ({ path: '/api/orders/settings/review-deadline', body: { communityId: o.id, reviewDeadlineDays: 4 } }),
    expect: { ...SETTINGS_READ(200), staff: ['-', 403, '-', 404] } },
  { route: 'GET /api/visits/export', kind: 'grid', req: (o) => ({ path: `/api/visits/export?month=2026-12&gridId=${o.id}` }),
    expect: {
      resident:     [404, '-', 404, 404],
      buildingHead: [404, '-', 404, 404],
      gridWorker:   [200, '-', 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  // --- end H3
  { route: 'GET /api/notices/manage/:id', kind: 'notice', req: (o) => ({ path: `/api/notices/manage/${o.id}` }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'GET /api/notices/:id', kind: 'notice', req: (o) => ({ path: `/api/notices/${o.id}` }),
    expect: {
      resident:     [200, 404, 404, 404],
      buildingHead: [200, 404, 404, 404],
      gridWorker:   ['-', 200, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/notices/:id/read', kind: 'notice', req: (o) => ({ path: `/api/notices/${o.id}/read` }),
    expect: {
      resident:     [200, 404, 404, 404],
      buildingHead: [200, 404, 404, 404],
      gridWorker:   ['-', 200, 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'GET /api/notices/:id/deliveries', kind: 'notice', req: (o) => ({ path: `/api/notices/${o.id}/deliveries` }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/notices/:id/cancel', kind: 'notice', fresh: true, req: (o) => ({ path: `/api/notices/${o.id}/cancel` }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'POST /api/notices/:id/retry', kind: 'notice', fresh: true, req: (o) => ({ path: `/api/notices/${o.id}/retry` }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 409, 409, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 409, 409, 409],
    } },
  // one group again: the notice's only delivery, failed (so a 200 is a real resend; 可能已发出 and its confirmation: tests/notices/resend.test.ts)
  { route: 'POST /api/notices/:id/deliveries/:deliveryId/resend', kind: 'notice', fresh: true,
    prepare: async (o) => {
      const db = t.s.deps.db;
      const failed = { status: 'failed', attempts: 1, lastError: '机器人已不在该群' } as const;
      let d = await db.noticeDelivery.findFirst({ where: { noticeId: o.id } });
      if (d) await db.noticeDelivery.update({ where: { id: d.id }, data: failed });
      else {
        // the building's group was unlinked by a cell of PUT /api/bot/buildings/:id/group: one of the community's, or any unlinked one
        const n = await db.notice.findUniqueOrThrow({ where: { id: o.id } });
        const g = await db.chatGroup.findFirstOrThrow({ where: { OR: [{ communityId: n.communityId }, { communityId: null }] } });
        d = await db.noticeDelivery.create({ data: { communityId: n.communityId, noticeId: o.id, groupId: g.id, nextAttemptAt: new Date(), ...failed } });
      }
      o.deliveryId = d.id;
    },
    req: (o) => ({ path: `/api/notices/${o.id}/deliveries/${o.deliveryId}/resend`, body: {} }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },

  // who has been told (楼栋长 告知, tests/notices/reach.test.ts): the notice's buildings the caller follows (its head, its
  // grid's workers, staff); only the building's head marks households told (those who only follow it: 403)
  { route: 'GET /api/notices/:id/reach', kind: 'notice', req: (o) => ({ path: `/api/notices/${o.id}/reach` }), expect: REACH_SEE() },
  { route: 'GET /api/notices/:id/reach/buildings/:buildingId', kind: 'notice', prepare: reachOf, req: (o) => ({ path: `/api/notices/${o.id}/reach/buildings/${o.buildingId}` }),
    expect: REACH_SEE() },
  { route: 'PUT /api/notices/:id/reach/households/:householdId', kind: 'notice', prepare: reachOf, req: (o) => ({ path: `/api/notices/${o.id}/reach/households/${o.householdId}`, body: { how: 'phone' } }),
    expect: REACH_TELL() },
  { route: 'DELETE /api/notices/:id/reach/households/:householdId', kind: 'notice', prepare: reachOf, req: (o) => ({ path: `/api/notices/${o.id}/reach/households/${o.householdId}` }),
    expect: REACH_TELL() },
  { route: 'POST /api/notices/:id/reach/all', kind: 'notice', prepare: reachOf, req: (o) => ({ path: `/api/notices/${o.id}/reach/all`, body: { buildingId: o.buildingId } }),
    expect: REACH_TELL() },

  // --- 楼道巡查 (tests/patrols/patrols.test.ts) -------------------------------------------
  // the checklist: read by the community's staff, grid workers and building heads, set by its staff
  { route: 'GET /api/patrols/checklist', kind: 'community', req: (o) => ({ path: `/api/patrols/checklist?communityId=${o.id}` }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 200, '-', 403],
      gridWorker:   ['-', 200, '-', 403],
      staff:        ['-', 200, '-', 403],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 200, '-', 200],
    } },
  { route: 'PUT /api/patrols/checklist', kind: 'community', req: (o) => ({ path: '/api/patrols/checklist', body: { communityId: o.id, everyDays: 7, items: [{ name: '消防通道畅通' }, { name: '楼道灯完好' }] } }),
    expect: {
      resident:     ['-', 403, '-', 403],
      buildingHead: ['-', 403, '-', 403],
      gridWorker:   ['-', 403, '-', 403],
      staff:        ['-', 200, '-', 403],
      reviewer:     ['-', 403, '-', 403],
      admin:        ['-', 200, '-', 200],
    } },
  { route: 'GET /api/patrols/buildings', kind: null, req: () => ({ path: '/api/patrols/buildings' }),
    expect: { resident: 403, buildingHead: 200, gridWorker: 200, staff: 200, reviewer: 403, admin: 200 } },
  { route: 'GET /api/patrols', kind: 'building', req: (o) => ({ path: `/api/patrols?buildingId=${o.id}` }), expect: PATROL_SEE(200) },
  // only the building's own head walks it
  { route: 'POST /api/patrols', kind: 'building', req: (o) => ({ path: '/api/patrols', body: { buildingId: o.id } }), expect: PATROL_WALK(201) },
  { route: 'GET /api/patrols/:id', kind: 'building', prepare: patrolOf, req: (o) => ({ path: `/api/patrols/${o.patrolId}` }), expect: PATROL_SEE(200) },
  { route: 'PUT /api/patrols/:id/items/:itemId', kind: 'building', prepare: patrolOf, req: (o) => ({ path: `/api/patrols/${o.patrolId}/items/${o.itemId}`, body: { result: 'ok' } }),
    expect: PATROL_WALK(200) },
  // a problem becomes an order for the head's own household (they live in 惠泽1栋)
  { route: 'POST /api/patrols/:id/items/:itemId/order', kind: 'building', fresh: true, prepare: patrolProblemOf,
    req: (o) => ({ path: `/api/patrols/${o.patrolId}/items/${o.itemId}/order`, body: {} }), expect: PATROL_WALK(201) },

  // --- groups and the bot -------------------------------------------------------------
  { route: 'GET /api/bot/groups', kind: null, req: () => ({ path: '/api/bot/groups' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 200 } },
  { route: 'POST /api/bot/link-code', kind: null, req: () => ({ path: '/api/bot/link-code' }), expect: all(201) },
  { route: 'PUT /api/bot/buildings/:id/group', kind: 'building', req: (o) => ({ path: `/api/bot/buildings/${o.id}/group`, body: { groupId: null } }),
    expect: {
      resident:     [403, 403, 403, 403],
      buildingHead: [403, 403, 403, 403],
      gridWorker:   ['-', 403, 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },
  { route: 'PUT /api/bot/grids/:id/group', kind: 'grid', req: (o) => ({ path: `/api/bot/grids/${o.id}/group`, body: { groupId: null } }),
    expect: {
      resident:     [403, '-', 403, 403],
      buildingHead: [403, '-', 403, 403],
      gridWorker:   [403, '-', 403, 403],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 403, 403, 403],
      admin:        ['-', 200, 200, 200],
    } },

  // --- 群管理: the bot account's state, WeCom robots (staff of the robot's community; the login QR to admins only) ---
  { route: 'GET /api/bot/status', kind: null, req: () => ({ path: '/api/bot/status' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 200 } },
  // the console's banner while the bot is out: staff and platform admins
  { route: 'GET /api/bot/banner', kind: null, req: () => ({ path: '/api/bot/banner' }),
    expect: { resident: 403, buildingHead: 403, gridWorker: 403, staff: 200, reviewer: 403, admin: 200 } },
  { route: 'POST /api/bot/wecom-robots', kind: 'community', fresh: true, req: (o) => ({ path: '/api/bot/wecom-robots', body: { communityId: o.id, webhook: `authzrobot${uniq()}aaaaaaaaaaaa`.slice(0, 40), topic: '授权测试群' } }),
    expect: COMMUNITY_STAFF_WRITE(201, 403) },
  { route: 'DELETE /api/bot/wecom-robots/:id', kind: 'community', fresh: true, prepare: robotOf, req: (o) => ({ path: `/api/bot/wecom-robots/${o.robotId}` }),
    expect: COMMUNITY_STAFF_WRITE(200, 403) },
  // the robot's key is made up: WeCom cannot be reached from the tests, so the answer is 200 { sent: false }
  { route: 'POST /api/bot/wecom-robots/:id/test', kind: 'community', fresh: true, prepare: robotOf, req: (o) => ({ path: `/api/bot/wecom-robots/${o.robotId}/test` }),
    expect: COMMUNITY_STAFF_WRITE(200, 403) },

  // --- 账号: community roles (staff give 楼栋长 and 网格员, administrators staff and reviewers too) and 网格划分 ---
  { route: 'GET /api/accounts', kind: 'community', req: (o) => ({ path: `/api/accounts?communityId=${o.id}` }), expect: COMMUNITY_STAFF_WRITE(200, 404) },
  { route: 'GET /api/accounts/invites', kind: 'community', req: (o) => ({ path: `/api/accounts/invites?communityId=${o.id}` }), expect: COMMUNITY_STAFF_WRITE(200, 404) },
  { route: 'POST /api/accounts/roles', kind: 'community', fresh: true, prepare: roleHolderOf,
    req: (o) => ({ path: '/api/accounts/roles', body: { communityId: o.id, userId: o.userId, role: 'BUILDING_HEAD', buildingId: o.buildingId } }),
    expect: COMMUNITY_STAFF_WRITE(201, 404) },
  { route: 'DELETE /api/accounts/roles/:id', kind: 'community', fresh: true, prepare: roleHolderOf, req: (o) => ({ path: `/api/accounts/roles/${o.roleId}` }),
    expect: COMMUNITY_STAFF_WRITE(200, 404) },
  { route: 'POST /api/accounts/invites', kind: 'community', fresh: true, prepare: roleHolderOf,
    req: (o) => ({ path: '/api/accounts/invites', body: { communityId: o.id, role: 'GRID_WORKER', gridId: o.gridId, name: '授权测试' } }),
    expect: COMMUNITY_STAFF_WRITE(201, 404) },
  { route: 'DELETE /api/accounts/invites/:id', kind: 'community', fresh: true, prepare: roleInviteOf, req: (o) => ({ path: `/api/accounts/invites/${o.inviteId}` }),
    expect: COMMUNITY_STAFF_WRITE(204, 404) },
  { route: 'GET /api/org/grids', kind: 'community', req: (o) => ({ path: `/api/org/grids?communityId=${o.id}` }), expect: COMMUNITY_STAFF_WRITE(200, 404) },
  { route: 'POST /api/org/grids', kind: 'community', fresh: true, req: (o) => ({ path: '/api/org/grids', body: { communityId: o.id, name: `测试网格${uniq()}` } }),
    expect: COMMUNITY_STAFF_WRITE(201, 404) },
  // renamed to the name it has: the places every other row relies on stay as they are
  { route: 'PATCH /api/org/grids/:id', kind: 'grid', prepare: gridNameOf, req: (o) => ({ path: `/api/org/grids/${o.id}`, body: { name: o.name } }),
    expect: {
      resident:     [404, '-', 404, 404],
      buildingHead: [404, '-', 404, 404],
      gridWorker:   [404, '-', 404, 404],
      staff:        ['-', 200, 200, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 200, 200, 200],
    } },
  // moved to the grid it is in: 409 for who may move it, 404 for who may not (a real move would change the
  // places every other row relies on; tests/org/grids.test.ts moves buildings)
  { route: 'POST /api/org/buildings/:id/move', kind: 'building', prepare: buildingGridOf, req: (o) => ({ path: `/api/org/buildings/${o.id}/move`, body: { gridId: o.gridId } }),
    expect: {
      resident:     [404, 404, 404, 404],
      buildingHead: [404, 404, 404, 404],
      gridWorker:   ['-', 404, 404, 404],
      staff:        ['-', 409, 409, 404],
      reviewer:     ['-', 404, 404, 404],
      admin:        ['-', 409, 409, 409],
    } },
];

/** A stock reply of the community: its staff (and admins) change it; its workers and reviewers read it (403); to anyone else it is not there. */
/** 走访 of a household: its grid's worker, its community's staff, the admin; 404 to everyone else (a 1+X pair: tests/visits). */
function VISIT_HOUSEHOLD(ok: number): Record<Role, Row> {
  return {
    resident:     [404, 404, 404, 404],
    buildingHead: [404, 404, 404, 404],
    gridWorker:   ['-', ok, 404, 404],
    staff:        ['-', ok, ok, 404],
    reviewer:     ['-', 404, 404, 404],
    admin:        ['-', ok, ok, ok],
  };
}
/** A household's visit frequency and 1+X pairs: its community's staff and the admin. */
function VISIT_STAFF_HOUSEHOLD(ok: number): Record<Role, Row> {
  return { ...VISIT_HOUSEHOLD(ok), gridWorker: ['-', 404, 404, 404] };
}
/** The community's 走访 frequencies, pairs, coverage and overdue list: its staff and the admin. */
function VISIT_STAFF(ok: number): Record<Role, Row> {
  return {
    resident:     ['-', 403, '-', 403],
    buildingHead: ['-', 403, '-', 403],
    gridWorker:   ['-', 403, '-', 403],
    staff:        ['-', ok, '-', 403],
    reviewer:     ['-', 403, '-', 403],
    admin:        ['-', ok, '-', ok],
  };
}
async function visitOverrideOf(o: Obj) {
  const h = await t.s.deps.db.household.findUniqueOrThrow({ where: { id: o.id } });
  await t.s.deps.db.visitOverride.upsert({ where: { householdId: o.id }, create: { communityId: h.communityId, householdId: o.id, intervalDays: 5, updatedById: 'authz', updatedAt: new Date() }, update: {} });
}
/** A cadre of the household's community to pair it with: its staff member. */
async function visitCadreOf(o: Obj) {
  const h = await t.s.deps.db.household.findUniqueOrThrow({ where: { id: o.id } });
  o.cadreId = (await t.s.deps.db.userRole.findFirstOrThrow({ where: { role: 'STAFF', communityId: h.communityId }, orderBy: { createdAt: 'asc' } })).userId;
}
async function visitPairingOf(o: Obj) {
  await visitCadreOf(o);
  const h = await t.s.deps.db.household.findUniqueOrThrow({ where: { id: o.id } });
  o.pairingId = (
    await t.s.deps.db.visitPairing.upsert({
      where: { householdId_userId: { householdId: o.id, userId: o.cadreId } },
      create: { communityId: h.communityId, householdId: o.id, userId: o.cadreId, createdById: 'authz', createdAt: new Date() },
      update: {},
    })
  ).id;
}
function STOCK_REPLY_EDIT(ok: number): Record<Role, Row> {
  return {
    resident:     ['-', 404, '-', 404],
    buildingHead: ['-', 404, '-', 404],
    gridWorker:   ['-', 403, '-', 404],
    staff:        ['-', ok, '-', 404],
    reviewer:     ['-', 403, '-', 404],
    admin:        ['-', ok, '-', ok],
  };
}

/** 社区设置: its staff and the admin read; another community's staff do not find it; anyone else is refused. */
/** 对接 keys (server/policies/open311.ts) and the 四单月报: the community's staff and the admin; to anyone else the community is not there. */
function KEYS_MANAGE(ok: number): Record<Role, Row> {
  return {
    resident:     ['-', 404, '-', 404],
    buildingHead: ['-', 404, '-', 404],
    gridWorker:   ['-', 404, '-', 404],
    staff:        ['-', ok, '-', 404],
    reviewer:     ['-', 404, '-', 404],
    admin:        ['-', ok, '-', ok],
  };
}
/** A live integration key of the community, made directly (its issuing is the route under test elsewhere). */
async function open311KeyOf(o: Obj) {
  const now = t.s.now();
  const user = await t.s.deps.db.user.create({ data: { displayName: '测试对接' } });
  const k = await t.s.deps.db.open311Key.create({
    data: { communityId: o.id, name: '测试对接', purpose: 'status', keyHash: `authz-${uniq()}`, keyPrefix: 'e311_test', userId: user.id, createdById: user.id, createdAt: now },
  });
  o.keyId = k.id;
}
function SETTINGS_READ(ok: number): Record<Role, Row> {
  return {
    resident:     ['-', 403, '-', 403],
    buildingHead: ['-', 403, '-', 403],
    gridWorker:   ['-', 403, '-', 403],
    staff:        ['-', ok, '-', 404],
    reviewer:     ['-', 403, '-', 403],
    admin:        ['-', ok, '-', ok],
  };
}
/** A category of the community: the admin changes it; its staff are refused (403); to anyone else it is not there. */
function CATEGORY_EDIT(ok: number): Record<Role, Row> {
  return { ...STOCK_REPLY_EDIT(ok), gridWorker: ['-', 404, '-', 404], reviewer: ['-', 404, '-', 404], staff: ['-', 403, '-', 404] };
}
async function categoryOf(o: Obj) {
  o.categoryId = (await t.s.deps.db.serviceCategory.create({ data: { communityId: o.id, code: `authz_${uniq()}`, name: '电梯故障', icon: '🛗', responseMinutes: 30, resolveMinutes: 480, sort: 900 } })).id;
}
/** The community's categories in their present order (a reorder that changes nothing). */
async function categoryIdsOf(o: Obj) {
  const rows = await t.s.deps.db.serviceCategory.findMany({ where: { communityId: o.id, code: { not: 'correction' } }, orderBy: [{ sort: 'asc' }, { code: 'asc' }], select: { id: true } });
  o.categoryIds = rows.map((r) => r.id);
}

async function stockReplyOf(o: Obj) {
  const now = t.s.now();
  const r = await t.s.deps.db.stockReply.create({ data: { communityId: o.id, purpose: 'ask', text: '请拍一张照片', createdAt: now, updatedAt: now } });
  o.replyId = r.id;
}

/** The order a duplicate is merged into: another request of the same resident, filed by their community's staff. */
async function originalOf(o: Obj) {
  const row = await t.s.deps.db.order.findUniqueOrThrow({ where: { id: o.id } });
  const staff = row.communityId === t.huimin.communityId ? t.huimin.staff : t.home.staff;
  o.into = (await makeOrder(staff, row.residentId)).id;
}

/** A route of a community's staff: `ok` for them in their community and for admins anywhere, `refused` for everyone else, 404 for other staff. */
function COMMUNITY_STAFF_WRITE(ok: number, refused: number): Record<Role, Row> {
  return {
    resident:     ['-', refused, '-', refused],
    buildingHead: ['-', refused, '-', refused],
    gridWorker:   ['-', refused, '-', refused],
    staff:        ['-', ok, '-', 404],
    reviewer:     ['-', refused, '-', refused],
    admin:        ['-', ok, '-', ok],
  };
}

/** A WeCom robot registered for the community (its key made up). */
async function robotOf(o: Obj) {
  const key = `authzrobot${uniq()}`.padEnd(24, 'x');
  const g = await t.s.deps.db.chatGroup.create({ data: { channel: 'wecom', externalId: key, senderId: `wecom:${key}`, topic: '授权测试群', communityId: o.id, seenAt: t.s.now() } });
  o.robotId = g.id;
}

/** An account of the community with a role of its own (not a demo account: removing a role ends its sessions), a building and a grid there. */
async function roleHolderOf(o: Obj) {
  const db = t.s.deps.db;
  const building = await db.building.findFirstOrThrow({ where: { communityId: o.id }, orderBy: { name: 'desc' } });
  const user = await db.user.create({ data: { displayName: `授权测试${uniq()}`, roles: { create: { role: 'BUILDING_HEAD', communityId: o.id, buildingId: building.id } } }, include: { roles: true } });
  const other = await db.building.findFirstOrThrow({ where: { communityId: o.id, id: { not: building.id } }, orderBy: { name: 'asc' } });
  Object.assign(o, { userId: user.id, roleId: user.roles[0]!.id, buildingId: other.id, gridId: building.gridId });
}

async function roleInviteOf(o: Obj) {
  const db = t.s.deps.db;
  const grid = await db.grid.findFirstOrThrow({ where: { communityId: o.id } });
  const invite = await db.roleInvite.create({
    data: { communityId: o.id, role: 'GRID_WORKER', gridId: grid.id, name: '授权测试', codeHash: `authz-${uniq()}`, expiresAt: new Date(t.s.now().getTime() + 86_400_000), createdById: t.cast.admin.userId, createdAt: t.s.now() },
  });
  o.inviteId = invite.id;
}

async function gridNameOf(o: Obj) {
  o.name = (await t.s.deps.db.grid.findUniqueOrThrow({ where: { id: o.id } })).name;
}

/** 告知 routes on a notice to one building: read by whoever follows the building (its head, its grid's workers, staff, the admin). */
function REACH_SEE(): Record<Role, Row> {
  return {
  resident:     [404, 404, 404, 404],
  buildingHead: [200, 404, 404, 404],
  gridWorker:   ['-', 200, 404, 404],
  staff:        ['-', 200, 200, 404],
  reviewer:     ['-', 404, 404, 404],
  admin:        ['-', 200, 200, 200],
  };
}
/** …marked 已告知 by the building's own head only: those who merely follow it are refused (403). */
function REACH_TELL(): Record<Role, Row> {
  return { ...REACH_SEE(), gridWorker: ['-', 403, 404, 404], staff: ['-', 403, 403, 404], admin: ['-', 403, 403, 403] };
}

/** A building's patrols: its head, its grid's workers, its community's staff, the admin. */
function PATROL_SEE(ok: number): Record<Role, Row> {
  return {
    resident:     [404, 404, 404, 404],
    buildingHead: [ok, 404, 404, 404],
    gridWorker:   ['-', ok, 404, 404],
    staff:        ['-', ok, ok, 404],
    reviewer:     ['-', 404, 404, 404],
    admin:        ['-', ok, ok, ok],
  };
}

/** Walking a patrol: the building's own head only; everyone else does not find it. */
function PATROL_WALK(ok: number): Record<Role, Row> {
  return { ...PATROL_SEE(404), buildingHead: [ok, 404, 404, 404], gridWorker: ['-', 404, 404, 404], staff: ['-', 404, 404, 404], admin: ['-', 404, 404, 404] };
}

/** The notice's building and one of its households. */
async function reachOf(o: Obj) {
  const db = t.s.deps.db;
  const nb = await db.noticeBuilding.findFirstOrThrow({ where: { noticeId: o.id } });
  o.buildingId = nb.buildingId;
  o.householdId = (await db.household.findFirstOrThrow({ where: { buildingId: nb.buildingId, residents: { some: { leftAt: null } } }, orderBy: { id: 'asc' } })).id;
}

/** A patrol of the building (by its head) with one item of the community's checklist to mark. */
async function patrolOf(o: Obj) {
  const db = t.s.deps.db;
  const now = t.s.now();
  const b = await db.building.findUniqueOrThrow({ where: { id: o.id } });
  const head = await db.userRole.findFirstOrThrow({ where: { role: 'BUILDING_HEAD', buildingId: b.id } });
  const item = await db.patrolItem.create({ data: { communityId: b.communityId, name: `楼道灯${uniq()}`, createdAt: now, updatedAt: now } });
  const p = await db.patrol.create({ data: { communityId: b.communityId, buildingId: b.id, headId: head.userId, startedAt: now } });
  o.patrolId = p.id;
  o.itemId = item.id;
}

/** …with that item found wanting (有问题), not yet filed. */
async function patrolProblemOf(o: Obj) {
  await patrolOf(o);
  await t.s.deps.db.patrolCheck.create({ data: { patrolId: o.patrolId, itemId: o.itemId, itemName: '消防通道畅通', result: 'problem', note: '堆了杂物', checkedAt: t.s.now() } });
}

async function buildingGridOf(o: Obj) {
  o.gridId = (await t.s.deps.db.building.findUniqueOrThrow({ where: { id: o.id } })).gridId;
}

/** A route for the platform admin (and region roles, not in this table): every community role refused. */
/** 户籍台账: a community's registry is the administrators' (refused before the file is read); the caller's community or another. */
function REGISTRY(ok: number): Record<Role, Row> {
  const refused: Row = ['-', 403, '-', 403];
  return { resident: refused, buildingHead: refused, gridWorker: refused, staff: refused, reviewer: refused, admin: ['-', ok, '-', ok] };
}

/** A 户籍台账 workbook of one row naming a building the community does not have: a dry run with one bad row, a confirm with nothing to write. */
function registryForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(t.registry)]), '户籍台账.xlsx');
  return form;
}

/** An import the platform admin previewed for 惠泽社区 (each cell its own). */
async function registryImportOf(o: Obj) {
  const r = await t.s.request('POST', `/api/registry/communities/${t.home.communityId}/imports`, { token: t.cast.admin.token, raw: registryForm() });
  o.importId = (await expectStatus(r, 201, 'registry import')).id;
}

function ADMIN_ONLY(ok: number, refused: number): Record<Role, number> {
  return { resident: refused, buildingHead: refused, gridWorker: refused, staff: refused, reviewer: refused, admin: ok };
}

/** The demo's 惠民街道, above the three communities. */
async function demoStreetOf(o: Obj) {
  o.streetId = (await t.s.deps.db.region.findFirstOrThrow({ where: { name: '惠民街道' } })).id;
}

/** A WeChat account of nobody's, to be named an official of 惠民街道. */
async function regionCandidateOf(o: Obj) {
  await demoStreetOf(o);
  const r = await t.s.request('POST', '/api/auth/wechat', { body: { code: `fake:authz-official-${uniq()}` } });
  o.userId = (await expectStatus(r, 200, 'wechat account')).userId;
}

/** …and one already named 街道督查, to be taken away. */
async function regionOfficialOf(o: Obj) {
  await regionCandidateOf(o);
  o.roleId = (await expectStatus(await t.cast.admin.post(`/api/regions/${o.streetId}/roles`, { userId: o.userId, role: 'STREET_OVERSIGHT' }), 201, 'region role')).id;
}

/** An open invitation to be 街道督查 of 惠民街道, to be withdrawn (H2). */
async function regionInviteOf(o: Obj) {
  await demoStreetOf(o);
  o.inviteId = (await expectStatus(await t.cast.admin.post(`/api/regions/${o.streetId}/invites`, { role: 'STREET_OVERSIGHT', name: '测试督查' }), 201, 'region invite')).id;
}

function all<T>(v: T): Record<Role, T> {
  return Object.fromEntries(ROLES.map((r) => [r, v])) as Record<Role, T>;
}

// --- the world the cells run in ------------------------------------------------------

const OPENID: Record<Role, string> = {
  resident: 'demo-resident',
  buildingHead: 'demo-buildinghead',
  gridWorker: 'demo-gridworker',
  staff: 'demo-staff',
  reviewer: 'demo-reviewer',
  admin: 'demo-admin',
};

interface Place {
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  /** a member without an account (the head when everyone has one) */
  memberId: string;
  /** the account that lives there, and its resident */
  client: Client;
  clientResidentId: string;
  /** the staff of its community */
  staff: Client;
  /** a points rule of its community without a cap */
  ruleId: string;
}

const t = {} as {
  s: TestServer;
  cast: Cast;
  home: Place; // demo-resident's household, 惠泽1栋, 第1网格
  head: Place; // the building head's household, 惠泽1栋, 第1网格
  grid2: Place; // demo-resident-2's, 惠泽4栋, 第2网格
  huimin: Place; // demo-resident-huimin's, 惠民1栋
  building2: string; // 惠泽2栋, 第1网格
  ledger: Buffer;
  registry: Buffer;
  image: Buffer;
};

// 民情日志 and 就业摸底: an entry of the cell's grid; the month's survey, and the cell's household's task of it pending again
const SURVEY_MONTH = '2026-12';
async function logEntryIn(o: Obj) {
  const db = t.s.deps.db;
  const g = await db.grid.findUniqueOrThrow({ where: { id: o.id } });
  const worker = await db.userRole.findFirstOrThrow({ where: { role: 'GRID_WORKER', gridId: o.id }, orderBy: { createdAt: 'asc' } });
  o.entryId = (await db.gridLogEntry.create({ data: { communityId: g.communityId, gridId: g.id, authorId: worker.userId, kind: 'sentiment', text: `走访记录${uniq()}`, occurredAt: new Date() } })).id;
}
async function surveyOfGrid(o: Obj) {
  const g = await t.s.deps.db.grid.findUniqueOrThrow({ where: { id: o.id } });
  await generateSurvey(t.s.deps, { communityId: g.communityId, month: SURVEY_MONTH, createdById: null });
}
async function surveyTaskOf(o: Obj) {
  const db = t.s.deps.db;
  const h = await db.household.findUniqueOrThrow({ where: { id: o.id } });
  await generateSurvey(t.s.deps, { communityId: h.communityId, month: SURVEY_MONTH, createdById: null });
  const where = { householdId_month: { householdId: o.id, month: SURVEY_MONTH } };
  o.taskId = (await db.employmentSurveyTask.update({ where, data: { status: 'pending', doneById: null, doneAt: null } })).id;
}

/** A new 扫码登录 code, its ticket in the cell's object. */
async function newQrCode(o: Obj) {
  o.ticket = (await expectStatus(await t.s.request('POST', '/api/auth/qr'), 200, 'qr code')).ticket;
}
/** …scanned by the cell's caller, when they may (a resident may not: the cell's own request is refused first anyway). */
async function scannedQrCode(o: Obj, role: Role) {
  await newQrCode(o);
  await client(role).post(`/api/auth/qr/${o.ticket}/scan`, {});
}

const anonymous = async (): Promise<Client> => ({ token: '', userId: '', get: (p) => t.s.request('GET', p), post: (p, b) => t.s.request('POST', p, { body: b ?? {} }) });
const client = (r: Role): Client => t.cast[r];

function imageForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(t.image)], { type: 'image/png' }), 'photo.png');
  return form;
}
function ledgerForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(t.ledger)]), '台账.xlsx');
  return form;
}

const JOB = () => ({ employer: '清达服装有限公司', title: `缝纫工${uniq()}`, kind: 'workshop', location: '帮扶车间', headcount: 5, contact: '0857-1234567' });
function TRAINING(jobIds: string[]) {
  const day = 86_400_000;
  const now = t.s.now().getTime();
  return {
    course: `缝纫培训${uniq()}`,
    trade: 'garment',
    schedule: '周一至周五 9:00-17:00',
    place: '社区培训室',
    signupDeadline: new Date(now + day).toISOString(),
    startsAt: new Date(now + 2 * day).toISOString(),
    endsAt: new Date(now + 5 * day).toISOString(),
    capacity: 100,
    jobIds,
  };
}
const NOTICE = (buildingId: string, communityId?: string) => ({
  kind: 'news',
  title: '停水通知',
  body: '明天上午九点到十二点停水，请提前储水。',
  audience: { type: 'buildings', buildingIds: [buildingId] },
  ...(communityId ? { communityId } : {}),
});

async function expectStatus(r: { status: number; body: unknown }, status: number, what: string) {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as any;
}

async function placeOf(c: Client, staff: Client): Promise<Place> {
  const me = (await c.get('/api/me')).body;
  const db = t.s.deps.db;
  // by name, not id: ids are random, and the same member must be picked every run
  const members = (await db.resident.findMany({ where: { householdId: me.resident.householdId }, include: { user: true } })).sort(byName);
  const member = members.find((m) => !m.user) ?? members[0]!;
  return {
    communityId: me.community.id,
    gridId: me.grid.id,
    buildingId: me.building.id,
    householdId: me.resident.householdId,
    memberId: member.id,
    client: c,
    clientResidentId: me.resident.id,
    staff,
    ruleId: (await t.s.deps.db.pointsRule.findFirstOrThrow({ where: { communityId: me.community.id, code: 'authz_award' } })).id,
  };
}

const byName = (a: { name: string; birthYear: number | null; id: string }, b: { name: string; birthYear: number | null; id: string }) =>
  byKeys([a.name, String(a.birthYear ?? ''), a.id], [b.name, String(b.birthYear ?? ''), b.id]);

/** The household a relation means for a caller; null where there is none. */
function household(role: Role, rel: Relation): Place | null {
  switch (rel) {
    case 'own':
      return role === 'resident' ? t.home : role === 'buildingHead' ? t.head : null;
    case 'sameGrid':
      return role === 'resident' ? t.head : t.home;
    case 'otherGrid':
      return t.grid2;
    case 'otherCommunity':
      return t.huimin;
  }
}

/** For what belongs to the whole community: the caller's, or the other one. */
const community = (rel: Relation): Place | null => (rel === 'sameGrid' ? t.home : rel === 'otherCommunity' ? t.huimin : null);

async function makeOrder(by: Client, onBehalfOf?: string): Promise<Obj> {
  return expectStatus(
    await by.post('/api/orders', { category: 'repair', description: '水管漏水了，请来看看。', ...(onBehalfOf ? { onBehalfOf } : {}) }),
    201,
    'order',
  );
}

async function makeRedemption(p: Place): Promise<Obj> {
  const item = await expectStatus(await p.staff.post('/api/shop/items', { name: `毛巾${uniq()}`, pointsPrice: 1, stock: 100 }), 201, 'item');
  const r = await t.s.request('POST', '/api/shop/redemptions', { token: p.client.token, body: { itemId: item.id }, headers: { [H]: `authz-${uniq()}` } });
  return expectStatus(r, 201, 'redemption');
}

async function makeTraining(p: Place): Promise<Obj> {
  return expectStatus(await p.staff.post('/api/trainings', TRAINING([])), 201, 'training');
}

/** A new object of a kind for a caller and relation, or null when the relation has none. */
async function make(kind: Kind, role: Role, rel: Relation): Promise<Obj | null> {
  const h = household(role, rel);
  const c = community(rel);
  switch (kind) {
    case 'household':
      if (!h) return null;
      return {
        id: h.householdId,
        self: rel === 'own',
        residentId: h.memberId,
        ruleId: h.ruleId,
      };
    case 'resident':
      return h && { id: h.memberId };
    case 'order': {
      if (rel !== 'own') return h && makeOrder(h.client);
      if (h) return makeOrder(h.client);
      return role === 'reviewer' ? null : makeOrder(client(role), t.home.memberId); // filed by the caller for a resident of 第1网格
    }
    case 'upload': {
      if (rel === 'own') {
        const mine = await t.s.request('POST', '/api/uploads', { token: client(role).token, raw: imageForm() });
        return mine.status === 201 ? mine.body : null; // the admin belongs to no community and uploads nothing
      }
      const up = await expectStatus(await t.s.request('POST', '/api/uploads', { token: h!.client.token, raw: imageForm() }), 201, 'upload');
      await expectStatus(await h!.client.post('/api/orders', { category: 'repair', description: '墙皮脱落，见照片。', photos: [up.id] }), 201, 'order with photo');
      return up;
    }
    case 'building':
      if (rel === 'own') return role === 'resident' || role === 'buildingHead' ? { id: t.home.buildingId, communityId: t.home.communityId } : null;
      if (rel === 'sameGrid') return { id: t.building2, communityId: t.home.communityId };
      return { id: h!.buildingId, communityId: h!.communityId };
    case 'grid': {
      const worksHere = role === 'resident' || role === 'buildingHead' || role === 'gridWorker';
      if (rel === 'own') return worksHere ? { id: t.home.gridId } : null;
      if (rel === 'sameGrid') return worksHere ? null : { id: t.home.gridId };
      return { id: h!.gridId };
    }
    case 'community':
      return c && { id: c.communityId };
    case 'notice': {
      const b = await make('building', role, rel);
      if (!b) return null;
      const p = b.communityId === t.home.communityId ? t.home : t.huimin;
      return expectStatus(await p.staff.post('/api/notices', NOTICE(b.id)), 201, 'notice');
    }
    case 'job':
      return c && expectStatus(await c.staff.post('/api/jobs', JOB()), 201, 'job');
    case 'training': {
      if (!c) return null;
      return makeTraining(c);
    }
    case 'item':
      return c && expectStatus(await c.staff.post('/api/shop/items', { name: `肥皂${uniq()}`, pointsPrice: 1, stock: 100 }), 201, 'item');
    case 'rule':
      return c && expectStatus(await c.staff.post('/api/points/rules', { code: `r_${uniq()}`, name: '测试规则', points: 2 }), 201, 'rule');
    case 'redemption':
      return h && makeRedemption(h);
    case 'interest': {
      if (!h) return null;
      const job = await expectStatus(await h.staff.post('/api/jobs', JOB()), 201, 'job');
      const i = await expectStatus(await h.client.post(`/api/jobs/${job.id}/interest`, {}), 200, 'interest');
      return { id: i.id, jobId: job.id };
    }
    case 'enrolled': {
      if (!h) return null;
      const tr = await makeTraining(h);
      await expectStatus(await h.client.post(`/api/trainings/${tr.id}/enrol`, {}), 201, 'enrol');
      return { id: tr.id, residentId: h.clientResidentId };
    }
  }
}

/**
 * A leaving takes the person out for good: each cell gets a new member of the cell's
 * household to record it for, so the household's usual member stays for the other routes.
 */
async function newHouseholdMember(o: Obj): Promise<void> {
  const db = t.s.deps.db;
  const member = await db.resident.findUniqueOrThrow({ where: { id: o.id } });
  const added = await db.resident.create({
    data: { communityId: member.communityId, householdId: member.householdId, name: `新成员${uniq()}`, relation: '其他', gender: '女', birthYear: 1990 },
  });
  o.id = added.id;
}

/** The object's own row, to see that a refused update left it alone. */
async function snapshot(kind: Kind, o: Obj | null): Promise<unknown> {
  if (!o) return null;
  const db = t.s.deps.db;
  switch (kind) {
    case 'order':
      return db.order.findUnique({ where: { id: o.id } });
    case 'job':
      return db.jobPosting.findUnique({ where: { id: o.id } });
    case 'training':
    case 'enrolled':
      return [await db.trainingSession.findUnique({ where: { id: o.id } }), await db.enrolment.findMany({ where: { trainingId: o.id }, orderBy: { id: 'asc' } })];
    case 'item':
      return db.shopItem.findUnique({ where: { id: o.id } });
    case 'rule':
      return db.pointsRule.findUnique({ where: { id: o.id } });
    case 'redemption':
      return db.redemption.findUnique({ where: { id: o.id } });
    case 'interest':
      return db.jobInterest.findUnique({ where: { id: o.id } });
    case 'notice':
      return db.notice.findUnique({ where: { id: o.id } });
    case 'household':
      return db.pointsAccount.findUnique({ where: { householdId: o.id } });
    case 'resident':
      return db.resident.findUnique({ where: { id: o.id }, include: { user: true } });
    case 'building':
      return db.buildingGroup.findMany({ where: { buildingId: o.id } });
    case 'grid':
      return db.gridGroup.findMany({ where: { gridId: o.id } });
    case 'community':
      return db.noticeAutomation.findUnique({ where: { communityId: o.id } });
    case 'upload':
      return db.upload.findUnique({ where: { id: o.id } });
  }
}

/** An account with the role's roles but no resident (so it may link); the linked roles use their own account. */
async function unlinkedCopy(role: Role): Promise<Client> {
  if (role === 'resident' || role === 'buildingHead') return client(role);
  const db = t.s.deps.db;
  const roles = await db.userRole.findMany({ where: { userId: client(role).userId } });
  const openid = `authz-copy-${uniq()}`;
  await db.user.create({
    data: {
      displayName: `复制账号${role}`,
      identities: { create: { openid } },
      roles: { create: roles.map((r) => ({ role: r.role, communityId: r.communityId, gridId: r.gridId, buildingId: r.buildingId })) },
    },
  });
  return t.s.login(openid);
}

/** A one-time account code for a resident of 惠泽 without an account (for POST /api/me/link). */
async function freshInvite(): Promise<string> {
  // the first by address and name (not by id, which is random: the same resident every run)
  const candidates = await t.s.deps.db.resident.findMany({
    where: { communityId: t.home.communityId, user: null, invites: { none: {} } },
    select: { id: true, name: true, household: { select: { room: true, building: { select: { name: true } }, unit: { select: { name: true } } } } },
  });
  const key = (c: (typeof candidates)[number]) => [c.household.building.name, c.household.unit.name, c.household.room, c.name, c.id];
  const r = candidates.sort((a, b) => byKeys(key(a), key(b)))[0];
  if (!r) throw new Error('no resident of 惠泽 left to invite');
  return (await expectStatus(await t.cast.staff.post(`/api/org/residents/${r.id}/invite`, {}), 201, 'invite')).code;
}

// --- the cases ----------------------------------------------------------------------

interface Cell {
  route: Route;
  role: Role;
  rel: Relation | null;
  status: number | 'E';
}

/** What a reply was, in the table's terms. */
function outcome(route: Route, r: { status: number; body: unknown }, o: Obj): number | 'E' {
  return route.count && r.status === 200 && route.count(r.body, o) === 0 ? 'E' : r.status;
}

function cells(): Cell[] {
  const out: Cell[] = [];
  for (const route of MATRIX) {
    for (const role of ROLES) {
      const e = route.expect[role];
      if (typeof e === 'number') {
        out.push({ route, role, rel: null, status: e });
        continue;
      }
      RELATIONS.forEach((rel, i) => {
        const status = e[i]!;
        if (status !== '-' || process.env.AUTHZ_OBSERVE) out.push({ route, role, rel, status: status === '-' ? 0 : status });
      });
    }
  }
  return out;
}

const CELLS = cells();
/** Objects that cells of read-only routes share: one per kind, caller and relation. */
const shared = new Map<string, Promise<Obj | null>>();

async function objectFor(cell: Cell): Promise<Obj | null> {
  const { route, role, rel } = cell;
  if (!route.kind || !rel) return {};
  if (route.fresh) return make(route.kind, role, rel);
  const key = `${route.kind}:${role}:${rel}`;
  if (!shared.has(key)) shared.set(key, make(route.kind, role, rel));
  return shared.get(key)!;
}

async function run(cell: Cell) {
  const o = await objectFor(cell);
  if (!o) return null; // the caller reports it (or, for a '-' cell run to observe it, records nothing)
  await cell.route.prepare?.(o, cell.role);
  const req = cell.route.req(o, cell.role);
  const who = req.as ? await req.as() : client(cell.role);
  if (req.withInvite) req.body = { code: await freshInvite() };
  const method = cell.route.route.split(' ')[0]!;
  const db = t.s.deps.db;
  const beforeMark = await writeMark(db);
  const beforeRow = cell.route.kind ? await snapshot(cell.route.kind, o) : null;
  const r = await t.s.request(method, req.path, { token: who.token || undefined, body: req.body, raw: req.raw?.(), headers: req.headers });
  return { r, db, beforeMark, beforeRow, o };
}

let observed: Record<string, Record<string, Array<number | '-'> | number>> | null = null;

beforeAll(async () => {
  t.s = await startServer({ SESSION_TTL_HOURS: String(24 * 365) });
  t.cast = await signInAll(t.s);
  const { cast, s } = t;
  for (const staff of [cast.staff, cast.staffHuimin]) {
    await expectStatus(await staff.post('/api/points/rules', { code: 'authz_award', name: '测试奖励', points: 1 }), 201, 'rule');
  }
  t.home = await placeOf(cast.resident, cast.staff);
  t.head = await placeOf(cast.buildingHead, cast.staff);
  t.grid2 = await placeOf(cast.resident2, cast.staff);
  t.huimin = await placeOf(cast.residentHuimin, cast.staffHuimin);
  t.building2 = (await s.deps.db.building.findFirstOrThrow({ where: { name: '惠泽2栋' } })).id;
  for (const p of [t.home, t.head, t.grid2, t.huimin]) {
    await expectStatus(await p.staff.post('/api/points/adjustments', { householdId: p.householdId, amount: 100_000, reason: '测试备用积分' }), 200, 'points');
  }
  const exported = await fetch(`${s.url}/api/employment/export`, { headers: { authorization: `Bearer ${cast.staff.token}` } });
  t.ledger = Buffer.from(await exported.arrayBuffer());
  t.registry = await writeRegistryWorkbook({ grids: [], buildings: [], buildingRows: [], peopleRows: [['没有这栋楼', '1单元', '101', '户主', '杨光明', '', '', '', '', '', '', '', '']] }, 1);
  t.image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } }).png().toBuffer();
  if (process.env.AUTHZ_OBSERVE) observed = {};
}, 120_000);

afterAll(async () => {
  if (observed) {
    const fs = await import('node:fs');
    fs.mkdirSync('.tmp', { recursive: true });
    fs.writeFileSync('.tmp/authz-observed.json', JSON.stringify(observed, null, 1));
  }
  await t.s?.close();
});

describe('authorization matrix', () => {
  it('covers every route of the routers but the steps of tests/orders/matrix.test.ts', () => {
    const steps = ['dispatch', 'claim', 'resolve', 'feedback', 'review', 'cancel'].map((a) => `POST /api/orders/:id/${a}`);
    const listed = MATRIX.map((m) => m.route);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed, ...steps].sort()).toEqual(routerRoutes());
  });

  // one test per route, one assertion per cell inside it: the failure names the cell
  for (const route of MATRIX) {
    const mine = CELLS.filter((c) => c.route === route);
    it(`${route.route} — ${mine.filter((c) => c.status !== 0).length} cells`, async () => {
      const wrong: string[] = [];
      for (const cell of mine) {
        const ran = await run(cell);
        const label = `${cell.role}${cell.rel ? ` / ${cell.rel}` : ''}`;
        const wrote = ran && ran.r.status >= 400 ? await writesSince(ran.db, ran.beforeMark) : {};
        if (observed) {
          // AUTHZ_OBSERVE records what was answered, '-' cells too, and prints what differs; the assertions below still hold
          const row = ((observed[route.route] ??= {})[cell.role] ??= cell.rel ? ['-', '-', '-', '-'] : ran!.r.status) as any;
          if (cell.rel && ran) row[RELATIONS.indexOf(cell.rel)] = outcome(route, ran.r, ran.o);
          if (ran && cell.status !== 0 && outcome(route, ran.r, ran.o) !== cell.status) console.log('OBSERVED ≠ TABLE', route.route, label, `table ${cell.status}, answered ${outcome(route, ran.r, ran.o)}`);
          if (Object.keys(wrote).length) console.log('WROTE ON REFUSAL', route.route, label, ran!.r.status, wrote);
          if (ran && ran.r.status >= 500) console.log('5xx', route.route, label, JSON.stringify(ran.r.body));
        }
        if (cell.status === 0) continue; // a '-' cell, run only to observe it
        if (!ran) {
          wrong.push(`${label}: no ${route.kind} for this caller and relation: the table should say '-'`);
          continue;
        }
        const { r, beforeRow, o } = ran;
        const got = outcome(route, r, o);
        if (got !== cell.status) wrong.push(`${label}: expected ${cell.status}, got ${got} ${JSON.stringify(r.body).slice(0, 200)}`);
        if (r.status >= 400) {
          if (Object.keys(wrote).length) wrong.push(`${label}: refused with ${r.status} but wrote ${JSON.stringify(wrote)}`);
          if (route.kind) {
            const after = await snapshot(route.kind, o);
            if (JSON.stringify(after) !== JSON.stringify(beforeRow)) wrong.push(`${label}: refused with ${r.status} but changed the object`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

// --- signed-out callers -------------------------------------------------------------
// Every route outside this list must answer 401, and write nothing, to a caller with no
// token, with an expired one, or with one signed out: a route mounted without sign-in
// (or a session check that forgot expiry or revocation) fails here. The list is written
// out, not read from the routes' `auth`, so that making a route public is a visible change.
const PUBLIC = [
  'GET /api/health',
  'POST /api/auth/wechat',
  'POST /api/auth/dev-login',
  'POST /api/auth/dev-login/console',
  'POST /api/auth/password',
  'POST /api/auth/password/totp',
  'POST /api/auth/logout',
  'POST /api/auth/qr',
  'GET /api/auth/qr/:ticket',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/assets/:file',
  // WeChat's message push: WeChat signs it with the push token, no one signs in
  'GET /api/wechat/push',
  'POST /api/wechat/push',
  // Open311 GeoReport v2: an integration's API key, not a session (server/open311/keys.ts requireKey); without
  // one these answer 401 in the spec's error form ([{code, description}]), checked in the table above and tests/open311/
  'GET /open311/v2/services.:format',
  'GET /open311/v2/requests.:format',
  'GET /open311/v2/requests/:id.:format',
  'POST /open311/v2/requests.:format',
];
const SIGNED_OUT = ['no token', 'expired token', 'signed-out token'] as const;
type SignedOut = (typeof SIGNED_OUT)[number];

/** Per role: a token that worked for that role, now expired, and one whose session was ended by logout. */
const stale = {} as Record<Role, Record<Exclude<SignedOut, 'no token'>, string>>;

async function staleTokens(role: Role) {
  const s = t.s;
  const ttlMinutes = s.deps.config.sessionTtlMs / 60_000;
  // a session begun a session's lifetime and a minute ago: it ended a minute ago
  s.advance(-(ttlMinutes + 1));
  const old = await s.login(OPENID[role]);
  expect((await old.get('/api/me')).status).toBe(200); // it was good while it lasted
  s.advance(ttlMinutes + 1);
  const out = await s.login(OPENID[role]);
  expect((await out.get('/api/me')).status).toBe(200);
  expect((await s.request('POST', '/api/auth/logout', { token: out.token })).status).toBe(204);
  return { 'expired token': old.token, 'signed-out token': out.token };
}

/** The order steps of tests/orders/matrix.test.ts: an order in the step's state, the role and body that would take it. */
const ORDER_STEPS: Record<string, { at: 'submitted' | 'dispatched' | 'accepted' | 'resolved' | 'rated'; role: Role; body: unknown }> = {
  dispatch: { at: 'submitted', role: 'staff', body: {} },
  claim: { at: 'dispatched', role: 'gridWorker', body: {} },
  resolve: { at: 'accepted', role: 'gridWorker', body: { note: '已上门处理好了' } },
  feedback: { at: 'resolved', role: 'resident', body: { satisfied: true, rating: 5 } },
  review: { at: 'rated', role: 'reviewer', body: { verdict: 'pass', comment: '处理及时' } },
  cancel: { at: 'submitted', role: 'resident', body: { reason: '不需要了' } },
};

/**
 * The request a signed-in caller would have succeeded with (the table's first 2xx cell
 * for the route), so that a route that let a signed-out caller through would act on a
 * real object and write, not fail on a missing one.
 */
async function wouldSucceed(routeName: string): Promise<{ role: Role; method: string; req: Req }> {
  const method = routeName.split(' ')[0]!;
  const step = /^POST \/api\/orders\/:id\/(\w+)$/.exec(routeName)?.[1];
  // the steps of the flow (tests/orders/matrix.test.ts); the conversation's routes (updates, ask, join, merge) are in the table
  if (step && ORDER_STEPS[step]) {
    const { at, role, body } = ORDER_STEPS[step]!;
    const order = await makeOrder(t.cast.resident);
    if (at !== 'submitted') await advanceOrder(t.cast, order.id, at);
    return { role, method, req: { path: `/api/orders/${order.id}/${step}`, body } };
  }
  const route = MATRIX.find((m) => m.route === routeName);
  // a route the table lacks (the first test of the matrix names it) is still checked, on an id that names nothing
  if (!route) return { role: 'staff', method, req: { path: routeName.split(' ')[1]!.replace(/:[A-Za-z]+/g, 'c0000000000000000000000000'), body: method === 'GET' ? undefined : {} } };
  const mine = CELLS.filter((c) => c.route === route && c.status !== 0);
  const ordered = [...mine.filter((c) => typeof c.status === 'number' && c.status < 300), ...mine];
  for (const cell of ordered) {
    const o = await objectFor(cell);
    if (!o) continue;
    await route.prepare?.(o, cell.role);
    const req = route.req(o, cell.role);
    if (req.withInvite) req.body = { code: await freshInvite() };
    return { role: cell.role, method, req };
  }
  throw new Error(`no object to call ${routeName} on`);
}

describe('signed-out callers', () => {
  beforeAll(async () => {
    for (const role of ROLES) stale[role] = await staleTokens(role);
  }, 60_000);

  it('the public routes are routes of the routers', () => {
    expect(PUBLIC.filter((r) => !routerRoutes().includes(r))).toEqual([]);
  });

  for (const routeName of routerRoutes().filter((r) => !PUBLIC.includes(r))) {
    it(`${routeName} — 401 and nothing written, with no token, an expired one or a signed-out one`, async () => {
      const { role, method, req } = await wouldSucceed(routeName);
      const wrong: string[] = [];
      for (const who of SIGNED_OUT) {
        const token = who === 'no token' ? undefined : stale[role][who];
        const db = t.s.deps.db;
        const mark = await writeMark(db);
        const r = await t.s.request(method, req.path, { token, body: req.body, raw: req.raw?.(), headers: req.headers });
        if (r.status !== 401 || r.body?.error?.code !== 'unauthenticated') wrong.push(`${who} (${role}'s): expected 401 unauthenticated, got ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        const wrote = await writesSince(db, mark);
        if (Object.keys(wrote).length) wrong.push(`${who} (${role}'s): wrote ${JSON.stringify(wrote)}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
