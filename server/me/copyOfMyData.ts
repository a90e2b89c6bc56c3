// PIPL Art. 45: a resident's copy of everything e家社区 holds about them and
// their household. Every read is keyed on the viewer's own user id or their own
// linked household, never on anything the request names.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { employmentRecordsOfHousehold } from '../employment/index.js';
import { noticesReadBy } from '../notices/index.js';
import { ordersOfHousehold } from '../orders/index.js';
import { idNumberOf } from '../org/index.js';
import { grantsOf, householdOf } from '../policies/index.js';
import { householdBalance, wholeLedger } from '../points/index.js';
import { redemptionsOfHousehold } from '../shop/index.js';
import { uploadsOwnedBy } from '../uploads/index.js';
import { consentHistory } from './consents.js';

async function accountOf(deps: Deps, v: Viewer) {
  const [user, consents] = await Promise.all([deps.db.user.findUniqueOrThrow({
    where: { id: v.userId },
    // sign-in identities without secrets: sessions (token hashes) are not read at all
    select: { id: true, displayName: true, createdAt: true, identities: { select: { openid: true, unionid: true, createdAt: true }, orderBy: { createdAt: 'asc' } } },
  }), consentHistory(deps, v.userId)]);
  return {
    id: user.id,
    name: user.displayName,
    createdAt: user.createdAt,
    identities: user.identities.map((i) => ({ kind: 'wechat' as const, openid: i.openid, unionid: i.unionid, linkedAt: i.createdAt })),
    roles: grantsOf(v),
    consents,
  };
}

async function householdCopy(deps: Deps, v: Viewer, householdId: string) {
  const h = await deps.db.household.findUniqueOrThrow({
    where: { id: householdId },
    include: {
      building: { select: { name: true } },
      unit: { select: { name: true } },
      residents: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      tags: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  const [employment, balance, entries, redemptions, orders] = await Promise.all([
    employmentRecordsOfHousehold(deps, householdId),
    householdBalance(deps, householdId),
    wholeLedger(deps, householdId),
    redemptionsOfHousehold(deps, householdId),
    ordersOfHousehold(deps, v, householdId),
  ]);
  return {
    household: {
      id: h.id,
      building: h.building.name,
      unit: h.unit.name,
      room: h.room,
      originPlace: h.originPlace,
      groundFloor: h.groundFloor,
      // as the household itself sees its members: their own data, ID numbers in full
      members: h.residents.map((r) => ({
        id: r.id,
        name: r.name,
        relation: r.relation,
        gender: r.gender,
        birthYear: r.birthYear,
        phone: r.phone,
        idNumber: idNumberOf(deps.config.idNumbers, r), // decrypted by org (server/org/idNumbers.ts)
        employment: employment.filter((e) => e.residentId === r.id).map(({ residentId: _, ...record }) => record),
      })),
      tags: h.tags.map((t) => ({ kind: t.kind, note: t.note, since: t.createdAt })),
    },
    points: { balance, entries },
    redemptions,
    orders,
  };
}

/** GET /api/me/data: the viewer's account, and their own household's data when linked to one. */
export async function copyOfMyData(deps: Deps, v: Viewer) {
  const home = householdOf(v);
  const [account, uploads, noticesRead, household] = await Promise.all([
    accountOf(deps, v),
    uploadsOwnedBy(deps, v.userId),
    noticesReadBy(deps, v.userId),
    home ? householdCopy(deps, v, home.householdId) : null,
  ]);
  return {
    madeAt: deps.clock(),
    account,
    resident: v.resident && { id: v.resident.id, name: v.resident.name },
    household: household?.household ?? null,
    points: household?.points ?? null,
    redemptions: household?.redemptions ?? [],
    orders: household?.orders ?? [],
    photos: uploads,
    noticesRead,
  };
}
