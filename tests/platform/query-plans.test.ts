// The query-plan cache (server/queryPlans.ts): a query compiled once is not compiled again, a
// different query (if only by a value) gets its own plan, and what a cached plan answers is what a
// fresh one would. The first part drives the cache with a stand-in compiler; the second runs the
// real clients (SQLite in `server`, PostgreSQL in `server-pg`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_CACHE, planCacheStats, planCacheTotals, planCached } from '../../server/queryPlans.js';
import { startServer, type TestServer } from '../support/server.js';
import { testDbKind } from '../support/database.js';

/** A compiler that counts what it compiles and returns a new plan object each time. */
function standIn() {
  const compiled: string[] = [];
  const compiler = {
    compile: planCached(function (query: string) {
      if (query === 'broken') throw new Error('cannot compile');
      compiled.push(query);
      return { plan: query };
    }),
  };
  return { compiler, compiled };
}

describe.skipIf(testDbKind() === 'postgres')('the plan cache, on a stand-in compiler', () => {
  it('compiles a query text once, and each different text (a value, a field) once too', () => {
    const { compiler, compiled } = standIn();
    const a = compiler.compile('{"modelName":"Order","arguments":{"where":{"id":"a"}}}');
    expect(compiler.compile('{"modelName":"Order","arguments":{"where":{"id":"a"}}}')).toBe(a);
    const b = compiler.compile('{"modelName":"Order","arguments":{"where":{"id":"b"}}}');
    expect(b).not.toBe(a);
    expect(b).toEqual({ plan: '{"modelName":"Order","arguments":{"where":{"id":"b"}}}' });
    expect(compiled).toHaveLength(2);
    expect(planCacheStats(compiler)).toEqual({ size: 2, hits: 1, misses: 2 });
  });

  it('keeps the last PLAN_CACHE.entries plans: the least recently used goes first', () => {
    const { compiler, compiled } = standIn();
    for (let i = 0; i < PLAN_CACHE.entries; i++) compiler.compile(`q${i}`);
    compiler.compile('q0'); // used again: now the most recent
    compiler.compile('one more'); // pushes out q1, the least recently used
    expect(planCacheStats(compiler)!.size).toBe(PLAN_CACHE.entries);
    compiled.length = 0;
    compiler.compile('q0');
    compiler.compile('q2');
    expect(compiled).toEqual([]);
    compiler.compile('q1');
    expect(compiled).toEqual(['q1']);
  });

  it('does not keep a text longer than PLAN_CACHE.maxKeyChars (a bulk insert), nor a failure', () => {
    const { compiler, compiled } = standIn();
    const long = 'x'.repeat(PLAN_CACHE.maxKeyChars + 1);
    compiler.compile(long);
    compiler.compile(long);
    expect(compiled).toEqual([long, long]);
    expect(() => compiler.compile('broken')).toThrow('cannot compile');
    expect(() => compiler.compile('broken')).toThrow('cannot compile');
    expect(planCacheStats(compiler)?.size ?? 0).toBe(0);
  });
});

describe('the plan cache, on the real client', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.close());

  it('answers a repeated query from its plan, and a query that differs by a value with its own', async () => {
    const db = s.deps.db;
    const buildings = await db.building.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
    expect(buildings.length).toBeGreaterThan(2);
    const before = planCacheTotals();
    // the same query 50 times: compiled at most once (other work in the process may compile its own)
    for (let i = 0; i < 50; i++) {
      const one = await db.building.findUnique({ where: { id: buildings[0]!.id }, select: { name: true } });
      expect(one?.name).toBe(buildings[0]!.name);
    }
    const after = planCacheTotals();
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(49);
    // each other building by its own id: its own plan, its own answer
    for (const b of buildings) {
      expect((await db.building.findUnique({ where: { id: b.id }, select: { name: true } }))?.name).toBe(b.name);
      expect((await db.building.findUnique({ where: { id: b.id }, select: { name: true } }))?.name).toBe(b.name);
    }
  });

  it('serves a write the same way: a plan reused for an update changes the row it names', async () => {
    const db = s.deps.db;
    const [a, b] = await db.building.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 2 });
    for (let i = 0; i < 3; i++) await db.building.update({ where: { id: a!.id }, data: { name: `${a!.name}（改）` } });
    await db.building.update({ where: { id: b!.id }, data: { name: `${a!.name}（改）`.replace(a!.name, b!.name) } });
    expect((await db.building.findUnique({ where: { id: a!.id } }))?.name).toBe(`${a!.name}（改）`);
    expect((await db.building.findUnique({ where: { id: b!.id } }))?.name).toBe(`${b!.name}（改）`);
  });
});
