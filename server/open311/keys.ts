// API keys of the integrations (对接): issued by a community's staff or the admins above
// it, shown once, kept as a sha256 (a key is 24 random bytes: no dictionary to guess
// from, so a fast hash is enough, and it is looked up on every call), scoped to one
// community, revoked rather than deleted (the orders it filed still name it). Every
// issue and revocation is in the audit log.
import crypto from 'node:crypto';
import type Koa from 'koa';
import { recordAdminChange } from '../audit/index.js';
import { accountNames, createAccount, type Viewer } from '../auth/index.js';
import type { AppContext, AppCustom, AppState, Deps } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { homeCommunity, mayManageOpen311Keys, type Open311Purpose } from '../policies/index.js';
import { countRequest, rateLimited } from '../rateLimit.js';
import type { IssueKeyBody } from './schemas.js';

export const hashKey = (key: string) => crypto.createHash('sha256').update(key, 'utf8').digest('hex');

export interface Open311KeyRow {
  id: string;
  communityId: string;
  name: string;
  purpose: string;
  keyPrefix: string;
  userId: string;
  createdAt: Date;
  createdById: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const presentKey = (k: Open311KeyRow, createdBy: string | null) => ({
  id: k.id,
  communityId: k.communityId,
  name: k.name,
  purpose: k.purpose as Open311Purpose,
  keyPrefix: k.keyPrefix,
  createdAt: k.createdAt,
  createdBy,
  revokedAt: k.revokedAt,
  lastUsedAt: k.lastUsedAt,
});

function communityOf(v: Viewer, communityId: string | undefined, field: string): string {
  const c = communityId ?? homeCommunity(v);
  if (!c) throw badRequest(field, 'required: say which community');
  if (!mayManageOpen311Keys(v, c)) throw notFound(`${field}: community`);
  return c;
}

export async function listKeys(deps: Deps, v: Viewer, q: { communityId?: string | undefined }) {
  const communityId = communityOf(v, q.communityId, 'query.communityId');
  const keys = await deps.db.open311Key.findMany({ where: { communityId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const names = await accountNames(deps.db, keys.map((k) => k.createdById));
  return { items: keys.map((k) => presentKey(k, names.get(k.createdById) ?? null)) };
}

export async function issueKey(deps: Deps, v: Viewer, body: IssueKeyBody, requestId: string) {
  const communityId = communityOf(v, body.communityId, 'body.communityId');
  const community = await deps.db.community.findUnique({ where: { id: communityId }, select: { id: true } });
  if (!community) throw notFound('body.communityId: community');
  const apiKey = `e311_${crypto.randomBytes(24).toString('base64url')}`;
  const now = deps.clock();
  const key = await deps.db.$transaction(async (tx) => {
    // the account its requests are filed under (代报 by 12345热线): no identity, no password, no role: it never signs in
    const user = await createAccount(tx, { displayName: body.name, createdAt: now });
    const k = await tx.open311Key.create({
      data: { communityId, name: body.name, purpose: body.purpose, keyHash: hashKey(apiKey), keyPrefix: apiKey.slice(0, 9), userId: user.id, createdById: v.userId, createdAt: now },
    });
    await recordAdminChange(tx, {
      actor: v,
      action: 'integration_key.issue',
      at: now,
      requestId,
      target: { type: 'integration_key', id: k.id, communityId },
      before: null,
      after: { name: k.name, purpose: k.purpose, keyPrefix: k.keyPrefix },
    });
    return k;
  });
  deps.logger.info({ keyId: key.id, communityId, by: v.userId }, 'open311 key issued');
  return { key: presentKey(key, v.displayName), apiKey };
}

export async function revokeKey(deps: Deps, v: Viewer, keyId: string, requestId: string) {
  const found = await deps.db.open311Key.findUnique({ where: { id: keyId } });
  if (!found || !mayManageOpen311Keys(v, found.communityId)) throw notFound('open311 key');
  if (found.revokedAt) throw new AppError('conflict', 'this key is already revoked', undefined, 'already_revoked');
  const now = deps.clock();
  const key = await deps.db.$transaction(async (tx) => {
    // guarded: two revocations at once record one
    const n = await tx.open311Key.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt: now, revokedById: v.userId } });
    if (n.count !== 1) throw new AppError('conflict', 'this key is already revoked', undefined, 'already_revoked');
    await recordAdminChange(tx, {
      actor: v,
      action: 'integration_key.revoke',
      at: now,
      requestId,
      target: { type: 'integration_key', id: keyId, communityId: found.communityId },
      before: { name: found.name, purpose: found.purpose, keyPrefix: found.keyPrefix },
      after: null,
    });
    return tx.open311Key.findUniqueOrThrow({ where: { id: keyId } });
  });
  const names = await accountNames(deps.db, [key.createdById]);
  return presentKey(key, names.get(key.createdById) ?? null);
}

// ---- the key of a GeoReport call ------------------------------------------------------

const keys = new WeakMap<AppContext, Open311KeyRow>();

/** The key the call was authenticated with (requireKey ran before the handler). */
export function keyOf(ctx: AppContext): Open311KeyRow {
  const k = keys.get(ctx);
  if (!k) throw new AppError('unauthenticated', 'api_key: required');
  return k;
}

/**
 * api_key from the query or the body: missing 401, unknown or revoked 403 (the spec's
 * "invalid api_key"), over its limit 429; a jurisdiction_id other than the key's
 * community 403. Counted per key (server/rateLimit.ts), whoever holds it.
 */
export const requireKey: Koa.Middleware<AppState, AppCustom> = async (ctx, next) => {
  const deps = ctx.deps;
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const raw = (typeof ctx.query.api_key === 'string' ? ctx.query.api_key : undefined) ?? (typeof body.api_key === 'string' ? body.api_key : undefined);
  if (!raw?.trim()) throw new AppError('unauthenticated', 'api_key: required (ask the community for a key: 对接 in the staff console)');
  const key = await deps.db.open311Key.findUnique({ where: { keyHash: hashKey(raw.trim()) } });
  if (!key) throw new AppError('forbidden', 'api_key: not a valid key');
  if (key.revokedAt) throw new AppError('forbidden', 'api_key: this key was revoked');
  const count = await countRequest(deps, { bucket: 'open311', max: deps.config.open311RatePerMinute, windowMs: 60_000 }, key.id);
  if (!count.allowed) throw rateLimited(`api_key: more than ${deps.config.open311RatePerMinute} calls a minute, try again shortly`, count.retryAfterSeconds);
  // the console's 最近使用: once per minute window at most, not a write per call
  if (count.count === 1) await deps.db.open311Key.update({ where: { id: key.id }, data: { lastUsedAt: deps.clock() } });
  const jurisdiction = (typeof ctx.query.jurisdiction_id === 'string' ? ctx.query.jurisdiction_id : undefined) ?? (typeof body.jurisdiction_id === 'string' ? body.jurisdiction_id : undefined);
  if (jurisdiction && jurisdiction.trim() !== key.communityId) throw new AppError('forbidden', 'jurisdiction_id: this key serves another community');
  keys.set(ctx, key);
  await next();
};
