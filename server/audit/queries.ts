// The AuditEntry table, this folder's own (Prisma). Only inserts: the log is
// append-only, nothing in the server updates or deletes an entry
// (tests/audit/audit.test.ts checks the source). Names of actors and targets are
// looked up only to name what an entry shows.
import type { Prisma } from '@prisma/client';
import type { DbTx } from '../db.js';
import type { AuditFilter } from './schemas.js';

export interface NewAuditEntry {
  at: Date;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  communityId: string | null;
  regionId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
}

export const insertEntry = (db: DbTx, e: NewAuditEntry) => db.auditEntry.create({ data: e, select: { id: true } });

/** Whose entries a reader may see: every one (null), or those of these communities and regions. */
export type AuditScope = { communityIds: string[]; regionIds: string[] } | null;

export function entryWhere(f: AuditFilter, scope: AuditScope): Prisma.AuditEntryWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (f.from) at.gte = f.from;
  if (f.to) at.lt = f.to;
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (scope) and.push({ OR: [{ communityId: { in: scope.communityIds } }, { regionId: { in: scope.regionIds } }] });
  if (f.actorId) and.push({ actorId: f.actorId });
  if (f.action) and.push({ action: f.action });
  if (f.communityId) and.push({ communityId: f.communityId });
  if (f.from || f.to) and.push({ at });
  return and.length ? { AND: and } : {};
}

/** Newest first. */
const ENTRY_ORDER: Prisma.AuditEntryOrderByWithRelationInput[] = [{ at: 'desc' }, { id: 'desc' }];

export const findEntries = (db: DbTx, where: Prisma.AuditEntryWhereInput, page: { take?: number; cursor?: { id: string }; skip?: number }) =>
  db.auditEntry.findMany({ where, orderBy: ENTRY_ORDER, ...page });

export type AuditRow = Awaited<ReturnType<typeof findEntries>>[number];

/** Display names of the actors, and of the targets and places entries name, as they are now. */
export async function namesFor(db: DbTx, entries: AuditRow[]) {
  const ids = (pick: (e: AuditRow) => string | null | undefined) => [...new Set(entries.map(pick).filter((x): x is string => !!x))];
  const userIds = ids((e) => e.actorId).concat(ids((e) => (e.targetType === 'user' ? e.targetId : null)));
  const communityIds = ids((e) => e.communityId).concat(ids((e) => (e.targetType === 'community' ? e.targetId : null)));
  const regionIds = ids((e) => e.regionId).concat(ids((e) => (e.targetType === 'region' ? e.targetId : null)));
  const [users, communities, regions] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
    db.community.findMany({ where: { id: { in: communityIds } }, select: { id: true, name: true } }),
    db.region.findMany({ where: { id: { in: regionIds } }, select: { id: true, name: true } }),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.displayName])),
    communities: new Map(communities.map((c) => [c.id, c.name])),
    regions: new Map(regions.map((r) => [r.id, r.name])),
  };
}

export type AuditNames = Awaited<ReturnType<typeof namesFor>>;

/** The distinct actions recorded in the reader's scope (the console's filter). */
export async function actionsIn(db: DbTx, scope: AuditScope): Promise<string[]> {
  const rows = await db.auditEntry.findMany({
    where: entryWhere({}, scope),
    distinct: ['action'],
    select: { action: true },
    orderBy: { action: 'asc' },
  });
  return rows.map((r) => r.action);
}
