import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { auditScopeOf, mayReadAudit } from '../policies/index.js';
import { actionLabel } from './actions.js';

// the Viewer as the policies take it: auth/ records its own changes here (a password set), so this
// folder names no file of auth/ (an import circle, .dependency-cruiser.cjs)
export type Viewer = Parameters<typeof mayReadAudit>[0];
import { presentEntry } from './presenter.js';
import { actionsIn, entryWhere, findEntries, namesFor } from './queries.js';
import type { AuditFilter, ListAuditQuery } from './schemas.js';

function scopeOf(v: Viewer) {
  if (!mayReadAudit(v)) throw forbidden('only administrators read the audit log');
  return auditScopeOf(v);
}

/** A page of the audit log, newest first, within the reader's communities and regions. */
export async function listAudit(deps: Deps, v: Viewer, q: ListAuditQuery) {
  const rows = await findEntries(deps.db, entryWhere(q, scopeOf(v)), cursorArgs(q));
  const page = toPage(rows, q.limit);
  const names = await namesFor(deps.db, page.items);
  return { items: page.items.map((e) => presentEntry(e, names)), nextCursor: page.nextCursor };
}

/** At most this many entries in one export: narrow the dates for more. */
export const EXPORT_MAX = 50_000;

/** Every entry the filter selects (up to EXPORT_MAX), newest first, named (for the export). */
export async function allEntries(deps: Deps, v: Viewer, f: AuditFilter) {
  const rows = await findEntries(deps.db, entryWhere(f, scopeOf(v)), { take: EXPORT_MAX });
  const names = await namesFor(deps.db, rows);
  return rows.map((e) => presentEntry(e, names));
}

/** The actions recorded in the reader's scope, with their words (the console's filter). */
export async function listActions(deps: Deps, v: Viewer) {
  const actions = await actionsIn(deps.db, scopeOf(v));
  return { items: actions.map((action) => ({ action, label: actionLabel(action) })) };
}
