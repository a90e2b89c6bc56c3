// The points-expiry task as `npm start` wires it: server/main.ts, started as deployed,
// schedules expirePoints among its background tasks (under its lease), and its first
// run at start books the expiry of points older than the community's period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db.js';
import { startAppServer, type ChildServer } from '../bench/support.js';
import { freshDatabase, type FreshDatabase } from '../support/database.js';

describe('points expiry, started by server/main.ts', () => {
  let fresh: FreshDatabase;
  let db: Db;
  let server: ChildServer | undefined;
  let householdId: string;

  beforeAll(async () => {
    fresh = await freshDatabase();
    db = createDb(fresh.url);
    const community = await db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
    // a household with nothing on its ledger, given 40 points three months ago; the community's points expire after a month
    const household = await db.household.findFirstOrThrow({
      where: { communityId: community.id, pointsEntries: { none: {} } },
      orderBy: [{ building: { name: 'asc' } }, { unit: { name: 'asc' } }, { room: 'asc' }], // 1单元 and 2单元 share room numbers
    });
    householdId = household.id;
    const earned = new Date(Date.now() - 90 * 86_400_000);
    await db.pointsEntry.create({
      data: { communityId: community.id, householdId, kind: 'adjust', amount: 40, reason: '测试：三个月前', reference: `wiring-test:${householdId}`, createdAt: earned },
    });
    await db.pointsAccount.create({ data: { householdId, communityId: community.id, balance: 40 } });
    await db.pointsSettings.upsert({ where: { communityId: community.id }, create: { communityId: community.id, expiryMonths: 1 }, update: { expiryMonths: 1 } });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await db?.$disconnect();
    await fresh?.drop();
  });

  it('runs expirePoints on its own once the server is up', async () => {
    // an hour apart: only the run at start can have happened within this test
    server = await startAppServer(fresh.url, { POINTS_EXPIRY_SWEEP_MINUTES: '60' });
    const deadline = Date.now() + 30_000;
    let expired: Array<{ amount: number }> = [];
    while (Date.now() < deadline) {
      expired = await db.pointsEntry.findMany({ where: { householdId, kind: 'expire' }, select: { amount: true } });
      if (expired.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(expired, `no expiry booked within 30 s of the start; server output:\n${server.output()}`).toEqual([{ amount: -40 }]);
    expect((await db.pointsAccount.findUniqueOrThrow({ where: { householdId } })).balance).toBe(0);
  }, 120_000);
});
