// 超时工单日报: every morning at 08:30 (the community's time zone) each community's
// staff get one digest of its overdue ordinary orders — how many are late to be
// claimed, resolved or reviewed (评单), and the oldest few. Emergencies are not
// in it: they alerted people as they went late (server/notices/escalationAlerts.ts).
//
// Once per community and day however many instances sweep: the OverdueDigest row
// (unique on communityId + day) is inserted before anything is sent, and only the
// sweep whose insert went in emits `orders.overdueDigest` (the notices domain sends).
// A community with nothing overdue gets its row too, and no message.
import type { Order } from '@prisma/client';
import type { Deps } from '../context.js';
import { newId } from '../ids.js';
import { join, sql } from '../sql.js';
import { reviewDeadlineDaysOf } from './reviewDeadline.js';
import { AWAITING_CLAIM, reviewDueAt, UNRESOLVED } from './sla.js';

/** The digest goes out at the first sweep from this local time on. */
export const DIGEST_AT = { hour: 8, minute: 30 };
/** How many of the oldest overdue orders the digest names. */
export const DIGEST_OLDEST = 3;

/** The local day (2026-12-05) and minutes since local midnight of `at` in `timeZone`. */
function localClock(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

type Late = 'response' | 'resolution' | 'review';
type Row = Pick<Order, 'id' | 'title' | 'status' | 'responseDueAt' | 'resolveDueAt' | 'resolvedAt'> & { building: string };

/** The community's overdue ordinary orders, each once, by what is late first (claim before resolve). */
async function overdueOf(deps: Deps, communityId: string, now: Date) {
  // late to be reviewed by the community's own 评单 deadline
  const reviewDays = await reviewDeadlineDaysOf(deps.db, communityId);
  const reviewCutoff = new Date(now.getTime() - reviewDays * 24 * 60 * 60_000);
  const rows = await deps.sql.all<Row>(sql`
    SELECT o.id, o.title, o.status, o."responseDueAt", o."resolveDueAt", o."resolvedAt", b.name AS building
    FROM "Order" o JOIN "Building" b ON b.id = o."buildingId"
    WHERE o."communityId" = ${communityId} AND o.urgency = 'normal'
      AND ((o.status IN (${join(UNRESOLVED)}) AND ((o.status IN (${join(AWAITING_CLAIM)}) AND o."responseDueAt" < ${now}) OR o."resolveDueAt" < ${now}))
           OR (o.status = 'resolved' AND o."resolvedAt" < ${reviewCutoff}))`);
  const late = rows.map((o) => {
    const kind: Late = o.status === 'resolved' ? 'review' : AWAITING_CLAIM.includes(o.status) && o.responseDueAt < now ? 'response' : 'resolution';
    const dueAt = kind === 'review' ? reviewDueAt(o.resolvedAt!, reviewDays) : kind === 'response' ? o.responseDueAt : o.resolveDueAt;
    return { orderId: o.id, title: o.title, building: o.building, late: kind, dueAt };
  });
  late.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.orderId.localeCompare(b.orderId));
  const counts = { response: 0, resolution: 0, review: 0 };
  for (const o of late) counts[o.late]++;
  return { counts, total: late.length, oldest: late.slice(0, DIGEST_OLDEST) };
}

/** Sends the day's digest of every community that has not had it today, once it is 08:30 there; how many were sent. */
export async function sendOverdueDigests(deps: Deps): Promise<number> {
  const now = deps.clock();
  const { day, minutes } = localClock(now, deps.config.notices.timeZone);
  if (minutes < DIGEST_AT.hour * 60 + DIGEST_AT.minute) return 0;
  const due = await deps.sql.all<{ id: string }>(sql`
    SELECT c.id FROM "Community" c
    WHERE NOT EXISTS (SELECT 1 FROM "OverdueDigest" d WHERE d."communityId" = c.id AND d.day = ${day})
    ORDER BY c.id`);
  let sent = 0;
  for (const { id: communityId } of due) {
    const { counts, total, oldest } = await overdueOf(deps, communityId, now);
    const claimed = await deps.sql.run(sql`
      INSERT INTO "OverdueDigest" (id, "communityId", day, overdue, "sentAt") VALUES (${newId()}, ${communityId}, ${day}, ${total}, ${now})
      ON CONFLICT ("communityId", day) DO NOTHING`);
    if (claimed !== 1 || !total) continue; // another sweep sent it, or nothing is late
    sent++;
    deps.events.emit('orders.overdueDigest', { communityId, day, counts, oldest });
  }
  return sent;
}
