// 批量派单: the console's "派给…" on several selected orders. Each order is its own
// dispatch (its own transaction, scope, policy and state check, as POST
// /api/orders/:id/dispatch), so one refused order does not undo the others; the
// answer says, per order, what happened.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { canDispatchSomewhere } from '../policies/index.js';
import type { BulkDispatchBody } from './schemas.js';
import { dispatchOrder } from './transitions.js';

export async function bulkDispatch(deps: Deps, viewer: Viewer, body: BulkDispatchBody) {
  // a role that dispatches nowhere is refused outright, as for one order, not answered "each refused"
  if (!canDispatchSomewhere(viewer)) throw new AppError('forbidden', 'only community staff dispatch orders');
  const results = [];
  // one after another: a burst of parallel transactions would queue on SQLite's one writer anyway
  for (const orderId of body.orderIds) {
    try {
      // the summary: what the order page adds (description, timeline, the conversation's counts) left out
      const { description: _d, timeline: _t, pausedAt: _p, joined: _j, mergedInto: _m, ...order } = await dispatchOrder(deps, viewer, orderId, { assigneeId: body.assigneeId, note: body.note });
      results.push({ orderId, ok: true as const, order });
    } catch (e) {
      // only refusals are per-order results; anything else is a fault and fails the request
      if (!(e instanceof AppError)) throw e;
      results.push({ orderId, ok: false as const, error: { code: e.code, message: e.message } });
    }
  }
  const dispatched = results.filter((r) => r.ok).length;
  return { dispatched, failed: results.length - dispatched, results };
}
