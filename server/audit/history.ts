// The history of one setting, or of one kind of setting, of a community (社区设置 修改记录):
// the audit log filtered by its target. The caller decides who may read it (its own policy).
import type { DbTx } from '../db.js';
import { presentEntry } from './presenter.js';
import { findEntries, namesFor } from './queries.js';

export interface HistoryFilter {
  communityId: string;
  /** the kinds of target: `category`, `stock_reply`, `notice_automation`… */
  targetTypes: string[];
  /** one target's entries only */
  targetId?: string;
  /** at most this many, newest first */
  take: number;
}

export async function historyOf(db: DbTx, f: HistoryFilter) {
  const rows = await findEntries(
    db,
    { communityId: f.communityId, targetType: { in: f.targetTypes }, ...(f.targetId ? { targetId: f.targetId } : {}) },
    { take: f.take },
  );
  const names = await namesFor(db, rows);
  return rows.map((e) => presentEntry(e, names));
}
