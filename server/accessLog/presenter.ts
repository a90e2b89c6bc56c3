import type { AccessLogEntry } from '@prisma/client';

type Names = { actors: Map<string, string>; residents: Map<string, string> };

export const presentEntry = (e: AccessLogEntry, names: Names) => ({
  id: e.id,
  at: e.at,
  actor: { id: e.actorId, name: names.actors.get(e.actorId) ?? '(已删除账号)' },
  resident: { id: e.residentId, name: names.residents.get(e.residentId) ?? '(已删除居民)' },
  communityId: e.communityId,
  field: e.field,
  reason: e.reason,
  requestId: e.requestId,
});
