// What residents and staff see of points rows.
import type { PointsRule } from '@prisma/client';
import { mustReveal, requireVisible, reveal, type ViewerRelation } from '../policies/index.js';

/**
 * The 积分榜 is posted where the whole building can see it: whoever reads it,
 * it shows what the visibility table lets a neighbour see (names masked, 杨*英).
 */
const POSTED_FOR_THE_BUILDING: readonly ViewerRelation[] = ['neighbour'];

export function presentRank(
  rank: number,
  r: { household: { id: string; room: string; unit: { name: string } }; head: string | null; earned: number },
  myHouseholdId: string | undefined,
) {
  const seen = POSTED_FOR_THE_BUILDING;
  requireVisible(seen, 'pointsEarned');
  return {
    rank,
    householdId: r.household.id,
    room: mustReveal(seen, 'room', `${r.household.unit.name} ${r.household.room}`),
    head: r.head === null ? null : (reveal(seen, 'name', r.head) ?? null),
    earned: r.earned,
    mine: r.household.id === myHouseholdId,
  };
}

export function presentRule(r: Pick<PointsRule, 'id' | 'code' | 'name' | 'points' | 'monthlyCap' | 'active'>) {
  return { id: r.id, code: r.code, name: r.name, points: r.points, monthlyCap: r.monthlyCap, active: r.active };
}
