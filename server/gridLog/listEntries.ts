// The 民情日志 as its readers search it: newest first, by words, kind, dates, household.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { gridLogReach, mayReadGridLog, mayReadGridLogOf } from '../policies/index.js';
import { presentEntry } from './presenter.js';
import { entryById, entryPage, householdPlace, linksOf, orderPlace } from './queries.js';
import type { EntriesQuery } from './schemas.js';

const refuseUnlessReader = (v: Viewer) => {
  if (!mayReadGridLog(v)) throw forbidden("only the grid's workers and community staff read the 民情日志");
};

export async function listEntries(deps: Deps, v: Viewer, q: EntriesQuery) {
  refuseUnlessReader(v);
  // the log about one household or order (its drawer, its page): not found unless its grid's log is the viewer's to read
  if (q.householdId) {
    const place = await householdPlace(deps.sql, q.householdId);
    if (!place || !mayReadGridLogOf(v, place)) throw notFound('query.householdId: household');
  }
  if (q.orderId) {
    const place = await orderPlace(deps.sql, q.orderId);
    if (!place || !mayReadGridLogOf(v, place)) throw notFound('query.orderId: order');
  }
  const { rows, total } = await entryPage(deps.sql, gridLogReach(v), q, q);
  const links = await linksOf(deps.sql, rows.map((r) => r.id));
  const ctx = { secret: deps.config.sessionSecret, now: deps.clock() };
  return { total, items: rows.map((r) => presentEntry(v, r, links, ctx)) };
}

export async function getEntry(deps: Deps, v: Viewer, id: string) {
  refuseUnlessReader(v);
  const row = await entryById(deps.sql, gridLogReach(v), id);
  if (!row) throw notFound('entry');
  return presentEntry(v, row, await linksOf(deps.sql, [id]), { secret: deps.config.sessionSecret, now: deps.clock() });
}
