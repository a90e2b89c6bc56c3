// ID numbers are encrypted at rest (server/org/idNumbers.ts): tests that need a
// resident's real number read the row and open it with the server's own keys.
import { idNumberOf } from '../../server/org/index.js';
import type { TestServer } from './server.js';

export const plainIdNumber = (s: TestServer, r: { idNumberEncrypted: string | null }) => idNumberOf(s.deps.config.idNumbers, r);

/** The real numbers of these residents, by id. */
export async function idNumbersOf(s: TestServer, ids: string[]): Promise<Map<string, string | null>> {
  const rows = await s.deps.db.resident.findMany({ where: { id: { in: ids } }, select: { id: true, idNumberEncrypted: true } });
  return new Map(rows.map((r) => [r.id, plainIdNumber(s, r)]));
}
