// GET /api/me/data (PIPL Art. 45): a signed-in user's copy of everything held about
// them and their own household — full ID numbers and phones of their own members,
// tags, points, redemptions, orders with timelines and photos — and never another
// household's data or any session secret.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { plainIdNumber } from '../support/idNumbers.js';

let s: TestServer;
let cast: Cast;
let orderId: string;
let photoId: string;

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  // something of each kind in the demo resident's household: an order with a photo, rated; a redemption
  const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#226688' } }).png().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'a.png');
  const upload = await s.request('POST', '/api/uploads', { token: cast.resident.token, raw: form });
  expect(upload.status).toBe(201);
  photoId = upload.body.id;
  orderId = (await raiseOrder(cast.resident, { photos: [photoId] })).id;
  await advanceOrder(cast, orderId, 'rated');
  const item = (await cast.resident.get('/api/shop/items')).body[0];
  const redeemed = await s.request('POST', '/api/shop/redemptions', { token: cast.resident.token, body: { itemId: item.id }, headers: { 'idempotency-key': 'me-data-1' } });
  expect(redeemed.status).toBe(201);
  // a 七彩 tag with a note (the seed's tags carry none)
  const h = await householdOf(cast.resident.userId);
  const tag = { householdId: h.id, kind: 'VETERAN' as const };
  await s.deps.db.householdTag.upsert({ where: { householdId_kind: tag }, create: { ...tag, communityId: h.communityId, note: '2008年退伍' }, update: { note: '2008年退伍' } });
});
afterAll(() => s.close());

const copyOf = async (token: string) => {
  const r = await s.request('GET', '/api/me/data', { token });
  expect(r.status).toBe(200);
  return r.body;
};

async function householdOf(userId: string) {
  const user = await s.deps.db.user.findUniqueOrThrow({ where: { id: userId }, include: { resident: true } });
  const h = await s.deps.db.household.findUniqueOrThrow({ where: { id: user.resident!.householdId }, include: { residents: true, tags: true } });
  // ID numbers are encrypted at rest: the household's copy holds them opened
  return { ...h, residents: h.residents.map((r) => ({ ...r, idNumber: plainIdNumber(s, r) })) };
}

describe('GET /api/me/data', () => {
  it("gives the resident their household as they see it: every member's full ID number and phone, tags with notes", async () => {
    const h = await householdOf(cast.resident.userId);
    const copy = await copyOf(cast.resident.token);
    expect(Date.parse(copy.madeAt)).toBeGreaterThan(0);
    expect(copy.account).toMatchObject({ id: cast.resident.userId, identities: [{ kind: 'wechat', openid: 'demo-resident' }] });
    expect(copy.household.id).toBe(h.id);
    expect(copy.household.room).toBe(h.room);
    expect(copy.household.members).toHaveLength(h.residents.length);
    for (const r of h.residents) {
      expect(copy.household.members).toContainEqual(
        expect.objectContaining({ id: r.id, name: r.name, relation: r.relation, gender: r.gender, birthYear: r.birthYear, phone: r.phone, idNumber: r.idNumber }),
      );
    }
    expect(h.residents.some((r) => r.idNumber && /^\d{17}[\dX]$/.test(r.idNumber))).toBe(true); // full, not masked
    expect(copy.household.tags).toContainEqual(expect.objectContaining({ kind: 'VETERAN', note: '2008年退伍' }));
    expect(copy.household.tags.map((t: { kind: string; note: string | null }) => [t.kind, t.note]).sort()).toEqual(h.tags.map((t) => [t.kind, t.note]).sort());
  });

  it('points, redemptions and orders are the ones the resident pages show, orders with their timelines and photos', async () => {
    const copy = await copyOf(cast.resident.token);
    const points = (await cast.resident.get('/api/points/me?limit=100')).body;
    expect(copy.points.balance).toBe(points.balance);
    expect(copy.points.entries).toEqual(points.entries);
    expect(copy.points.entries.length).toBeGreaterThan(0);

    const redemptions = (await cast.resident.get('/api/shop/redemptions?limit=100')).body.items;
    expect(redemptions.length).toBeGreaterThan(0);
    expect(copy.redemptions).toEqual(redemptions);

    const listed = (await cast.resident.get('/api/orders?limit=100')).body.items;
    const h = await householdOf(cast.resident.userId);
    const own = await s.deps.db.order.findMany({ where: { householdId: h.id }, select: { id: true } });
    expect(copy.orders.map((o: { id: string }) => o.id).sort()).toEqual(own.map((o) => o.id).sort());
    expect(copy.orders.map((o: { id: string }) => o.id).sort()).toEqual(listed.map((o: { id: string }) => o.id).sort());
    const order = copy.orders.find((o: { id: string }) => o.id === orderId);
    expect(order).toEqual((await cast.resident.get(`/api/orders/${orderId}`)).body);
    expect(order.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'dispatch', 'claim', 'resolve', 'feedback']);
    expect(order.timeline.at(-1)).toMatchObject({ rating: 5, satisfied: true });
    expect(copy.photos).toContainEqual(expect.objectContaining({ id: photoId, url: expect.stringContaining(`/api/uploads/${photoId}?exp=`) }));
  });

  it("demo-resident-2's copy holds nothing of demo-resident's household: no ids, names, ID numbers, phones or orders", async () => {
    const other = await householdOf(cast.resident.userId);
    const otherOrders = await s.deps.db.order.findMany({ where: { householdId: other.id }, select: { id: true } });
    const copy = await copyOf(cast.resident2.token);
    const raw = JSON.stringify(copy);
    const secrets = [
      other.id,
      ...other.residents.flatMap((r) => [r.id, r.name, r.idNumber, r.phone]),
      ...otherOrders.map((o) => o.id),
      photoId,
    ].filter((x): x is string => !!x);
    expect(otherOrders.length).toBeGreaterThan(0);
    expect(secrets.filter((x) => raw.includes(x))).toEqual([]);
    expect(copy.household.id).not.toBe(other.id);
  });

  it('holds no session token or secret of the viewer', async () => {
    const raw = JSON.stringify(await copyOf(cast.resident.token));
    expect(raw).not.toContain(cast.resident.token);
    const sessions = await s.deps.db.session.findMany({ where: { userId: cast.resident.userId } });
    expect(sessions.length).toBeGreaterThan(0);
    for (const x of sessions) expect(raw).not.toContain(x.tokenHash);
    expect(raw).not.toMatch(/tokenHash|codeHash|storageKey|sha256/);
  });

  it('an account linked to no household gets its account only', async () => {
    const r = await s.request('POST', '/api/auth/wechat', { body: { code: 'fake:me-data-unlinked' } });
    const copy = await copyOf(r.body.token);
    expect(copy).toMatchObject({ account: { id: r.body.userId }, resident: null, household: null, points: null, redemptions: [], orders: [], photos: [], noticesRead: [] });
  });

  it('a working account gets its own account data (a grid worker not linked to a household: no household)', async () => {
    const copy = await copyOf(cast.gridWorker.token);
    expect(copy.account.roles.map((g: { role: string }) => g.role)).toContain('GRID_WORKER');
    expect(copy.household).toBeNull();
    expect(copy.orders).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    expect((await s.request('GET', '/api/me/data')).status).toBe(401);
  });
});
