// Property-based fuzzing of every route (fast-check): arbitrary path params,
// query strings, JSON bodies (any JSON value, objects with the API's field names
// and hostile values, invalid JSON, prototype-pollution keys, huge and deeply
// nested bodies, every kind of Unicode), multipart uploads of random bytes and
// odd headers, by callers of every role, signed out or with a made-up token.
// Whatever comes in, the answer is never a 5xx; a refused request (4xx) writes
// nothing (no row of any table added, changed or removed: tests/support/writeLog.ts);
// and nothing reaches Object.prototype.
//
// FUZZ_RUNS sets the runs per route (default 20: about 1,600 requests in all).
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { plainIdNumber } from '../support/idNumbers.js';
import { writeMark, writesSince } from '../support/writeLog.js';
import { routerRoutes } from './routes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

let s: TestServer;
let cast: Cast;
/** real ids, so that a fuzzed body or query also reaches past "not found" */
const ids: Record<string, string[]> = {};
const allIds = () => Object.values(ids).flat();

beforeAll(async () => {
  s = await startServer({ SESSION_TTL_HOURS: String(24 * 365) });
  cast = await signInAll(s);
  const db = s.deps.db;
  const some = async (rows: Promise<Array<{ id: string }>>) => (await rows).map((r) => r.id);
  const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#226688' } }).png().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'a.png');
  const upload = await s.request('POST', '/api/uploads', { token: cast.resident.token, raw: form });
  const item = (await cast.resident.get('/api/shop/items')).body[0];
  await s.request('POST', '/api/shop/redemptions', { token: cast.resident.token, body: { itemId: item.id }, headers: { 'idempotency-key': 'fuzz-setup-1' } });
  Object.assign(ids, {
    // each pool in an order of what the rows are (ids are random), so a failure's seed replays on the same rows
    order: await some(db.order.findMany({ take: 4, select: { id: true }, orderBy: [{ title: 'asc' }, { description: 'asc' }] })),
    upload: [upload.body.id],
    resident: await some(db.resident.findMany({ take: 3, select: { id: true }, orderBy: [{ name: 'asc' }, { birthYear: 'asc' }] })),
    household: await some(db.household.findMany({ take: 3, select: { id: true }, orderBy: [{ building: { name: 'asc' } }, { unit: { name: 'asc' } }, { room: 'asc' }] })),
    rule: await some(db.pointsRule.findMany({ take: 3, select: { id: true }, orderBy: [{ community: { name: 'asc' } }, { code: 'asc' }] })),
    item: await some(db.shopItem.findMany({ take: 3, select: { id: true }, orderBy: [{ community: { name: 'asc' } }, { name: 'asc' }] })),
    redemption: await some(db.redemption.findMany({ take: 3, select: { id: true }, orderBy: [{ item: { name: 'asc' } }, { household: { room: 'asc' } }] })),
    job: await some(db.jobPosting.findMany({ take: 3, select: { id: true }, orderBy: [{ title: 'asc' }, { employer: 'asc' }] })),
    interest: await some(db.jobInterest.findMany({ take: 3, select: { id: true }, orderBy: [{ job: { title: 'asc' } }, { resident: { name: 'asc' } }] })),
    training: await some(db.trainingSession.findMany({ take: 3, select: { id: true }, orderBy: [{ course: 'asc' }] })),
    notice: await some(db.notice.findMany({ take: 3, select: { id: true }, orderBy: [{ title: 'asc' }] })),
    building: await some(db.building.findMany({ take: 3, select: { id: true }, orderBy: [{ name: 'asc' }] })),
    grid: await some(db.grid.findMany({ take: 3, select: { id: true }, orderBy: [{ community: { name: 'asc' } }, { name: 'asc' }] })),
    community: await some(db.community.findMany({ select: { id: true }, orderBy: { name: 'asc' } })),
  });
  ids.user = [cast.gridWorker.userId, cast.staff.userId];
}, 120_000);
afterAll(() => s?.close());

// --- what the fuzzer sends ----------------------------------------------------------

/** Every field name the API's schemas read, so objects hit real fields with wrong values. */
const FIELDS = [
  'category', 'title', 'description', 'urgency', 'photos', 'onBehalfOf', 'assigneeId', 'note', 'satisfied', 'rating', 'comment', 'verdict',
  'reason', 'code', 'openid', 'itemId', 'quantity', 'ruleId', 'householdIds', 'householdId', 'times', 'residentId', 'amount', 'name', 'points',
  'monthlyCap', 'active', 'expiryMonths', 'description', 'icon', 'pointsPrice', 'stock', 'limitPerHousehold', 'limitPeriod', 'onShelf', 'pickupCode',
  'employer', 'kind', 'location', 'payMin', 'payMax', 'payUnit', 'headcount', 'requirements', 'contact', 'trades', 'deadline', 'outcome',
  'recordEmployment', 'course', 'trade', 'schedule', 'place', 'startsAt', 'endsAt', 'signupDeadline', 'capacity', 'jobIds', 'waitlist', 'day',
  'records', 'present', 'residentIds', 'status', 'since', 'body', 'audience', 'type', 'gridIds', 'buildingIds', 'imageId', 'pagePath', 'sendAt',
  'communityId', 'jobs', 'trainings', 'emergencyOrders', 'accepted', 'groupId', 'wecom', 'webhook', 'topic',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
];
const QUERY_KEYS = [
  'status', 'urgency', 'overdue', 'mine', 'limit', 'cursor', 'days', 'buildingId', 'gridId', 'tag', 'q', 'kind', 'all', 'unread', 'months',
  'pickupCode', 'communityId', 'zeroEmployment', 'exp', 'sig', '__proto__', 'constructor', 'hasOwnProperty',
];
const BIG = ['x'.repeat(250_000), '好'.repeat(90_000), '𠮷'.repeat(5_000)];
const WORDS = [
  '', ' ', '\u0000', '\t\n', '\uFEFF', '\u202E', 'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1e309', '9007199254740993', '-0',
  'true', 'false', '[]', '{}', '%', '%zz', '%E0%A4%A', '..', '../../etc/passwd', "' OR 1=1 --", '"; DROP TABLE "Order"; --', '<script>alert(1)</script>',
  '2026-02-30T25:61:00Z', '2026-12-01T09:00:00+08:00', '2026-12-01', '-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z',
  '0000-01-01T00:00:00Z', '-004713-01-01T00:00:00Z', '1900-01-01', '9999-12-31T23:59:59.999Z', '123456', 'repair', 'emergency', 'pass', 'hired', 'community', 'buildings',
  'seeking', 'order_status', 'pages/orders/new', 'welding', 'month', '__proto__', 'constructor', 'A'.repeat(5_000), '𠮷'.repeat(300),
];

const nastyString = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...WORDS), weight: 3 },
  { arbitrary: fc.nat().map((i) => allIds()[i % allIds().length]!), weight: 3 },
  { arbitrary: fc.constantFrom(...BIG), weight: 1 },
);
const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2, 5, 20, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, 0.5, 1e-300, 8.64e15, -8.64e15),
);
const { value: nastyValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie('value'), { maxKeys: 4 }),
  ),
}));
const shapedObject = fc.dictionary(fc.constantFrom(...FIELDS), nastyValue, { maxKeys: 8 });

/** A raw request body (text), for what JSON.stringify would never make. */
const rawBody = fc.oneof(
  fc.constantFrom(
    '{"__proto__": {"polluted": true}, "category": "repair"}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"__proto__": {"isAdmin": true}, "roles": [{"role": "ADMIN"}]}',
    '{"a": 1,',
    'not json',
    '',
    'null',
    '"just a string"',
    '[' .repeat(20_000) + ']'.repeat(20_000),
    '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
    `{"description": "${'x'.repeat(250_000)}"}`,
    '\uFEFF{"code": "x"}',
    '{"code": "\\ud800"}',
  ),
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; type: string }
  | { kind: 'multipart'; bytes: Uint8Array; field: string; filename: string; type: string };

const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, value })), weight: 2 },
  { arbitrary: shapedObject.map((value) => ({ kind: 'json' as const, value })), weight: 5 },
  {
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      text: rawBody,
      type: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/vnd.api+json',
        'multipart/form-data',
        'multipart/form-data; boundary=xyz',
      ),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('multipart' as const),
      bytes: fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.constant(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), fc.constant(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0]))),
      field: fc.constantFrom('file', 'file', 'photo', ''),
      filename: fc.constantFrom('a.jpg', '台账.xlsx', '../../x.png', '', 'a'.repeat(300)),
      type: fc.constantFrom('image/jpeg', 'image/png', 'application/octet-stream', 'text/html', 'image/svg+xml'),
    }),
    weight: 1,
  },
);

/** A well-formed body per route (with real ids), for the fuzzer to bend one field of at a time. */
function validBody(route: string): Record<string, unknown> | undefined {
  const day = 86_400_000;
  const at = (d: number) => new Date(s.now().getTime() + d * day).toISOString();
  const id = (k: string) => ids[k]![0]!;
  const job = { employer: '清达服装', title: '缝纫工', kind: 'workshop', location: '帮扶车间', payMin: 2000, payMax: 3000, payUnit: 'month', headcount: 3, requirements: '', contact: '0857-1234567', trades: ['garment'], deadline: at(30) };
  const item = { name: '香皂', description: '', icon: '🧼', pointsPrice: 5, stock: 10, limitPerHousehold: 2, limitPeriod: 'month', onShelf: true };
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/auth/wechat': { code: 'fake:fuzz-user' },
    'POST /api/auth/dev-login': { openid: 'demo-resident' },
    'POST /api/me/link': { code: 'ABCD2345' },
    'POST /api/me/corrections': { item: '电话', correction: '13800000000' },
    'POST /api/me/consents': { kind: 'privacy_policy', version: '2026-12-05' },
    'POST /api/orders': { category: 'repair', title: '漏水', description: '水管漏水了，请来看看。', urgency: 'normal', photos: [], onBehalfOf: id('resident') },
    'POST /api/orders/:id/dispatch': { assigneeId: ids.user![0], note: '请尽快' },
    'POST /api/orders/:id/claim': { note: '马上到' },
    'POST /api/orders/:id/resolve': { note: '已处理好', photos: [] },
    'POST /api/orders/:id/feedback': { satisfied: true, rating: 5, comment: '谢谢' },
    'POST /api/orders/:id/review': { verdict: 'pass', comment: '同意' },
    'POST /api/orders/:id/cancel': { reason: '不需要了' },
    'POST /api/points/rules': { code: 'fuzz_rule', name: '测试', points: 5, monthlyCap: 10 },
    'PATCH /api/points/rules/:id': { name: '测试', points: 6, monthlyCap: null, active: true },
    'PUT /api/points/settings': { expiryMonths: 12 },
    'POST /api/points/awards': { ruleId: id('rule'), householdIds: ids.household, times: 1, note: '清洁' },
    'POST /api/points/adjustments': { householdId: id('household'), amount: 5, reason: '核对更正' },
    'POST /api/shop/items': item,
    'PATCH /api/shop/items/:id': item,
    'POST /api/shop/items/:id/restock': { quantity: 5 },
    'POST /api/shop/redemptions': { itemId: id('item'), quantity: 1 },
    'POST /api/shop/redemptions/handover': { pickupCode: '123456' },
    'POST /api/jobs': job,
    'PATCH /api/jobs/:id': job,
    'POST /api/jobs/:id/interests/:interestId/outcome': { outcome: 'hired', recordEmployment: true },
    'POST /api/trainings': { course: '缝纫', trade: 'garment', schedule: '周一', place: '培训室', signupDeadline: at(1), startsAt: at(2), endsAt: at(3), capacity: 10, jobIds: ids.job },
    'POST /api/trainings/:id/enrol': { waitlist: true },
    'POST /api/trainings/:id/attendance': { day: '2026-12-01', records: [{ residentId: id('resident'), present: true }] },
    'POST /api/trainings/:id/complete': { residentIds: ids.resident },
    'POST /api/employment/residents/:id/status': { status: 'employed_local', employer: '清达', since: at(-30), trades: ['welding'], note: '入户' },
    'POST /api/notices': { kind: 'news', title: '停水通知', body: '明天停水。', audience: { type: 'buildings', buildingIds: ids.building }, sendAt: at(1), pagePath: 'pages/orders/new' },
    'POST /api/notices/subscriptions': { accepted: ['order_status', 'emergency_notice'] },
    'PUT /api/notices/automation': { jobs: true, trainings: false, emergencyOrders: true, communityId: id('community') },
    'PUT /api/orders/settings/review-deadline': { reviewDeadlineDays: 5, communityId: id('community') },
    'PUT /api/bot/buildings/:id/group': { wecom: { webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', topic: '1栋群' } },
    'PUT /api/bot/grids/:id/group': { groupId: null },
  };
  return bodies[route];
}

/** A valid body with one field replaced, removed, or one more added (also inside nested objects and arrays). */
const bentBody = (route: string) =>
  fc.tuple(fc.nat(), fc.constantFrom('replace', 'drop', 'add', 'nested'), nastyValue, fc.constantFrom(...FIELDS)).map(([i, how, value, extra]) => {
    const body = structuredClone(validBody(route) ?? {});
    const keys = Object.keys(body);
    const key = keys[i % Math.max(1, keys.length)];
    if (how === 'add' || !key) (body as Record<string, unknown>)[extra] = value;
    else if (how === 'drop') delete body[key];
    else if (how === 'nested' && body[key] && typeof body[key] === 'object') {
      const inner = body[key] as Record<string, unknown> | unknown[];
      if (Array.isArray(inner)) inner[i % Math.max(1, inner.length)] = value;
      else inner[Object.keys(inner)[i % Math.max(1, Object.keys(inner).length)] ?? extra] = value;
    } else body[key] = value;
    return { kind: 'json' as const, value: body };
  });

/** A path segment: a real id, or anything at all (raw, or percent-encoded). */
const segmentArb = (pool: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...(pool.length ? pool : ['none'])), weight: 3 },
    { arbitrary: nastyString.filter((x) => x.length < 1000).map((x) => encodeURIComponent(x)), weight: 3 },
    { arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2F', '..', '.', '%2e%2e', 'a%20b', '%F0%9F', '%C0%AF', ';', '*'), weight: 2 },
  );

const queryArb = fc.oneof(
  { arbitrary: fc.constant(''), weight: 1 },
  {
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), fc.oneof(nastyString, nastyNumber.map(String))), { maxLength: 5 })
      .map((pairs) => pairs.filter(([, v]) => v.length < 10_000).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
    weight: 5,
  },
  { arbitrary: fc.constantFrom('%', '&&=&', '=x', 'limit=1&limit=2', 'status[]=x', 'a[b][c]=1', '__proto__[polluted]=1', 'constructor.prototype.polluted=1', '%ff=%fe'), weight: 1 },
);

const CALLERS = ['resident', 'buildingHead', 'gridWorker', 'staff', 'staff', 'staff', 'reviewer', 'admin', 'residentHuimin', 'staffHuimin', 'nobody', 'madeUp'] as const;
type Caller = (typeof CALLERS)[number];

const headersArb = fc.record(
  {
    idem: fc.oneof(fc.constant(undefined), fc.stringMatching(/^[A-Za-z0-9_.:-]{8,20}$/), nastyString.filter((x) => x.length < 200)),
    madeUpToken: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/), fc.string({ maxLength: 80 })),
  },
  { requiredKeys: ['madeUpToken'] },
);

/** The ids a route's path params take. */
function poolFor(route: string, param: string): string[] {
  if (param === 'interestId') return ids.interest!;
  const prefix = route.split(' ')[1]!.split('/:')[0]!;
  const byPrefix: Record<string, string> = {
    '/api/orders': 'order',
    '/api/uploads': 'upload',
    '/api/org/residents': 'resident',
    '/api/points/households': 'household',
    '/api/points/rules': 'rule',
    '/api/shop/items': 'item',
    '/api/shop/redemptions': 'redemption',
    '/api/jobs': 'job',
    '/api/trainings': 'training',
    '/api/employment/residents': 'resident',
    '/api/notices': 'notice',
    '/api/notices/manage': 'notice',
    '/api/buildings': 'building',
    '/api/grids': 'grid',
  };
  return ids[byPrefix[prefix] ?? ''] ?? [];
}

function tokenOf(caller: Caller, route: string, madeUp: string): string | undefined {
  if (caller === 'nobody') return undefined;
  if (caller === 'madeUp' || route === 'POST /api/auth/logout') return madeUp; // never log a real account out
  return cast[caller].token;
}

async function send(route: string, c: { caller: Caller; params: string[]; query: string; body: Body; headers: { idem?: string; madeUpToken: string } }) {
  const [method, template] = route.split(' ') as [string, string];
  let i = 0;
  const path = template.replace(/:[A-Za-z]+/g, () => c.params[i++]!);
  const url = `${s.url}${path}${c.query ? `?${c.query}` : ''}`;
  const headers: Record<string, string> = {};
  const token = tokenOf(c.caller, route, c.headers.madeUpToken);
  if (token !== undefined) headers.authorization = /^[\x20-\x7e]*$/.test(token) ? `Bearer ${token}` : 'Bearer ???';
  if (c.headers.idem !== undefined && /^[\x20-\x7e]*$/.test(c.headers.idem)) headers['idempotency-key'] = c.headers.idem;
  let body: BodyInit | undefined;
  if (method !== 'GET') {
    if (c.body.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(c.body.value) ?? 'null';
    } else if (c.body.kind === 'raw') {
      headers['content-type'] = c.body.type;
      body = c.body.text;
    } else if (c.body.kind === 'multipart') {
      const form = new FormData();
      form.append(c.body.field, new Blob([new Uint8Array(c.body.bytes)], { type: c.body.type }), c.body.filename);
      body = form;
    }
  }
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  return { status: res.status, text, path };
}

/** The project's error body, always: {"error": {"code", "message", …}}. */
function expectErrorBody(text: string) {
  let parsed: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* reported below */
  }
  if (typeof parsed?.error?.code !== 'string' || typeof parsed.error.message !== 'string') throw new Error(`not the error body: ${text.slice(0, 200)}`);
}

/**
 * Open311 GeoReport v2 (server/open311) refuses in the spec's form: [{code, description}], or <errors><error>
 * for .xml. What is refused before its routes run (a path no route matches, a body that is not JSON) has the
 * app's error body.
 */
function expectGeoReportError(text: string, status: number) {
  if (text.startsWith('{')) return expectErrorBody(text);
  if (text.startsWith('<?xml')) {
    if (!text.includes(`<errors><error><code>${status}</code><description>`)) throw new Error(`not the GeoReport XML error: ${text.slice(0, 200)}`);
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* reported below */
  }
  const first = Array.isArray(parsed) ? (parsed[0] as { code?: unknown; description?: unknown } | undefined) : undefined;
  if (first?.code !== status || typeof first.description !== 'string') throw new Error(`not the GeoReport error: ${text.slice(0, 200)}`);
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe('what fuzzing found (kept as plain cases)', () => {
  const multipart = (body: string, type = 'multipart/form-data; boundary=xyz') =>
    fetch(`${s.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${cast.resident.token}`, 'content-type': type }, body });

  it('a wrong method answers 405 in the error body with Allow; a method no router knows is 405 too, not 501', async () => {
    const wrong = await fetch(`${s.url}/api/points/rules/`, { method: 'PATCH', headers: { authorization: `Bearer ${cast.staff.token}` } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
    expect((await wrong.json()).error.code).toBe('method_not_allowed');
    for (const path of ['/api/orders', '/favicon.ico']) {
      const unknown = await fetch(s.url + path, { method: 'LOCK' });
      expect(unknown.status).toBe(405);
      expect((await unknown.json()).error.code).toBe('method_not_allowed');
    }
  });

  it('text with U+0000 is a 400 naming the field (PostgreSQL cannot store it), wherever it comes in', async () => {
    const cases: Array<[Promise<{ status: number; body: any }>, string]> = [
      [cast.staff.get('/api/jobs/%00'), 'params.id'],
      [cast.staff.get('/api/orders?cursor=a%00b'), 'query.cursor'],
      [cast.resident.post('/api/orders', { category: 'repair', description: '水管\u0000漏水了' }), 'body.description'],
      [cast.staff.post('/api/points/awards', { ruleId: ids.rule![0], householdIds: [ids.household![0], 'x\u0000'] }), 'body.householdIds.1'],
    ];
    for (const [reply, path] of cases) {
      const r = await reply;
      expect(r.status).toBe(400);
      expect(r.body.error.details).toEqual([{ path, message: expect.stringContaining('NUL') }]);
    }
  });

  it('a spreadsheet cell carrying U+0000 (as _x0000_) is imported without it', async () => {
    const resident = await s.deps.db.resident.findFirstOrThrow({ where: { community: { name: '惠泽社区' }, idNumberEncrypted: { not: null } }, orderBy: [{ name: 'asc' }, { birthYear: 'asc' }] });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('台账');
    sheet.addRow(['姓名', '身份证号', '就业状态', '就业单位', '备注']);
    sheet.addRow([resident.name, plainIdNumber(s, resident), '本地务工', '清达_x0000_服装', '入户_x0000_核实']);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await wb.xlsx.writeBuffer())]), '台账.xlsx');
    const r = await s.request('POST', '/api/employment/import', { token: cast.staff.token, raw: form });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: 1, errors: [] });
    const record = await s.deps.db.employmentRecord.findFirstOrThrow({ where: { residentId: resident.id, current: true } });
    expect([record.employer, record.note]).toEqual(['清达服装', '入户核实']);
  });

  it('a date far outside the years 1900–2199 is a 400 naming the field, not a 500', async () => {
    const me = (await cast.resident.get('/api/me')).body;
    const job = validBody('POST /api/jobs')!;
    for (const d of ['-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00Z', '-004714-01-01T00:00:00Z', 8.64e15]) {
      const cases: Array<[Promise<{ status: number; body: any }>, string]> = [
        [cast.staff.post('/api/jobs', { ...job, deadline: d }), 'body.deadline'],
        [cast.staff.post(`/api/employment/residents/${me.resident.id}/status`, { status: 'seeking', since: d }), 'body.since'],
        [cast.staff.post('/api/notices', { ...validBody('POST /api/notices'), sendAt: d }), 'body.sendAt'],
      ];
      for (const [reply, path] of cases) {
        const r = await reply;
        expect(r.status).toBe(400);
        expect(r.body.error.details).toEqual([{ path, message: expect.any(String) }]);
      }
    }
  });

  it('an admin naming a community that does not exist for its automatic notices gets a 404, not a 500', async () => {
    const set = await s.request('PUT', '/api/notices/automation', { token: cast.admin.token, body: { jobs: true, communityId: ids.household![0] } });
    expect(set.status).toBe(404);
    expect((await cast.admin.get(`/api/notices/automation?communityId=${ids.household![0]}`)).status).toBe(404);
    expect((await cast.admin.get(`/api/notices/automation?communityId=${ids.community![0]}`)).status).toBe(200);
  });

  it('a malformed multipart body is a 400 naming the file, not a 500', async () => {
    const cases = [
      multipart('--xyz\r\nContent-Disposition: form-data; name=""; filename="a.png"\r\n\r\nabc\r\n--xyz--\r\n'), // no field name
      multipart('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc'), // cut off
      multipart('garbage', 'multipart/form-data'), // no boundary
      multipart('--xyz\r\nthis is not a header\r\n\r\n--xyz--'),
    ];
    for (const r of await Promise.all(cases)) {
      expect(r.status).toBe(400);
      expect((await r.json()).error).toMatchObject({ code: 'invalid_request', details: [{ path: 'body.file' }] });
    }
  });
});

describe('fuzzing every route', () => {
  const routes = routerRoutes();
  const protoBefore = prototypeKeys();
  let requests = 0;
  const statuses = new Map<number, number>();

  for (const route of routes) {
    const params = route.match(/:[A-Za-z]+/g)?.map((p) => p.slice(1)) ?? [];
    it(`${route}: never a 5xx, nothing written when refused`, async () => {
      const caseArb = fc.record({
        caller: fc.constantFrom(...CALLERS),
        params: fc.tuple(...params.map((p) => segmentArb(poolFor(route, p)))) as fc.Arbitrary<string[]>,
        query: queryArb,
        body: validBody(route) ? fc.oneof({ arbitrary: bentBody(route), weight: 2 }, { arbitrary: bodyArb, weight: 1 }) : bodyArb,
        headers: headersArb,
      });
      await fc.assert(
        fc.asyncProperty(caseArb, async (c) => {
          const before = await writeMark(s.deps.db);
          const r = await send(route, c);
          requests++;
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status >= 500) throw new Error(`${r.status} on ${route.split(' ')[0]} ${r.path}: ${r.text.slice(0, 300)}`);
          if (r.status >= 400) {
            const changed = await writesSince(s.deps.db, before);
            if (Object.keys(changed).length) throw new Error(`${r.status} but wrote ${JSON.stringify(changed)}`);
            if (route.includes(' /open311/')) expectGeoReportError(r.text, r.status);
            else expectErrorBody(r.text);
          }
          if (({} as Record<string, unknown>).polluted !== undefined || prototypeKeys() !== protoBefore) throw new Error('Object.prototype was polluted');
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }

  it('any method on any path (known or not): never a 5xx, always the error body when refused', async () => {
    const templates = [...routes.map((r) => r.split(' ')[1]!), '/api', '/api/nothing/here', '/', '/favicon.ico'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...templates),
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE', 'LOCK', 'MKCOL', 'SEARCH', 'REPORT'),
        fc.constantFrom(...CALLERS),
        fc.constantFrom(...allIds(), 'x'),
        async (template, method, caller, id) => {
          const path = template.replace(/:[A-Za-z]+/g, id);
          const headers: Record<string, string> = {};
          const token = tokenOf(caller, method === 'POST' && path === '/api/auth/logout' ? 'POST /api/auth/logout' : '', 'made-up-token-0000000000');
          if (token) headers.authorization = `Bearer ${token}`;
          const before = await writeMark(s.deps.db);
          const res = await fetch(s.url + path, { method, headers });
          const text = await res.text();
          requests++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) throw new Error(`${res.status} on ${method} ${path}: ${text.slice(0, 300)}`);
          if (res.status >= 400) {
            const changed = await writesSince(s.deps.db, before);
            if (Object.keys(changed).length) throw new Error(`${res.status} but wrote ${JSON.stringify(changed)}`);
            if (method !== 'HEAD' && path.startsWith('/api')) expectErrorBody(text);
          }
        },
      ),
      { numRuns: RUNS * 5, endOnFailure: true },
    );
  });

  it('sent what it says', () => {
    if (process.env.FUZZ_REPORT) console.log(`fuzz: ${requests} requests`, Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
    expect(requests).toBe(routes.length * RUNS + RUNS * 5);
  });
});
