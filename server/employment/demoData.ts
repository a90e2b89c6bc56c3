// A demo 就业台账 for every community, after the case reports: about 85% of the
// labour force in work (平远新城: 8,843 of 10,354), some seeking work with the
// trades they want, and a few households with nobody in work.
import type { EmploymentStatus, Prisma } from '@prisma/client';
import type { Deps } from '../context.js';
import { DEMO_OPENIDS } from '../demoFacts.js';
import { ledgerYear } from './ledger.js';
import { insertRecords, replaceCurrentRecord } from './queries.js';
import type { Trade } from './trades.js';

const DAY = 86_400_000;

const EMPLOYERS: Array<[EmploymentStatus, string | null]> = [
  ['employed_local', '清达服装有限公司'],
  ['employed_local', '织金县电子元件加工车间'],
  ['employed_local', '贵州花仙子蜡染刺绣公司'],
  ['employed_outbound', '广东东莞电子厂'],
  ['employed_outbound', '浙江宁波建筑工地'],
  ['employed_outbound', '广州花都区服装厂'],
  ['public_welfare', '社区保洁'],
  ['self_employed', '扶贫微创园便民超市'],
];
const SEEKING_TRADES: Trade[][] = [['welding'], ['housekeeping', 'caregiving'], ['cooking'], ['electronics'], ['garment', 'embroidery'], ['security']];

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedEmploymentDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  const now = deps.clock();
  const year = ledgerYear(deps);
  const random = prng(4426);
  // in a fixed order (names and addresses, not the random ids), so every seeding draws the same people into work
  const communities = (await db.community.findMany({ include: { roles: { where: { role: 'STAFF' }, take: 1, orderBy: { createdAt: 'asc' } } } })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const admin = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.admin } });
  for (const c of communities) {
    const by = c.roles[0]?.userId ?? admin.userId;
    // most working-age people in work, some seeking, a few households with nobody in work
    const residents = (
      await db.resident.findMany({ where: { communityId: c.id }, include: { household: { select: { room: true, building: { select: { name: true } }, unit: { select: { name: true } } } } } })
    )
      .map((r) => ({ r, key: [r.household.building.name, r.household.unit.name, r.household.room, r.relation === '户主' ? '0' : '1', r.name, String(r.birthYear ?? '')] }))
      .sort((a, b) => {
        for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! < b.key[i]! ? -1 : 1;
        return 0;
      })
      .map(({ r }) => r);
    const records: Prisma.EmploymentRecordCreateManyInput[] = [];
    const zeroHouseholds = new Set(residents.filter(() => random() < 0.02).map((r) => r.householdId));
    for (const r of residents) {
      const age = r.birthYear ? year - r.birthYear : null;
      if (age === null || age < 16 || age > 60) continue;
      const roll = random();
      let status: EmploymentStatus;
      let employer: string | null = null;
      let trades: Trade[] = [];
      if (zeroHouseholds.has(r.householdId)) {
        status = roll < 0.7 ? 'seeking' : 'unable';
      } else if (roll < 0.82) {
        [status, employer] = EMPLOYERS[Math.floor(random() * EMPLOYERS.length)]!;
      } else if (roll < 0.95) {
        status = 'seeking';
      } else {
        status = 'unable';
      }
      if (status === 'seeking') trades = SEEKING_TRADES[Math.floor(random() * SEEKING_TRADES.length)]!;
      const monthsAgo = 1 + Math.floor(random() * 30);
      records.push({
        communityId: c.id,
        householdId: r.householdId,
        residentId: r.id,
        status,
        employer,
        since: employer ? new Date(now.getTime() - monthsAgo * 30 * DAY) : null,
        trades: JSON.stringify(trades),
        current: true,
        source: 'import',
        recordedById: by,
        createdAt: new Date(now.getTime() - 20 * DAY),
      });
    }
    await insertRecords(db, records);
  }

  // demo-resident is looking for work in housekeeping, so matching shows on first start
  const me = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.resident }, include: { user: { include: { resident: true } } } });
  const resident = me.user.resident!;
  await replaceCurrentRecord(db, {
    communityId: resident.communityId,
    householdId: resident.householdId,
    residentId: resident.id,
    status: 'seeking',
    trades: JSON.stringify(['housekeeping', 'cooking'] satisfies Trade[]),
    note: '想在家附近上班，方便照顾孙子',
    current: true,
    source: 'manual',
    recordedById: admin.userId,
    createdAt: now,
  });
}
