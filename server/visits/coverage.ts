// 走访覆盖: per grid, for a month (China time), how many watched households were
// due, visited on time, visited late, are overdue now, or are still to come.
// A household counts once per month, by its first due day in it: the day its
// last completed visit before the month (or, never visited, the day it began to
// be watched) makes it due. On time: someone was met in the month on or before
// that day; a household already overdue when the month began can only be late.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { visitsStaffCommunity } from '../policies/index.js';
import { completedVisitsBetween, gridsWithWorkers } from './queries.js';
import { addDays, chinaDay, dayStart } from './rules.js';
import { schedule } from './schedule.js';

interface Figures {
  watched: number;
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  rate: number;
}
const zero = (): Figures => ({ watched: 0, due: 0, onTime: 0, late: 0, overdue: 0, pending: 0, rate: 1 });
const withRate = (f: Figures): Figures => ({ ...f, rate: f.due ? Math.round((f.onTime / f.due) * 1000) / 1000 : 1 });

export async function visitCoverage(deps: Deps, v: Viewer, q: { month?: string | undefined; communityId?: string | undefined }) {
  const communityId = visitsStaffCommunity(v, q.communityId);
  const now = deps.clock();
  const today = chinaDay(now);
  const month = q.month ?? today.slice(0, 7);
  const firstDay = `${month}-01`;
  const nextMonth = addDays(`${month}-28`, 4).slice(0, 7) + '-01';
  const lastDay = addDays(nextMonth, -1);
  const from = dayStart(firstDay);
  const to = dayStart(nextMonth);
  const [grids, asOfStart, current, visits] = await Promise.all([
    gridsWithWorkers(deps.sql, communityId),
    schedule(deps.sql, { communityId }, firstDay, { before: from }),
    schedule(deps.sql, { communityId }, today),
    completedVisitsBetween(deps.sql, communityId, from, to),
  ]);
  const firstVisit = new Map<string, string>();
  for (const x of visits) if (!firstVisit.has(x.householdId)) firstVisit.set(x.householdId, chinaDay(new Date(x.visitedAt)));
  const overdueNow = new Set(current.filter((h) => h.bucket === 'overdue').map((h) => h.id));

  const per = new Map<string, Figures>();
  const total = zero();
  for (const h of asOfStart) {
    const f = per.get(h.gridId) ?? zero();
    per.set(h.gridId, f);
    for (const x of [f, total]) x.watched++;
    if (!h.dueOn || h.dueOn > lastDay) continue;
    const visited = firstVisit.get(h.id);
    const outcome = visited ? (visited <= h.dueOn ? 'onTime' : 'late') : overdueNow.has(h.id) || h.dueOn < today ? 'overdue' : 'pending';
    for (const x of [f, total]) {
      x.due++;
      x[outcome]++;
    }
  }
  const names = new Map<string, { name: string; workers: string[] }>();
  for (const g of grids) {
    const e = names.get(g.id) ?? { name: g.name, workers: [] };
    if (g.worker) e.workers.push(g.worker);
    names.set(g.id, e);
  }
  return {
    communityId,
    month,
    today,
    grids: [...names].map(([gridId, g]) => ({ gridId, gridName: g.name, workers: g.workers, ...withRate(per.get(gridId) ?? zero()) })),
    total: withRate(total),
  };
}
