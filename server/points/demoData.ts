// Demo points for every community: earning rules, and a few months of awards so
// demo-resident's household holds a few hundred points (the shelf is the shop's: server/shop/demoData.ts).
import crypto from 'node:crypto';
import type { Deps } from '../context.js';
import { DEMO_OPENIDS } from '../demoFacts.js';
import { awardForRule } from './awardPoints.js';

// The case reports name the 积分超市 but no point values: these are ours.
export const DEMO_RULES = [
  { code: 'volunteer_hour', name: '志愿服务（每小时）', points: 5, monthlyCap: 100 },
  { code: 'civilized_household', name: '文明户月度评选', points: 20, monthlyCap: 20 },
  { code: 'five_star', name: '五星级文明户', points: 50, monthlyCap: 50 },
  { code: 'hygiene_check', name: '卫生检查达标', points: 10, monthlyCap: 10 },
  { code: 'training_completed', name: '完成技能培训', points: 30, monthlyCap: null },
  { code: 'activity', name: '参加社区活动', points: 5, monthlyCap: 30 },
];

export async function seedPointsDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  const communities = await db.community.findMany({ select: { id: true } });
  const now = deps.clock();
  for (const { id: communityId } of communities) {
    await db.pointsRule.createMany({ data: DEMO_RULES.map((r) => ({ ...r, communityId, createdAt: now })) });
  }

  const resident = await db.wechatIdentity.findUniqueOrThrow({
    where: { openid: DEMO_OPENIDS.resident },
    include: { user: { include: { resident: true } } },
  });
  const household = resident.user.resident!;
  const staff = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.staff } });
  const rules = new Map((await db.pointsRule.findMany({ where: { communityId: household.communityId } })).map((r) => [r.code, r.id]));
  // four months of civic life in 惠泽1栋, booked through the real award service
  const building = await db.household.findMany({
    where: { buildingId: (await db.household.findUniqueOrThrow({ where: { id: household.householdId } })).buildingId },
    select: { id: true },
  });
  const month = 30 * 1440 * 60_000;
  const awards: Array<[number, string, string[], number, string]> = [
    [4, 'civilized_household', [household.householdId], 1, '9月文明户'],
    [4, 'volunteer_hour', [household.householdId], 10, '防汛值守'],
    [3, 'volunteer_hour', building.slice(0, 12).map((h) => h.id).concat(household.householdId), 4, '国庆楼道大扫除'],
    [3, 'five_star', [household.householdId], 1, '五星级文明户'],
    [2, 'hygiene_check', building.map((h) => h.id), 1, '10月卫生检查'],
    [2, 'civilized_household', [household.householdId], 1, '10月文明户'],
    [1, 'activity', building.slice(0, 20).map((h) => h.id), 2, '重阳节敬老活动'],
    [1, 'volunteer_hour', [household.householdId], 6, '义务巡逻'],
    [1, 'five_star', [household.householdId], 1, '五星级文明户'],
    [0.2, 'civilized_household', [household.householdId], 1, '11月文明户'],
  ];
  for (const [monthsAgo, code, householdIds, times, note] of awards) {
    await awardForRule(
      { ...deps, clock: () => new Date(now.getTime() - monthsAgo * month) },
      {
        communityId: household.communityId,
        ruleId: rules.get(code)!,
        householdIds: [...new Set(householdIds)],
        times,
        note,
        grantedById: staff.userId,
        batch: `demo-${crypto.randomUUID()}`,
      },
    );
  }
}
