// Writing one entry of the audit log (操作记录). Other domains call this inside
// the transaction of the change it records, so the change and its entry commit
// or roll back together: no entry, no change.
import type { DbTx } from '../db.js';
import { insertEntry } from './queries.js';

/** What an entry names as changed: a region, a community, a user's role, a registry… */
export interface AuditTarget {
  /** `region`, `community`, `user`, `resident`, `household`, `building`, `grid`, `registry`… */
  type: string;
  id: string;
  /** the community the change concerns: the admins above it (街道, 县) read the entry */
  communityId?: string | null;
  /** the 县/街道 it concerns when it is above any community (a region made, a region role given) */
  regionId?: string | null;
}

/** Plain values only: the changed fields, role names, counts. Never personal fields. */
export type AuditValues = Record<string, unknown>;

export interface AdminChange {
  /** who made the change (a Viewer will do) */
  actor: { userId: string };
  /** dotted, lower case: `region.create`, `role.assign`, `role.remove`, `password.set`, `resident.leave`, `registry.import`… (labels: ./actions.ts) */
  action: string;
  target: AuditTarget;
  /** the changed fields before (null or absent: the thing did not exist) */
  before?: AuditValues | null;
  /** the changed fields after (null or absent: the thing is gone) */
  after?: AuditValues | null;
  /** when; pass deps.clock() (defaults to now) */
  at?: Date;
  /** the request's id (server/http/requestId.ts), to match the entry to the server's logs */
  requestId?: string | null;
}

/**
 * Keys that are personal fields or secrets: an entry never holds them (the
 * audit log is read by admins of a whole 县; docs/privacy.md). Role names, counts,
 * community and building names are fine.
 */
const PERSONAL_KEY = /(idnumber|id_number|身份证|phone|mobile|手机|电话|^password$|passwordhash|secret|token|codehash|^tags?$|tagkinds?$|birth)/i;
/** An 18-character 身份证号 or an 11-digit mainland mobile number inside any value. */
const PERSONAL_VALUE = /(^|\D)(\d{17}[\dXx]|1[3-9]\d{9})(\D|$)/;
const MAX_JSON = 16_000;

function checkValues(values: AuditValues | null | undefined, where: string): string | null {
  if (values == null) return null;
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      if (PERSONAL_VALUE.test(v)) throw new Error(`audit: ${path} looks like an ID or phone number; the audit log holds no personal fields`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object' && !(v instanceof Date)) {
      for (const [k, x] of Object.entries(v)) {
        if (PERSONAL_KEY.test(k)) throw new Error(`audit: ${path}.${k} is a personal field; the audit log holds none`);
        walk(x, `${path}.${k}`);
      }
    }
  };
  walk(values, where);
  const json = JSON.stringify(values);
  // a programming error, not the caller's input: entries hold the changed fields, not whole documents
  if (json.length > MAX_JSON) throw new Error(`audit: ${where} is ${json.length} characters; record the changed fields or counts only`);
  return json;
}

/**
 * Appends one entry to the audit log, inside the caller's transaction (`tx`).
 * Throws (a programming error) when before/after carry a personal field or an
 * ID/phone number: call it before the change's answer, so nothing is committed.
 *
 *   await recordAdminChange(tx, { actor: viewer, action: 'role.remove', at: deps.clock(),
 *     target: { type: 'user', id: userId, communityId }, before: { role: 'GRID_WORKER', grid: '第1网格' }, after: null });
 */
export async function recordAdminChange(tx: DbTx, change: AdminChange): Promise<{ id: string }> {
  if (!/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/.test(change.action)) throw new Error(`audit: action ${JSON.stringify(change.action)} must be dotted lower case (role.assign)`);
  const before = checkValues(change.before, 'before');
  const after = checkValues(change.after, 'after');
  return insertEntry(tx, {
    at: change.at ?? new Date(),
    actorId: change.actor.userId,
    action: change.action,
    targetType: change.target.type,
    targetId: change.target.id,
    communityId: change.target.communityId ?? null,
    regionId: change.target.regionId ?? null,
    before,
    after,
    requestId: change.requestId ?? null,
  });
}
