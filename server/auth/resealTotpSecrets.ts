// The two-step secrets are sealed under ID_NUMBER_KEYS like the 身份证号 (./totp.ts), so a
// key rotation (npm run keys:rotate-id-numbers) must bring them to the current key too:
// once the old key is dropped, a secret still under it would not open and its account
// could not sign in. Resumable and safe beside running servers: each row is written only
// if it still holds what was read.
import type { Deps } from '../context.js';
import { resealTotpSecret } from './totp.js';

export async function resealTotpSecrets(deps: Pick<Deps, 'db' | 'config'>): Promise<number> {
  const keys = deps.config.idNumbers;
  const current = keys.keys[0]!.version;
  const rows = await deps.db.totpCredential.findMany({ where: { NOT: { secretSealed: { startsWith: `${current}:` } } }, select: { userId: true, secretSealed: true } });
  let resealed = 0;
  for (const r of rows) {
    const n = await deps.db.totpCredential.updateMany({ where: { userId: r.userId, secretSealed: r.secretSealed }, data: { secretSealed: resealTotpSecret(keys, r.secretSealed) } });
    resealed += n.count;
  }
  return resealed;
}
