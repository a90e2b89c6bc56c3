import type { Deps } from '../context.js';

/** A household's points balance (0 for a household that never earned any). */
export async function householdBalance(deps: Pick<Deps, 'db'>, householdId: string): Promise<number> {
  const account = await deps.db.pointsAccount.findUnique({ where: { householdId }, select: { balance: true } });
  return account?.balance ?? 0;
}
