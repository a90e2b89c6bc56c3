import type { DbTx } from '../db.js';
import { insertEntry, type NewAccessLogEntry } from './queries.js';

/**
 * Writes one access-log entry. The caller writes it before it answers the
 * revealed value, in the same transaction when it has one: no entry, no reveal.
 */
export const recordAccess = (db: DbTx, entry: NewAccessLogEntry) => insertEntry(db, entry);
