// What residents and staff see of points rows.
import type { PointsRule } from '@prisma/client';

/** 杨秀英 → 杨*英: the 积分榜 is posted where the whole building can see it. */
export const maskName = (name: string) =>
  name.length <= 1 ? name : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`;

export function presentRank(
  rank: number,
  r: { household: { id: string; room: string; unit: { name: string } }; head: string | null; earned: number },
  myHouseholdId: string | undefined,
) {
  return {
    rank,
    householdId: r.household.id,
    room: `${r.household.unit.name} ${r.household.room}`,
    head: r.head === null ? null : maskName(r.head),
    earned: r.earned,
    mine: r.household.id === myHouseholdId,
  };
}

export function presentRule(r: Pick<PointsRule, 'id' | 'code' | 'name' | 'points' | 'monthlyCap' | 'active'>) {
  return { id: r.id, code: r.code, name: r.name, points: r.points, monthlyCap: r.monthlyCap, active: r.active };
}
