// The AccessLogEntry table, this folder's own (Prisma). Names of actors and
// residents are looked up only to name what an entry shows.
import type { Prisma } from '@prisma/client';
import type { DbTx } from '../db.js';
import type { AccessLogFilter } from './schemas.js';

export interface NewAccessLogEntry {
  communityId: string;
  actorId: string;
  residentId: string;
  field: 'idNumber';
  reason: string;
  requestId: string;
  at: Date;
}

export const insertEntry = (db: DbTx, e: NewAccessLogEntry) => db.accessLogEntry.create({ data: e });

/** Many entries at once (a registry export names every person whose number it holds), a thousand per statement. */
export async function insertEntries(db: DbTx, entries: NewAccessLogEntry[]): Promise<number> {
  for (let i = 0; i < entries.length; i += 1000) await db.accessLogEntry.createMany({ data: entries.slice(i, i + 1000) });
  return entries.length;
}

export function entryWhere(f: AccessLogFilter): Prisma.AccessLogEntryWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (f.from) at.gte = f.from;
  if (f.to) at.lt = f.to;
  return {
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.residentId ? { residentId: f.residentId } : {}),
    ...(f.from || f.to ? { at } : {}),
  };
}

/** Newest first. */
export const ENTRY_ORDER: Prisma.AccessLogEntryOrderByWithRelationInput[] = [{ at: 'desc' }, { id: 'desc' }];

export const findEntries = (db: DbTx, where: Prisma.AccessLogEntryWhereInput, page: { take?: number; cursor?: { id: string }; skip?: number }) =>
  db.accessLogEntry.findMany({ where, orderBy: ENTRY_ORDER, ...page });

/** Display names of the actors and residents entries name. */
export async function namesFor(db: DbTx, entries: Array<{ actorId: string; residentId: string }>) {
  const [users, residents] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.actorId))] } }, select: { id: true, displayName: true } }),
    db.resident.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.residentId))] } }, select: { id: true, name: true } }),
  ]);
  return { actors: new Map(users.map((u) => [u.id, u.displayName])), residents: new Map(residents.map((r) => [r.id, r.name])) };
}

/** Retention: entries older than `before`, at most `batch` per statement (SQLite and PostgreSQL alike). */
export async function deleteEntriesBefore(db: DbTx, before: Date, batch: number): Promise<number> {
  const old = await db.accessLogEntry.findMany({ where: { at: { lt: before } }, select: { id: true }, orderBy: { at: 'asc' }, take: batch });
  if (!old.length) return 0;
  return (await db.accessLogEntry.deleteMany({ where: { id: { in: old.map((o) => o.id) } } })).count;
}
