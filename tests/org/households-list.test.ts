// 网格住户 (#18 item 5, finding 3): households in the order people walk the estate — 1栋 before
// 2栋 before 10栋, 1单元 before 2单元, 302 before 1101 — searchable by a member's name or a room,
// filterable by building (the answer names the viewer's buildings for the filter), over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;

type Page = { items: Array<{ id: string; building: { id: string; name: string }; room: string; members: Array<{ name: string }> }>; nextCursor: string | null; buildings: Array<{ id: string; name: string }> };

const naturally = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN', { numeric: true });
/** "惠泽1栋 2单元 302" as sort keys */
const key = (h: Page['items'][number]) => [h.building.name, ...h.room.split(' ')];
const inOrder = (items: Page['items']) =>
  items.every((h, i) => {
    if (i === 0) return true;
    const [a, b] = [key(items[i - 1]!), key(h)];
    for (let k = 0; k < a.length; k++) {
      const c = naturally(a[k]!, b[k]!);
      if (c) return c < 0;
    }
    return true;
  });

beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
  // a tenth building in the worker's grid, with a high-rise room: where text order goes wrong
  const db = s.deps.db;
  const b1 = await db.building.findFirstOrThrow({ where: { name: '惠泽1栋' } });
  const b10 = await db.building.create({ data: { communityId: b1.communityId, gridId: b1.gridId, name: '惠泽10栋', floors: 11 } });
  const unit = await db.unit.create({ data: { communityId: b1.communityId, buildingId: b10.id, name: '1单元' } });
  for (const room of ['1101', '302']) await db.household.create({ data: { communityId: b1.communityId, buildingId: b10.id, unitId: unit.id, room } });
});
afterAll(() => s?.close());

const list = async (who: keyof Cast, query: string) => {
  const r = await cast[who].get(`/api/org/households${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Page;
};

describe('网格住户', () => {
  it('lists a grid worker’s households by building, unit and room, counted the way people count', async () => {
    const all = await list('gridWorker', '?limit=200');
    expect(all.items.length).toBeGreaterThan(20);
    expect(inOrder(all.items)).toBe(true);
    expect(`${all.items[0]!.building.name} ${all.items[0]!.room}`).toBe('惠泽1栋 1单元 101');
    // 10栋 after 3栋, and in it 302 before 1101
    expect(all.items.slice(-2).map((h) => `${h.building.name} ${h.room}`)).toEqual(['惠泽10栋 1单元 302', '惠泽10栋 1单元 1101']);
    expect(all.buildings.map((b) => b.name)).toEqual(['惠泽1栋', '惠泽2栋', '惠泽3栋', '惠泽10栋']);
  });

  it('pages through the same order with the cursor, without a household twice or left out', async () => {
    const all = await list('gridWorker', '?limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list('gridWorker', `?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((h) => h.id));
    // a cursor the list does not hold ends it, as before
    expect((await list('gridWorker', '?cursor=nosuchhousehold')).items).toEqual([]);
  });

  it('finds by room or by a member’s name, and filters by building', async () => {
    const rooms = await list('gridWorker', `?q=${encodeURIComponent('302')}`);
    expect(rooms.items.length).toBeGreaterThan(1);
    expect(rooms.items.every((h) => h.room.includes('302'))).toBe(true);
    expect(inOrder(rooms.items)).toBe(true);

    const someone = (await list('gridWorker', '?limit=200')).items.find((h) => h.members.length)!.members[0]!.name;
    const byName = await list('gridWorker', `?q=${encodeURIComponent(someone)}`);
    expect(byName.items.length).toBeGreaterThan(0);
    expect(byName.items.every((h) => h.members.some((m) => m.name.includes(someone)) || h.room.includes(someone))).toBe(true);

    const b2 = (await list('gridWorker', '')).buildings.find((b) => b.name === '惠泽2栋')!;
    const inB2 = await list('gridWorker', `?buildingId=${b2.id}&limit=200`);
    expect(inB2.items.length).toBeGreaterThan(0);
    expect(inB2.items.every((h) => h.building.name === '惠泽2栋')).toBe(true);
    // the filter's choices stay the viewer's buildings, whatever is filtered
    expect(inB2.buildings).toHaveLength(4);
  });

  it('stays within the viewer’s buildings: a building head finds nothing of the next building', async () => {
    const mine = await list('buildingHead', '?limit=200');
    expect(mine.buildings.map((b) => b.name)).toEqual(['惠泽1栋']);
    expect(mine.items.every((h) => h.building.name === '惠泽1栋')).toBe(true);
    expect((await list('buildingHead', `?q=${encodeURIComponent('惠泽10栋')}`)).items).toEqual([]);
  });

  it('refuses an empty or overlong search, naming the field', async () => {
    for (const q of ['%20', 'x'.repeat(21)]) {
      const r = await cast.gridWorker.get(`/api/org/households?q=${q}`);
      expect(r.status).toBe(400);
      expect(r.body.error.details[0].path).toBe('query.q');
    }
  });
});
