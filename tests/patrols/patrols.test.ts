// 楼道巡查 (issue #20 item 4): the community's checklist, the building head's patrol,
// a problem filed as an order in one tap, and staff following every building.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
let otherHead: Client;
let huize: { id: string; buildings: Array<{ id: string; name: string }> };
let b1: { id: string; name: string };

const put = (c: Client, path: string, body: unknown) => s.request('PUT', path, { token: c.token, body });
const fieldsOf = (r: { body: any }) => (r.body.error?.details ?? []).map((d: any) => d.path);

async function uploadAs(c: Client) {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'p.jpg');
  const r = await s.request('POST', '/api/uploads', { token: c.token, raw: form });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  otherHead = await s.login('buildinghead-1-2'); // the head of 惠泽2栋
  const c = await s.deps.db.community.findFirstOrThrow({ where: { name: '惠泽社区' }, include: { buildings: { orderBy: { name: 'asc' } } } });
  huize = c;
  b1 = c.buildings.find((b) => b.name === '惠泽1栋')!;
});
afterAll(() => s.close());

describe('the checklist', () => {
  it('starts from the case reports’ items, weekly; staff change it, others may not', async () => {
    const r = await cast.buildingHead.get('/api/patrols/checklist');
    expect(r.status).toBe(200);
    expect(r.body.everyDays).toBe(7);
    expect(r.body.items.map((i: any) => i.name)).toEqual(expect.arrayContaining(['消防通道畅通', '楼道灯完好', '电梯运行正常', '楼道卫生整洁']));
    expect(r.body.items).toHaveLength(7);

    expect((await put(cast.buildingHead, '/api/patrols/checklist', { everyDays: 3, items: [{ name: '楼道灯完好' }] })).status).toBe(403);
    expect((await cast.resident.get('/api/patrols/checklist')).status).toBe(403);
    expect((await cast.staffHuimin.get(`/api/patrols/checklist?communityId=${huize.id}`)).status).toBe(403);

    // bad input: 400 naming the field, nothing written
    const bad = async (body: unknown, field: string) => {
      const x = await put(cast.staff, '/api/patrols/checklist', body);
      expect(x.status).toBe(400);
      expect(fieldsOf(x)).toContain(field);
    };
    await bad({ everyDays: 0, items: [{ name: '楼道灯完好' }] }, 'body.everyDays');
    await bad({ everyDays: 7, items: [] }, 'body.items');
    await bad({ everyDays: 7, items: [{ name: '楼道灯' }, { name: '楼道灯' }] }, 'body.items.1.name');
    await bad({ everyDays: 7, items: [{ id: 'no-such-item', name: '楼道灯' }] }, 'body.items.0.id');
    expect((await cast.staff.get('/api/patrols/checklist')).body).toEqual(r.body);

    // rename one, drop the last, add one, fortnightly
    const items = r.body.items.slice(0, 6).map((i: any) => ({ id: i.id, name: i.name }));
    items[1].name = '楼道灯、应急灯完好';
    const w = await put(cast.staff, '/api/patrols/checklist', { everyDays: 14, items: [...items, { name: '灭火器在有效期内' }] });
    expect(w.status).toBe(200);
    expect(w.body.everyDays).toBe(14);
    expect(w.body.items.map((i: any) => i.name)).toEqual([...items.map((i: any) => i.name), '灭火器在有效期内']);
    expect(w.body.items[1].id).toBe(r.body.items[1].id);
    // back to weekly for the rest of the file
    expect((await put(cast.staff, '/api/patrols/checklist', { everyDays: 7, items: w.body.items })).status).toBe(200);
  });
});

describe('a patrol', () => {
  let patrolId: string;
  let items: Array<{ itemId: string; name: string }>;

  it('only the building’s own head starts it; others are refused', async () => {
    const before = await cast.buildingHead.get('/api/patrols/buildings');
    expect(before.body.items.map((b: any) => b.name)).toEqual(['惠泽1栋']);
    expect(before.body.items[0]).toMatchObject({ state: 'never', lastPatrolAt: null, openPatrolId: null, openProblems: 0 });

    expect((await otherHead.post('/api/patrols', { buildingId: b1.id })).status).toBe(404);
    expect((await cast.gridWorker.post('/api/patrols', { buildingId: b1.id })).status).toBe(404);
    expect((await cast.staff.post('/api/patrols', { buildingId: b1.id })).status).toBe(404);
    const bad = await cast.buildingHead.post('/api/patrols', {});
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('body.buildingId');
    expect(await s.deps.db.patrol.count()).toBe(0);

    const r = await cast.buildingHead.post('/api/patrols', { buildingId: b1.id });
    expect(r.status).toBe(201);
    expect(r.body.building).toEqual({ id: b1.id, name: '惠泽1栋' });
    expect(r.body.finishedAt).toBeNull();
    expect(r.body.items.every((i: any) => i.result === null)).toBe(true);
    patrolId = r.body.id;
    items = r.body.items;
    // starting again goes on with the same one
    expect((await cast.buildingHead.post('/api/patrols', { buildingId: b1.id })).body.id).toBe(patrolId);
  });

  it('marks items; bad input names the field; another head cannot touch it', async () => {
    const path = `/api/patrols/${patrolId}/items/${items[0]!.itemId}`;
    const bad = async (body: unknown, field: string) => {
      const x = await put(cast.buildingHead, path, body);
      expect(x.status).toBe(400);
      expect(fieldsOf(x)).toContain(field);
    };
    await bad({ result: 'maybe' }, 'body.result');
    await bad({ result: 'problem', note: 'x'.repeat(201) }, 'body.note');
    await bad({ result: 'problem', photoId: await uploadAs(cast.resident) }, 'body.photoId');
    expect(await s.deps.db.patrolCheck.count()).toBe(0);
    expect((await put(otherHead, path, { result: 'ok' })).status).toBe(404);
    expect((await put(cast.buildingHead, `/api/patrols/${patrolId}/items/no-such-item`, { result: 'ok' })).status).toBe(404);

    const photo = await uploadAs(cast.buildingHead);
    const r = await put(cast.buildingHead, path, { result: 'problem', note: '2单元一楼消防通道堆了电动车和纸箱', photoId: photo });
    expect(r.status).toBe(200);
    expect(r.body.items[0]).toMatchObject({ result: 'problem', note: '2单元一楼消防通道堆了电动车和纸箱', orderId: null });
    expect(r.body.items[0].photoUrl).toMatch(/\/api\/uploads\//);
    expect(r.body.problems).toBe(1);
    expect(r.body.finishedAt).toBeNull();
  });

  it('a problem files an order in one tap: on the building, for the head’s household, its timeline saying it came from the patrol', async () => {
    const path = `/api/patrols/${patrolId}/items/${items[0]!.itemId}/order`;
    // an item marked 正常 is no problem to file
    await put(cast.buildingHead, `/api/patrols/${patrolId}/items/${items[2]!.itemId}`, { result: 'ok' });
    const notProblem = await cast.buildingHead.post(`/api/patrols/${patrolId}/items/${items[2]!.itemId}/order`, {});
    expect(notProblem.status).toBe(409);
    expect((await otherHead.post(path, {})).status).toBe(404);
    const bad = await cast.buildingHead.post(path, { urgency: 'very' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('body.urgency');
    const elsewhere = await s.deps.db.resident.findFirstOrThrow({ where: { household: { building: { name: '惠泽4栋', communityId: huize.id } } } });
    const wrongPlace = await cast.buildingHead.post(path, { onBehalfOf: elsewhere.id });
    expect(wrongPlace.status).toBe(400);
    expect(fieldsOf(wrongPlace)).toContain('body.onBehalfOf');
    expect(await s.deps.db.order.count({ where: { title: { startsWith: '楼道巡查' } } })).toBe(0);

    const r = await cast.buildingHead.post(path, {});
    expect(r.status).toBe(201);
    const orderId = r.body.items[0].orderId as string;
    expect(orderId).toBeTruthy();
    const order = await s.deps.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { category: true, photos: true } });
    const head = await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.buildingHead.userId }, include: { resident: true } });
    expect(order.buildingId).toBe(b1.id);
    expect(order.householdId).toBe(head.resident!.householdId);
    expect(order.filedById).toBe(cast.buildingHead.userId);
    expect(order.category.code).toBe('safety'); // 消防通道 → 治安消防
    expect(order.photos).toHaveLength(1);
    expect(order.title).toBe('楼道巡查：消防通道畅通');

    // staff read the order: its first step says where it came from
    const seen = await cast.staff.get(`/api/orders/${orderId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.timeline[0].action).toBe('submit');
    expect(seen.body.timeline[0].note).toMatch(/^来自楼道巡查（惠泽1栋，\d{4}-\d\d-\d\d）：消防通道畅通$/);

    // the second tap files nothing more
    const again = await cast.buildingHead.post(path, {});
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe('order_filed');
    expect(await s.deps.db.order.count({ where: { title: { startsWith: '楼道巡查' } } })).toBe(1);
    // nor can the item be marked over once it has its order
    expect((await put(cast.buildingHead, `/api/patrols/${patrolId}/items/${items[0]!.itemId}`, { result: 'ok' })).status).toBe(409);
  });

  it('the last item marked finishes the patrol (points to the head’s household where the community rewards it); the building is due again after the frequency', async () => {
    // the community rewards a finished patrol: 5 points (server/points rules; code building_patrol)
    expect((await cast.staff.post('/api/points/rules', { code: 'building_patrol', name: '楼道巡查', points: 5 })).status).toBe(201);
    const head = await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.buildingHead.userId }, include: { resident: true } });
    const patrolPoints = () => s.deps.db.pointsEntry.findMany({ where: { householdId: head.resident!.householdId, reference: { startsWith: 'award:patrol:' } } });
    expect(await patrolPoints()).toHaveLength(0);
    let last: any;
    for (const item of items.slice(1)) {
      if (item === items[2]) continue;
      last = await put(cast.buildingHead, `/api/patrols/${patrolId}/items/${item.itemId}`, { result: 'ok' });
      expect(last.status).toBe(200);
    }
    expect(last.body.finishedAt).not.toBeNull();
    const finishedAt = Date.parse(last.body.finishedAt);
    expect((await patrolPoints()).map((e) => [e.amount, e.reference])).toEqual([[5, `award:patrol:${patrolId}:${head.resident!.householdId}`]]);
    // marking an item over after the end pays nothing more
    expect((await put(cast.buildingHead, `/api/patrols/${patrolId}/items/${items[1]!.itemId}`, { result: 'ok', note: '又看了一遍' })).status).toBe(200);
    expect(await patrolPoints()).toHaveLength(1);

    const mine = (await cast.buildingHead.get('/api/patrols/buildings')).body.items[0];
    expect(mine).toMatchObject({ state: 'ok', lastPatrolId: patrolId, openPatrolId: null, openProblems: 1, everyDays: 7 });
    expect(Date.parse(mine.dueAt) - finishedAt).toBe(7 * 86_400_000);

    // staff see every building of the community, 1栋 with its patrol, the others never patrolled
    const staff = await cast.staff.get(`/api/patrols/buildings?communityId=${huize.id}`);
    expect(staff.status).toBe(200);
    expect(staff.body.items).toHaveLength(huize.buildings.length);
    const one = staff.body.items.find((b: any) => b.id === b1.id);
    expect(one).toMatchObject({ state: 'ok', openProblems: 1, lastPatrolAt: last.body.finishedAt });
    expect(staff.body.items.filter((b: any) => b.state === 'never')).toHaveLength(huize.buildings.length - 1);
    // another community's staff see none of them; a resident follows no patrols
    expect((await cast.staffHuimin.get(`/api/patrols/buildings?communityId=${huize.id}`)).body.items).toEqual([]);
    expect((await cast.resident.get('/api/patrols/buildings')).status).toBe(403);

    // the history and the patrol itself, for staff and the grid's worker; not for another building's head
    const hist = await cast.staff.get(`/api/patrols?buildingId=${b1.id}`);
    expect(hist.body.items).toEqual([expect.objectContaining({ id: patrolId, problems: 1, ordersFiled: 1 })]);
    expect((await cast.gridWorker.get(`/api/patrols/${patrolId}`)).status).toBe(200);
    expect((await otherHead.get(`/api/patrols/${patrolId}`)).status).toBe(404);
    expect((await otherHead.get(`/api/patrols?buildingId=${b1.id}`)).status).toBe(404);

    s.advance(8 * 1440);
    expect((await cast.buildingHead.get('/api/patrols/buildings')).body.items[0].state).toBe('due');
    // a new patrol, not the finished one
    const next = await cast.buildingHead.post('/api/patrols', { buildingId: b1.id });
    expect(next.body.id).not.toBe(patrolId);
    expect((await cast.buildingHead.get('/api/patrols/buildings')).body.items[0].openPatrolId).toBe(next.body.id);
  });
});
