// 身份证号 at rest: AES-256-GCM under a versioned key from the environment
// (ID_NUMBER_KEYS, the current key first), stored as `v2:<iv>:<tag>:<ciphertext>`
// (base64url; server/sealing.ts), and an HMAC-SHA256 of the number under its own key
// (ID_NUMBER_HASH_KEY) for exact search and one resident per number. Only this
// folder decrypts (org owns Resident); other folders ask org/index.ts for what
// they need (a hash to match, a household's own numbers, a masked number).
// The number itself is never logged, and never put in an error message.
import crypto from 'node:crypto';
import type { Config } from '../config.js';
import type { Deps } from '../context.js';
import { isUniqueViolation } from '../db.js';
import { isSealedText, openSealedBytes, openSealedText, sealBytes, sealText } from '../sealing.js';

type Keys = Config['idNumbers'];

// binds a ciphertext to what it is: one cut from another kind of field does not open here
// (the sealing itself, shared with the two-step secrets, is server/sealing.ts)
const AAD = Buffer.from('Resident.idNumber');

/** How a number is compared: no spaces, a final x as X. */
export const normaliseIdNumber = (n: string) => n.replace(/\s+/g, '').toUpperCase();

/** A column value written by sealIdNumber (else: a number in plain text, from before encryption). */
export const isSealed = isSealedText;

export const sealIdNumber = (keys: Keys, plain: string): string => sealText(keys, normaliseIdNumber(plain), AAD);

export function openIdNumber(keys: Keys, stored: string): string {
  // a row from before encryption, not yet sealed by the start-up step
  if (!isSealed(stored)) return stored;
  return openSealedText(keys, stored, AAD, 'an ID number');
}

// an uploaded 户籍台账 workbook holds ID numbers in full: kept (until confirmed) under the same key, in
// parts each bound to its import and place, so a part cut from one workbook, or moved, does not open
const partAad = (importId: string, seq: number) => Buffer.from(`RegistryImportPart:${importId}:${seq}`);

/** One part of a stored workbook sealed under the current key: `<version>\n` + iv + tag + ciphertext. */
export const sealFilePart = (keys: Keys, importId: string, seq: number, data: Buffer): Buffer => sealBytes(keys, data, partAad(importId, seq));

export const openFilePart = (keys: Keys, importId: string, seq: number, sealed: Buffer): Buffer =>
  openSealedBytes(keys, sealed, partAad(importId, seq), 'a stored workbook');

/** The keyed hash search and the unique index use: equal numbers, equal hashes; without the key, nothing to try guesses against. */
export const hashIdNumber = (keys: Keys, plain: string) =>
  crypto.createHmac('sha256', keys.hashKey).update(normaliseIdNumber(plain), 'utf8').digest('base64url');

/** The two Resident columns for a number (both null for none): what every writer of Resident.idNumber writes. */
export const idNumberColumns = (keys: Keys, plain: string | null | undefined) =>
  plain ? { idNumberEncrypted: sealIdNumber(keys, plain), idNumberHash: hashIdNumber(keys, plain) } : { idNumberEncrypted: null, idNumberHash: null };

/** The number of a resident row, or null. */
export const idNumberOf = (keys: Keys, r: { idNumberEncrypted: string | null }) => (r.idNumberEncrypted ? openIdNumber(keys, r.idNumberEncrypted) : null);

/** Whether a resident's number shows as this mask (5205**********1234): to tell apart two people a masked sheet names alike. */
export function idNumberHasMask(keys: Keys, r: { idNumberEncrypted: string | null }, masked: string): boolean {
  const n = idNumberOf(keys, r);
  return !!n && n.length === masked.length && [...masked].every((c, i) => c === '*' || c === n[i]);
}

export interface ResealReport {
  /** rows brought to the current key (plain text sealed, older keys re-encrypted) */
  resealed: number;
  /** rows holding a number another resident already has: encrypted, but left without a hash (not searchable) */
  duplicates: number;
}

/**
 * Brings ID numbers to the current key, `batchSize` rows per round trip, in id
 * order. `onlyPlaintext`: just the rows from before encryption (the start-up
 * step); otherwise every row not under the current key (npm run
 * keys:rotate-id-numbers). Resumable: each round selects what is still not
 * done, and each row is written only if it still holds what was read (a
 * resident changed meanwhile is left to the next round). Safe to run on several
 * instances at once.
 */
export async function resealIdNumbers(
  deps: Pick<Deps, 'db' | 'config'>,
  opts: { onlyPlaintext: boolean; batchSize?: number; onBatch?: (r: ResealReport) => void },
): Promise<ResealReport> {
  const keys = deps.config.idNumbers;
  const current = keys.keys[0]!.version;
  const report: ResealReport = { resealed: 0, duplicates: 0 };
  let after = '';
  for (;;) {
    const rows = await deps.db.resident.findMany({
      where: {
        id: { gt: after },
        idNumberEncrypted: { not: null },
        ...(opts.onlyPlaintext ? { idNumberHash: null } : { NOT: { idNumberEncrypted: { startsWith: `${current}:` } } }),
      },
      select: { id: true, idNumberEncrypted: true, idNumberHash: true },
      orderBy: { id: 'asc' },
      take: opts.batchSize ?? 500,
    });
    if (!rows.length) return report;
    after = rows.at(-1)!.id;
    const todo = rows.filter((r) => !(opts.onlyPlaintext && isSealed(r.idNumberEncrypted!))); // sealed here: a duplicate from an earlier run
    // one transaction per batch (a commit per row made a rotation of 2,000 rows take seconds); a number that
    // turns out to be another resident's fails the batch's unique index, and that batch goes again row by row
    try {
      const counts = await deps.db.$transaction(
        todo.map((r) =>
          deps.db.resident.updateMany({ where: { id: r.id, idNumberEncrypted: r.idNumberEncrypted }, data: idNumberColumns(keys, openIdNumber(keys, r.idNumberEncrypted!)) }),
        ),
      );
      report.resealed += counts.reduce((n, c) => n + c.count, 0);
      opts.onBatch?.(report);
      continue;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    for (const r of todo) {
      const stored = r.idNumberEncrypted!;
      const plain = openIdNumber(keys, stored);
      const where = { id: r.id, idNumberEncrypted: stored };
      try {
        const n = await deps.db.resident.updateMany({ where, data: idNumberColumns(keys, plain) });
        report.resealed += n.count;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // two residents with one number (a data-entry mistake from before): keep it, encrypted, for staff to sort out
        const n = await deps.db.resident.updateMany({ where, data: { idNumberEncrypted: sealIdNumber(keys, plain), idNumberHash: r.idNumberHash } });
        report.resealed += n.count;
        report.duplicates += n.count;
      }
    }
    opts.onBatch?.(report);
  }
}
