// The test harness the other suites lean on.
// The write log the reliability tests judge "refused and wrote nothing" by
// (tests/support/writeLog.ts): it must cover every table, see the writes row counts
// cannot (an update; a delete and an insert that cancel out), and not see what a
// transaction rolled back.
// The fixtures (tests/support/fixtures.ts) pick the same people every run, by what
// they are (an address, a name), never by ids, which are random.
import { Prisma } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdClients, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';
import { writeLogCoverage, writeMark, writesSince } from '../support/writeLog.js';

let s: TestServer;
let cast: Cast;
beforeAll(async () => {
  s = await startServer();
  cast = await signInAll(s);
});
afterAll(() => s?.close());

describe('the write log of the test databases', () => {
  it('covers every table of the database, and every table of the schema is one of them', async () => {
    const { tables, covered } = await writeLogCoverage(s.deps.db);
    expect(covered).toEqual(tables);
    // the models' tables (a model may name its table with @@map)
    const modelTables = Prisma.dmmf.datamodel.models.map((m) => m.dbName ?? m.name).sort();
    expect(modelTables.filter((t) => !tables.includes(t))).toEqual([]);
    expect(tables.length).toBeGreaterThanOrEqual(modelTables.length);
  });

  it('sees what the server writes over HTTP: an adjustment changes a balance (an update) and adds an entry', async () => {
    const householdId = (await cast.resident.get('/api/me')).body.resident.householdId;
    const mark = await writeMark(s.deps.db);
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    const r = await cast.staff.post('/api/points/adjustments', { householdId, amount: 3, reason: '核对更正' });
    expect(r.status).toBe(200);
    const wrote = await writesSince(s.deps.db, mark);
    expect(wrote.PointsAccount).toMatch(/UPDATE×1/);
    expect(wrote.PointsEntry).toBe('INSERT×1');
  });

  it('sees an update that keeps every row count, and a delete and insert that cancel out', async () => {
    const db = s.deps.db;
    const account = await db.pointsAccount.findFirstOrThrow({ orderBy: { householdId: 'asc' } });
    let mark = await writeMark(db);
    await db.pointsAccount.update({ where: { householdId: account.householdId }, data: { balance: account.balance } }); // even to the same value
    expect(await writesSince(db, mark)).toEqual({ PointsAccount: 'UPDATE×1' });

    mark = await writeMark(db);
    const rule = await db.pointsRule.findFirstOrThrow({ where: { code: { not: '' } }, orderBy: { code: 'asc' } });
    await db.$transaction(async (tx) => {
      const { id: _id, ...copy } = rule;
      await tx.pointsRule.create({ data: { ...copy, code: `${rule.code}_copy` } });
      await tx.pointsRule.delete({ where: { communityId_code: { communityId: rule.communityId, code: `${rule.code}_copy` } } });
    });
    expect(await writesSince(db, mark)).toEqual({ PointsRule: 'DELETE×1, INSERT×1' });
  });

  it('does not see what a transaction rolled back, nor (by default) the rate-limit counters', async () => {
    const db = s.deps.db;
    const mark = await writeMark(db);
    await expect(
      db.$transaction(async (tx) => {
        await tx.pointsAccount.updateMany({ data: { balance: { increment: 1 } } });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await writesSince(db, mark)).toEqual({});
    await db.rateLimitWindow.create({ data: { bucket: 'write-log-test', key: 'k', windowStart: new Date(), count: 1 } });
    expect(await writesSince(db, mark)).toEqual({});
    expect(await writesSince(db, mark, [])).toEqual({ RateLimitWindow: 'INSERT×1' });
  });
});

describe('the fixtures', () => {
  it('householdClients takes the households of 惠泽 without accounts in address order (building, unit, room), whatever their ids', async () => {
    const picked = await householdClients(s, 4);
    const households = await s.deps.db.household.findMany({
      where: { id: { in: picked.map((p) => p.householdId) } },
      select: { id: true, room: true, building: { select: { name: true } }, unit: { select: { name: true } } },
    });
    const address = new Map(households.map((h) => [h.id, `${h.building.name} ${h.unit.name} ${h.room}`]));
    // the demo data (server/demo/seed.ts) is the same every run: no one in 惠泽1栋 1单元 below the third floor has an account
    expect(picked.map((p) => address.get(p.householdId))).toEqual(['惠泽1栋 1单元 101', '惠泽1栋 1单元 102', '惠泽1栋 1单元 201', '惠泽1栋 1单元 202']);
  });
});
