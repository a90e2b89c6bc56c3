// A grid worker's queue: emergencies on top, then whatever is overdue, then by the nearest deadline.
import type { OrderSummary } from '../api/types.js';

/** The deadline that matters now: claiming until claimed, then resolving. */
export function nextDeadline(o: Pick<OrderSummary, 'status' | 'responseDueAt' | 'resolveDueAt'>): string {
  return o.status === 'accepted' ? o.resolveDueAt : o.responseDueAt;
}

const isOverdue = (o: OrderSummary) => o.overdue.response || o.overdue.resolution;

export function sortQueue<T extends OrderSummary>(orders: T[]): T[] {
  return [...orders].sort(
    (a, b) =>
      Number(b.urgency === 'emergency') - Number(a.urgency === 'emergency') ||
      Number(isOverdue(b)) - Number(isOverdue(a)) ||
      Date.parse(nextDeadline(a)) - Date.parse(nextDeadline(b)) ||
      a.id.localeCompare(b.id),
  );
}

/** Two lists that may share orders (my assigned ones, my grid's waiting emergencies) → one, each order once. */
export function mergeById<T extends { id: string }>(...lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const o of list) if (!seen.has(o.id)) seen.set(o.id, o);
  return [...seen.values()];
}
