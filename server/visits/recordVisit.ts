// Recording a visit in a few taps: who was met, how they are, a note, a photo,
// needs found, and "need → order": an order filed on the household's behalf
// (代报, through the orders domain's own submitOrder), whose first timeline step
// names the visit. 无人在家 is kept (the attempt shows on the household's page)
// but is not a completed visit: the household stays due.
// No points for a visit (unlike a 楼栋长's patrol, server/patrols/walkPatrol.ts): visits are
// the paid work of grid workers and cadres, and points are for residents' households.
import { ORDER_LIMITS } from '../../shared/limits.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { submitOrder } from '../orders/index.js';
import { mayRecordVisit } from '../policies/index.js';
import { uploadsOwnedBy } from '../uploads/index.js';
import { householdPlace, insertVisit, type NewVisit } from './queries.js';
import { presentVisit } from './presenter.js';
import { chinaDay } from './rules.js';
import { schedule } from './schedule.js';
import type { RecordVisitBody } from './schemas.js';

const MET_WORDS = { head: '户主', family: '家人', nobody: '无人在家' } as const;

export async function recordVisit(deps: Deps, v: Viewer, body: RecordVisitBody) {
  const now = deps.clock();
  const h = await householdPlace(deps.sql, body.householdId, v.userId);
  if (!h || !mayRecordVisit(v, h, Boolean(h.paired))) throw notFound('body.householdId: household');
  if (body.photo && !(await uploadsOwnedBy(deps, v.userId)).some((u) => u.id === body.photo)) {
    throw badRequest('body.photo', 'not a photo you uploaded');
  }
  const visitId = newId();
  let orderId: string | null = null;
  if (body.order) {
    const description = body.order.description || body.needs;
    if (!description || description.length < ORDER_LIMITS.description.min) throw badRequest('body.order.description', 'say in a few words what they need');
    const [household] = await schedule(deps.sql, { householdIds: [h.id] }, chinaDay(now), { all: true });
    if (!household?.headResidentId) throw badRequest('body.householdId', 'nobody lives in this household to file for');
    // filed as any 代报 is: the same checks, deadlines and notifications; the timeline says it came from this visit
    const order = await submitOrder(
      deps,
      v,
      { category: body.order.category, description, urgency: body.order.urgency, photos: [], onBehalfOf: household.headResidentId },
      { note: `走访时发现（${chinaDay(now)} 走访，见到${MET_WORDS[body.met]}；走访记录 ${visitId}）` },
    ).catch((e: unknown) => {
      // the order's fields are under body.order here
      if (e instanceof AppError && e.details?.[0]?.path.startsWith('body.')) throw badRequest(e.details[0].path.replace('body.', 'body.order.'), e.details[0].message);
      throw e;
    });
    orderId = order.id;
  }
  const row: NewVisit = {
    id: visitId,
    communityId: h.communityId,
    gridId: h.gridId,
    householdId: h.id,
    visitorId: v.userId,
    visitedAt: now,
    met: body.met,
    wellbeing: body.met === 'nobody' ? null : body.wellbeing ?? null,
    note: body.note || null,
    photoUploadId: body.photo ?? null,
    needs: body.needs || null,
    orderId,
    completed: body.met !== 'nobody',
  };
  await insertVisit(deps.sql, row);
  const [after] = await schedule(deps.sql, { householdIds: [h.id] }, chinaDay(now), { all: true });
  return {
    visit: presentVisit({ ...row, visitorName: v.displayName }, now, deps.config.sessionSecret),
    dueOn: after?.dueOn ?? null,
  };
}
