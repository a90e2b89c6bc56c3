// A correction by staff: a new entry, never an edit. It cannot take a balance below zero.
import crypto from 'node:crypto';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { sqlOn } from '../db.js';
import { notFound } from '../errors.js';
import { pointsStaffCommunity } from '../policies/index.js';
import { bookEntry } from './ledger.js';
import { householdBalance } from './queries.js';
import type { AdjustBody } from './schemas.js';

export async function adjustPoints(deps: Deps, v: Viewer, body: AdjustBody) {
  const communityId = pointsStaffCommunity(v);
  const household = await deps.db.household.findFirst({ where: { id: body.householdId, communityId }, select: { id: true } });
  if (!household) throw notFound('household');
  await deps.db.$transaction((tx) =>
    bookEntry(sqlOn(tx), {
      communityId,
      householdId: household.id,
      kind: 'adjust',
      amount: body.amount,
      reason: body.reason,
      reference: `adjust:${crypto.randomUUID()}`,
      at: deps.clock(),
      grantedById: v.userId,
    }),
  );
  return { householdId: household.id, balance: await householdBalance(deps, household.id) };
}
