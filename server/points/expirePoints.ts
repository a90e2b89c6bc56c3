// Points expiry, for communities that set one: points older than the period
// expire, oldest first. Each household's ledger is replayed as lots (every
// credit is a lot dated when it was booked; every debit uses up the oldest lots
// first), and what is left of lots older than the cutoff is booked as one
// `expire` entry. Running it twice is harmless: the second run finds those lots
// used up, and the entry's reference (household + day) cannot be booked twice.
import { isUniqueViolation, sqlOn } from '../db.js';
import type { Deps } from '../context.js';
import { bookEntry, lockHouseholdAccount } from './ledger.js';
import { dayLabel } from './calendar.js';

export function expiredAmount(entries: Array<{ amount: number; createdAt: Date }>, cutoff: Date): number {
  const lots: Array<{ left: number; at: Date }> = [];
  for (const e of entries) {
    if (e.amount > 0) {
      lots.push({ left: e.amount, at: e.createdAt });
      continue;
    }
    let debit = -e.amount;
    for (const lot of lots) {
      if (debit === 0) break;
      const used = Math.min(lot.left, debit);
      lot.left -= used;
      debit -= used;
    }
  }
  return lots.filter((l) => l.at < cutoff).reduce((s, l) => s + l.left, 0);
}

export async function expirePoints(deps: Deps): Promise<{ households: number; points: number }> {
  const now = deps.clock();
  const settings = await deps.db.pointsSettings.findMany({ where: { expiryMonths: { not: null } } });
  let households = 0;
  let points = 0;
  for (const s of settings) {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - s.expiryMonths!);
    // only households holding points that were earned before the cutoff can have anything to expire
    const candidates = await deps.db.pointsAccount.findMany({
      where: { communityId: s.communityId, balance: { gt: 0 }, household: { pointsEntries: { some: { amount: { gt: 0 }, createdAt: { lt: cutoff } } } } },
      select: { householdId: true },
    });
    for (const { householdId } of candidates) {
      try {
        const amount = await deps.db.$transaction(async (tx) => {
          await lockHouseholdAccount(sqlOn(tx), householdId); // a redemption in between would be counted as unspent
          const entries = await tx.pointsEntry.findMany({
            where: { householdId },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            select: { amount: true, createdAt: true },
          });
          const expired = expiredAmount(entries, cutoff);
          if (expired > 0) {
            await bookEntry(sqlOn(tx), {
              communityId: s.communityId,
              householdId,
              kind: 'expire',
              amount: -expired,
              reason: `积分过期（${s.expiryMonths}个月前获得）`,
              reference: `expire:${householdId}:${dayLabel(now)}`,
              at: now,
            });
          }
          return expired;
        });
        if (amount > 0) {
          households++;
          points += amount;
        }
      } catch (e) {
        if (isUniqueViolation(e)) continue; // another run got there first
        throw e;
      }
    }
  }
  return { households, points };
}
