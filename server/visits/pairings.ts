// 1+X 结对帮扶: staff pair a household with a cadre (a staff or 党组织 account of
// the community); the cadre then finds it on their 今日走访 list, may record its
// visits and reads its history.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { isStaffOf, PAIRING_ROLES, visitsStaffCommunity } from '../policies/index.js';
import { deletePairing, householdPlace, insertPairing, pairablePeople, pairingById, pairingsOf } from './queries.js';

export async function listPairings(deps: Deps, v: Viewer, q: { communityId?: string | undefined }) {
  const communityId = visitsStaffCommunity(v, q.communityId);
  const [rows, people] = await Promise.all([pairingsOf(deps.sql, communityId), pairablePeople(deps.sql, communityId, PAIRING_ROLES)]);
  return {
    communityId,
    items: rows.map((p) => ({
      id: p.id,
      householdId: p.householdId,
      building: p.building,
      unit: p.unit,
      room: p.room,
      person: { id: p.userId, name: p.userName },
      createdAt: new Date(p.createdAt),
    })),
    people,
  };
}

export async function pairHousehold(deps: Deps, v: Viewer, body: { householdId: string; userId: string }) {
  const h = await householdPlace(deps.sql, body.householdId, v.userId);
  if (!h || !isStaffOf(v, h.communityId)) throw notFound('body.householdId: household');
  const people = await pairablePeople(deps.sql, h.communityId, PAIRING_ROLES);
  if (!people.some((p) => p.id === body.userId)) throw badRequest('body.userId', "not one of the community's staff or 党组织 accounts");
  await insertPairing(deps.sql, { id: newId(), communityId: h.communityId, householdId: h.id, userId: body.userId, createdById: v.userId, at: deps.clock() });
  const list = await listPairings(deps, v, { communityId: h.communityId });
  return list.items.find((p) => p.householdId === h.id && p.person.id === body.userId)!;
}

export async function unpair(deps: Deps, v: Viewer, id: string) {
  const p = await pairingById(deps.sql, id);
  if (!p || !isStaffOf(v, p.communityId)) throw notFound('pairing');
  await deletePairing(deps.sql, id);
}
