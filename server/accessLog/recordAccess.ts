import type { DbTx } from '../db.js';
import { insertEntries, insertEntry, type NewAccessLogEntry } from './queries.js';

/**
 * Writes one access-log entry. The caller writes it before it answers the
 * revealed value, in the same transaction when it has one: no entry, no reveal.
 */
export const recordAccess = (db: DbTx, entry: NewAccessLogEntry) => insertEntry(db, entry);

/** One entry per person whose field a single action reveals (the 户籍台账 export: every ID number in it), written before the file is answered. */
export const recordAccesses = (db: DbTx, entries: NewAccessLogEntry[]) => insertEntries(db, entries);
