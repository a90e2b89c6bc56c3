import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { mayReadAccessLog } from '../policies/index.js';
import { presentEntry } from './presenter.js';
import { entryWhere, findEntries, namesFor } from './queries.js';
import type { AccessLogFilter, ListAccessLogQuery } from './schemas.js';

export function requireLogReader(v: Viewer) {
  if (!mayReadAccessLog(v)) throw forbidden('only administrators read the access log');
}

/** A page of the access log, newest first. */
export async function listAccessLog(deps: Deps, v: Viewer, q: ListAccessLogQuery) {
  requireLogReader(v);
  const rows = await findEntries(deps.db, entryWhere(q), cursorArgs(q));
  const page = toPage(rows, q.limit);
  const names = await namesFor(deps.db, page.items);
  return { items: page.items.map((e) => presentEntry(e, names)), nextCursor: page.nextCursor };
}

/** Every entry the filter selects, newest first, named (for the export). */
export async function allEntries(deps: Deps, v: Viewer, f: AccessLogFilter) {
  requireLogReader(v);
  const rows = await findEntries(deps.db, entryWhere(f), {});
  const names = await namesFor(deps.db, rows);
  return rows.map((e) => presentEntry(e, names));
}
