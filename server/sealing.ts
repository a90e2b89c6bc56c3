// Values sealed at rest: AES-256-GCM under a versioned key of ID_NUMBER_KEYS (the
// current key first; rotation: docs/deploy.md, "Rotating the ID-number key"). One
// implementation for every sealed value: the 身份证号 and the stored 户籍台账 workbook
// (server/org/idNumbers.ts) and the two-step secrets (server/auth/totp.ts). Each use
// passes its own AAD, which binds a ciphertext to what it is: one cut from another kind
// of field does not open. Shared infrastructure rather than server/org/, because
// server/auth needs it and server/org imports server/auth (through org/index.ts it
// would be an import circle). Nothing sealed or opened goes into a log or an error.
import crypto from 'node:crypto';
import type { Config } from './config.js';
import { AppError } from './errors.js';

export type SealingKeys = Config['idNumbers'];

/** Text sealed by sealText: `<version>:<iv>:<tag>:<ciphertext>`, base64url. */
const SEALED = /^(v\d{1,4}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]+)$/;

/** A value written by sealText (else something never sealed). */
export const isSealedText = (stored: string) => SEALED.test(stored);

/** `plain` sealed under the current key, bound to `aad`. */
export function sealText(keys: SealingKeys, plain: string, aad: Buffer): string {
  const { version, key } = keys.keys[0]!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${version}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ct.toString('base64url')}`;
}

/**
 * A value sealed by sealText with this `aad`, opened under the key its version names.
 * `what` names the value in the error (never the value itself): "an ID number".
 */
export function openSealedText(keys: SealingKeys, stored: string, aad: Buffer, what: string): string {
  const m = SEALED.exec(stored);
  if (!m) throw new AppError('internal', `${what} is not in its sealed form`);
  const key = keys.keys.find((k) => k.version === m[1]);
  if (!key) throw new AppError('internal', `${what} is encrypted with key ${m[1]}, which ID_NUMBER_KEYS no longer lists`);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, Buffer.from(m[2]!, 'base64url'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(m[3]!, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(m[4]!, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('internal', `${what} does not open with key ${m[1]} (a wrong key under that version, or a damaged value)`);
  }
}

/** Bytes sealed under the current key, bound to `aad`: `<version>\n` + iv + tag + ciphertext. */
export function sealBytes(keys: SealingKeys, data: Buffer, aad: Buffer): Buffer {
  const { version, key } = keys.keys[0]!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([Buffer.from(`${version}\n`), iv, cipher.getAuthTag(), ct]);
}

/** Bytes sealed by sealBytes with this `aad`; a damaged value throws (GCM's own error). */
export function openSealedBytes(keys: SealingKeys, sealed: Buffer, aad: Buffer, what: string): Buffer {
  const nl = sealed.indexOf(10);
  const version = sealed.subarray(0, nl).toString('utf8');
  const key = keys.keys.find((k) => k.version === version);
  if (!key) throw new AppError('internal', `${what} is encrypted with key ${version}, which ID_NUMBER_KEYS no longer lists`);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, sealed.subarray(nl + 1, nl + 13));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(nl + 13, nl + 29));
  return Buffer.concat([decipher.update(sealed.subarray(nl + 29)), decipher.final()]);
}
