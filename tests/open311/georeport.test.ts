// Open311 GeoReport v2 (/open311/v2, issue #21 §5) over HTTP: the spec's field lists in
// JSON and in XML (parsed), its filters, a POST that becomes a 代报 order in the right
// grid, keys refused outside their community, revoked or missing, the per-key rate
// limit, and personal fields only for a key whose purpose needs them. The keys
// themselves are issued and revoked through /api/open311/keys as the console does.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];
const PERSONAL = ['resident_name', 'resident_phone', 'caller_name', 'caller_phone'];

let wx: FakeWechat;
let s: TestServer;
let cast: Cast;
let hotline: string; // 惠泽社区, purpose hotline
let status: string; // 惠泽社区, purpose status
let huiminKey: string; // 惠民社区, hotline
let home: { householdId: string; address: string; gridId: string; buildingId: string; residentName: string; residentPhone: string | null; communityId: string };
let huiminHousehold: string;

async function issue(c: Client, body: Record<string, unknown>) {
  const r = await c.post('/api/open311/keys', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { key: { id: string; keyPrefix: string }; apiKey: string };
}

/** A GeoReport call: GET with the query, or POST as the spec's form. */
async function geo(method: 'GET' | 'POST', path: string, params: Record<string, string | undefined> = {}) {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const res =
    method === 'GET'
      ? await fetch(`${s.url}/open311/v2${path}?${q}`)
      : await fetch(`${s.url}/open311/v2${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: q.toString() });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

const xmlDoc = (text: string) => {
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  return new new Window().DOMParser().parseFromString(text, 'text/xml');
};
const xmlRows = (text: string, list: string, item: string) => {
  const doc = xmlDoc(text);
  expect(doc.documentElement.tagName).toBe(list);
  return [...doc.documentElement.children].map((el) => {
    expect(el.tagName).toBe(item);
    return Object.fromEntries([...el.children].map((c) => [c.tagName, c.textContent]));
  });
};

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startServer({ WECHAT_APPID: wx.appId, WECHAT_SECRET: wx.secret, WECHAT_API_URL: wx.url });
  cast = await signInAll(s);
  wx.riskyWords.add('赌博网站');
  hotline = (await issue(cast.staff, { name: '12345热线', purpose: 'hotline' })).apiKey;
  status = (await issue(cast.staff, { name: '街道进度看板', purpose: 'status' })).apiKey;
  huiminKey = (await issue(cast.staffHuimin, { name: '12345热线', purpose: 'hotline' })).apiKey;
  const me = await s.deps.db.user.findUniqueOrThrow({
    where: { id: cast.resident.userId },
    include: { resident: { include: { household: { include: { building: true, unit: true, residents: true } } } } },
  });
  const h = me.resident!.household;
  const head = h.residents.find((r) => r.relation === '户主') ?? h.residents[0]!;
  home = { householdId: h.id, address: `${h.building.name}${h.unit.name}${h.room}`, gridId: h.building.gridId, buildingId: h.buildingId, residentName: head.name, residentPhone: head.phone, communityId: h.communityId };
  const other = await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.residentHuimin.userId }, include: { resident: true } });
  huiminHousehold = other.resident!.householdId;
});
afterAll(async () => {
  await s?.close();
  await wx?.close();
});

describe('keys (对接): issued once, listed without the key, scoped, audited', () => {
  it('shows the key once; the list names it by prefix only; the audit log records it', async () => {
    const { key, apiKey } = await issue(cast.staff, { name: '网格化平台', purpose: 'status' });
    expect(apiKey).toMatch(/^e311_[A-Za-z0-9_-]{32}$/);
    const list = await cast.staff.get('/api/open311/keys');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === key.id);
    expect(listed).toMatchObject({ name: '网格化平台', purpose: 'status', keyPrefix: apiKey.slice(0, 9), revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(apiKey);
    const row = await s.deps.db.open311Key.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.keyHash).not.toContain(apiKey.slice(5));
    const audit = await s.deps.db.auditEntry.findFirst({ where: { action: 'integration_key.issue', targetId: key.id } });
    expect(audit).not.toBeNull();
    expect(audit!.after).not.toContain(apiKey);
  });

  it('grid workers, reviewers and residents cannot issue; another community’s staff neither see nor issue for ours', async () => {
    for (const c of [cast.gridWorker, cast.reviewer, cast.resident, cast.buildingHead]) {
      const r = await c.post('/api/open311/keys', { name: 'x', purpose: 'status', communityId: home.communityId });
      expect(r.status).toBe(404);
    }
    expect((await cast.staffHuimin.post('/api/open311/keys', { name: 'x', purpose: 'status', communityId: home.communityId })).status).toBe(404);
    expect((await cast.staffHuimin.get(`/api/open311/keys?communityId=${home.communityId}`)).status).toBe(404);
    expect((await cast.staff.post('/api/open311/keys', { name: 'x', purpose: 'everything' })).body.error.details[0].path).toBe('body.purpose');
  });
});

describe('services', () => {
  it('services.json: exactly the spec’s fields, metadata false, type realtime; no 信息更正', async () => {
    const r = await geo('GET', '/services.json', { api_key: status });
    expect(r.status).toBe(200);
    const services = r.json();
    expect(services.length).toBeGreaterThan(3);
    for (const sv of services) {
      expect(Object.keys(sv).sort()).toEqual([...SERVICE_FIELDS].sort());
      expect(sv.metadata).toBe(false);
      expect(sv.type).toBe('realtime');
    }
    expect(services.map((x: { service_code: string }) => x.service_code)).toContain('repair');
    expect(services.map((x: { service_code: string }) => x.service_code)).not.toContain('correction');
  });

  it('services.xml: <services><service> with the same elements and values', async () => {
    const json = (await geo('GET', '/services.json', { api_key: status })).json();
    const r = await geo('GET', '/services.xml', { api_key: status });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/xml');
    const rows = xmlRows(r.text, 'services', 'service');
    expect(rows.length).toBe(json.length);
    expect(Object.keys(rows[0]!).sort()).toEqual([...SERVICE_FIELDS].sort());
    expect(rows[0]).toEqual({ ...json[0], metadata: 'false' });
  });
});

describe('POST requests: a 代报 order in the right grid, through content security', () => {
  let filed: string;

  it('a form POST with address_string files an order for the household, in its grid, suggested to its worker', async () => {
    const r = await geo('POST', '/requests.json', {
      api_key: hotline, service_code: 'repair', address_string: home.address, description: '热线来电：楼道灯坏了三天，晚上看不见路。', last_name: '王', first_name: '先生', phone: '13800001111',
    });
    expect(r.status, r.text).toBe(201);
    const answer = r.json();
    expect(answer).toHaveLength(1);
    expect(Object.keys(answer[0]).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    filed = answer[0].service_request_id;
    const order = await s.deps.db.order.findUniqueOrThrow({ where: { id: filed }, include: { filedBy: true, events: true } });
    expect(order).toMatchObject({ householdId: home.householdId, gridId: home.gridId, buildingId: home.buildingId, status: 'submitted', filedOnBehalf: true });
    expect(order.filedBy.displayName).toBe('12345热线');
    expect(order.events.map((e) => e.action)).toEqual(['submit']);
    const worker = await s.deps.db.userRole.findFirst({ where: { role: 'GRID_WORKER', gridId: home.gridId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(order.suggestedAssigneeId).toBe(worker!.userId);
    // it is in the 四单 flow: staff see it waiting for dispatch and dispatch it
    const listed = await cast.staff.get('/api/orders?status=submitted&limit=100');
    expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(filed);
    expect((await cast.staff.post(`/api/orders/${filed}/dispatch`, {})).status).toBe(200);
  });

  it('JSON bodies and address_id work too; the XML answer is <service_requests><request>', async () => {
    const res = await fetch(`${s.url}/open311/v2/requests.xml`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: hotline, service_code: 'repair', address_id: home.householdId, description: '热线来电：单元门禁刷卡没反应。' }),
    });
    expect(res.status).toBe(201);
    const rows = xmlRows(await res.text(), 'service_requests', 'request');
    expect(Object.keys(rows[0]!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect((await s.deps.db.order.findUniqueOrThrow({ where: { id: rows[0]!.service_request_id! } })).householdId).toBe(home.householdId);
  });

  it('refuses, in the spec’s error form and writing no order: risky text, unknown service, no address, another community’s household, a read-only key', async () => {
    const before = await s.deps.db.order.count();
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ api_key: hotline, service_code: 'repair', address_id: home.householdId, description: '点这个赌博网站领红包，快来。' }, 400, /description/],
      [{ api_key: hotline, service_code: 'no-such', address_id: home.householdId, description: '楼道灯坏了三天了。' }, 400, /service_code/],
      [{ api_key: hotline, service_code: 'repair', description: '楼道灯坏了三天了。', lat: '26.6', long: '105.7' }, 400, /address_id/],
      [{ api_key: hotline, service_code: 'repair', address_id: huiminHousehold, description: '楼道灯坏了三天了。' }, 404, /address_id/],
      [{ api_key: hotline, service_code: 'repair', address_string: '惠泽1栋9单元9999', description: '楼道灯坏了三天了。' }, 404, /address_string/],
      [{ api_key: status, service_code: 'repair', address_id: home.householdId, description: '楼道灯坏了三天了。' }, 403, /api_key/],
      [{ api_key: hotline, jurisdiction_id: 'another-community', service_code: 'repair', address_id: home.householdId, description: '楼道灯坏了三天了。' }, 403, /jurisdiction_id/],
      [{ service_code: 'repair', address_id: home.householdId, description: '楼道灯坏了三天了。' }, 401, /api_key/],
    ];
    for (const [params, code, why] of cases) {
      const r = await geo('POST', '/requests.json', params);
      expect(r.status, r.text).toBe(code);
      const errors = r.json();
      expect(errors).toEqual([{ code, description: expect.stringMatching(why) }]);
    }
    const xml = await geo('POST', '/requests.xml', { api_key: status, service_code: 'repair', address_id: home.householdId, description: '楼道灯坏了三天了。' });
    expect(xml.status).toBe(403);
    expect(xmlRows(xml.text, 'errors', 'error')).toEqual([{ code: '403', description: expect.stringMatching(/api_key/) }]);
    expect(await s.deps.db.order.count()).toBe(before);
  });

  it('GET requests/:id: one request, with the hotline its caller and resident; the status key neither', async () => {
    const hot = await geo('GET', `/requests/${filed}.json`, { api_key: hotline });
    expect(hot.status).toBe(200);
    const [r] = hot.json();
    expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS, ...PERSONAL].sort());
    expect(r).toMatchObject({ service_request_id: filed, status: 'open', service_code: 'repair', address: home.address, address_id: home.householdId, resident_name: home.residentName, caller_name: '王先生', caller_phone: '13800001111' });
    expect(r.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);

    const plain = await geo('GET', `/requests/${filed}.json`, { api_key: status });
    const [p] = plain.json();
    expect(Object.keys(p).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(p.address).not.toContain('单元'); // the building, never the room
    expect(p.address_id).toBe(home.buildingId);
    expect(plain.text).not.toContain(home.residentName);
    expect(plain.text).not.toContain('13800001111');
    if (home.residentPhone) expect(plain.text).not.toContain(home.residentPhone);

    const xml = await geo('GET', `/requests/${filed}.xml`, { api_key: status });
    const rows = xmlRows(xml.text, 'service_requests', 'request');
    expect(Object.keys(rows[0]!).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(rows[0]!.status).toBe('open');
    expect(rows[0]!.lat).toBe('');
  });

  it('a phone number typed into the description is masked for a status key', async () => {
    const r = await geo('POST', '/requests.json', { api_key: hotline, service_code: 'repair', address_id: home.householdId, description: '下水道堵了，请回电13912345678联系。' });
    const id = r.json()[0].service_request_id;
    const [p] = (await geo('GET', `/requests/${id}.json`, { api_key: status })).json();
    expect(p.description).not.toContain('13912345678');
    expect(p.description).toContain('下水道堵了');
    const [h] = (await geo('GET', `/requests/${id}.json`, { api_key: hotline })).json();
    expect(h.description).toContain('13912345678');
  });
});

describe('GET requests.json: the spec’s filters', () => {
  it('every request has the spec’s fields; status, service_code, service_request_id and dates narrow the list', async () => {
    const all = (await geo('GET', '/requests.json', { api_key: status })).json();
    expect(all.length).toBeGreaterThan(3);
    for (const r of all) {
      expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
      expect(['open', 'closed']).toContain(r.status);
    }
    // newest first
    const times = all.map((r: { requested_datetime: string }) => Date.parse(r.requested_datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const open = (await geo('GET', '/requests.json', { api_key: status, status: 'open' })).json();
    const closed = (await geo('GET', '/requests.json', { api_key: status, status: 'closed' })).json();
    expect(open.every((r: { status: string }) => r.status === 'open')).toBe(true);
    expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    expect(open.length + closed.length).toBe(all.length);

    const repairs = (await geo('GET', '/requests.json', { api_key: status, service_code: 'repair' })).json();
    expect(repairs.length).toBeGreaterThan(0);
    expect(repairs.every((r: { service_code: string }) => r.service_code === 'repair')).toBe(true);

    const two = all.slice(0, 2).map((r: { service_request_id: string }) => r.service_request_id);
    // with service_request_id the other filters are ignored (the spec)
    const picked = (await geo('GET', '/requests.json', { api_key: status, service_request_id: two.join(','), status: 'closed', service_code: 'nothing' })).json();
    expect(picked.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([...two].sort());

    const newest = Date.parse(all[0].requested_datetime);
    const after = (await geo('GET', '/requests.json', { api_key: status, start_date: new Date(newest).toISOString() })).json();
    expect(after.every((r: { requested_datetime: string }) => Date.parse(r.requested_datetime) >= newest)).toBe(true);
    const before = (await geo('GET', '/requests.json', { api_key: status, end_date: new Date(newest).toISOString() })).json();
    expect(before.every((r: { requested_datetime: string }) => Date.parse(r.requested_datetime) < newest)).toBe(true);

    const bad = await geo('GET', '/requests.json', { api_key: status, start_date: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.json()[0]).toEqual({ code: 400, description: expect.stringContaining('query.start_date') });
  });

  it('defaults to the 90 days before end_date; start_date reaches further back', async () => {
    const now = s.now();
    s.advance(91 * 24 * 60);
    try {
      const later = (await geo('GET', '/requests.json', { api_key: status })).json();
      expect(later.filter((r: { requested_datetime: string }) => Date.parse(r.requested_datetime) >= now.getTime() - 60_000)).toEqual([]);
      const explicit = (await geo('GET', '/requests.json', { api_key: status, start_date: new Date(now.getTime() - 86_400_000).toISOString() })).json();
      expect(explicit.length).toBeGreaterThan(0);
    } finally {
      s.advance(-91 * 24 * 60);
    }
  });

  it('requests.xml: <service_requests><request>, the same requests as the JSON', async () => {
    const json = (await geo('GET', '/requests.json', { api_key: hotline, service_code: 'repair' })).json();
    const rows = xmlRows((await geo('GET', '/requests.xml', { api_key: hotline, service_code: 'repair' })).text, 'service_requests', 'request');
    expect(rows.map((r) => r.service_request_id)).toEqual(json.map((r: { service_request_id: string }) => r.service_request_id));
    expect(rows[0]!.requested_datetime).toBe(json[0].requested_datetime);
  });
});

describe('keys refused', () => {
  it('missing 401, made up 403, another community’s order 404 (as unknown), jurisdiction_id of another 403, a session token is no key', async () => {
    const anOrder = (await geo('GET', '/requests.json', { api_key: status })).json()[0].service_request_id;
    const missing = await geo('GET', '/requests.json');
    expect(missing.status).toBe(401);
    expect(missing.json()).toEqual([{ code: 401, description: expect.stringContaining('api_key') }]);
    expect((await geo('GET', '/services.json', { api_key: 'e311_madeup' })).status).toBe(403);
    const theirs = await geo('GET', `/requests/${anOrder}.json`, { api_key: huiminKey });
    expect(theirs.status).toBe(404);
    expect(theirs.json()).toEqual([{ code: 404, description: expect.stringContaining('service_request_id') }]);
    // their list holds none of ours
    const list = (await geo('GET', '/requests.json', { api_key: huiminKey })).json();
    expect(list.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(anOrder);
    expect((await geo('GET', '/services.json', { api_key: huiminKey, jurisdiction_id: home.communityId })).status).toBe(403);
    expect((await geo('GET', '/services.json', { api_key: hotline, jurisdiction_id: home.communityId })).status).toBe(200);
    const withSession = await s.request('GET', '/open311/v2/services.json', { token: cast.staff.token });
    expect(withSession.status).toBe(401);
  });

  it('a revoked key is refused from then on, in JSON and XML; revoking twice is a conflict; only its community revokes', async () => {
    const { key, apiKey } = await issue(cast.staff, { name: '临时对接', purpose: 'status' });
    expect((await geo('GET', '/services.json', { api_key: apiKey })).status).toBe(200);
    expect((await cast.staffHuimin.post(`/api/open311/keys/${key.id}/revoke`)).status).toBe(404);
    expect((await cast.gridWorker.post(`/api/open311/keys/${key.id}/revoke`)).status).toBe(404);
    const revoked = await cast.staff.post(`/api/open311/keys/${key.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await cast.staff.post(`/api/open311/keys/${key.id}/revoke`)).status).toBe(409);
    const r = await geo('GET', '/services.json', { api_key: apiKey });
    expect(r.status).toBe(403);
    expect(r.json()[0].description).toMatch(/revoked/);
    const x = await geo('GET', '/requests.xml', { api_key: apiKey });
    expect(xmlRows(x.text, 'errors', 'error')[0]!.code).toBe('403');
    expect(await s.deps.db.auditEntry.count({ where: { action: 'integration_key.revoke', targetId: key.id } })).toBe(1);
  });
});

describe('rate limit per key', () => {
  let t: TestServer;
  afterAll(async () => t?.close());

  it('over OPEN311_RATE_PER_MINUTE a key gets 429 with Retry-After; another key is not held up; the next minute it may again', async () => {
    t = await startServer({ OPEN311_RATE_PER_MINUTE: '3' });
    const staff = await t.login('demo-staff');
    const a = (await staff.post('/api/open311/keys', { name: 'A', purpose: 'status' })).body.apiKey as string;
    const b = (await staff.post('/api/open311/keys', { name: 'B', purpose: 'status' })).body.apiKey as string;
    const call = (k: string) => fetch(`${t.url}/open311/v2/services.json?api_key=${k}`);
    for (let i = 0; i < 3; i++) expect((await call(a)).status).toBe(200);
    const over = await call(a);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await over.json())[0].code).toBe(429);
    expect((await call(b)).status).toBe(200);
    t.advance(1);
    expect((await call(a)).status).toBe(200);
  });
});
