// Ids for rows written by hand-written SQL (server/sql.ts). Prisma fills
// `@default(cuid())` in its client, not in the database, so those inserts must
// bring their own. Same shape as Prisma's cuids (25 characters, a leading "c",
// time first so they sort roughly by creation), unguessable enough for ids
// that are always checked against the viewer's scope anyway.
import crypto from 'node:crypto';

let counter = crypto.randomInt(0, 36 ** 4);
const fingerprint = crypto.randomBytes(3).readUIntBE(0, 3).toString(36).padStart(4, '0').slice(-4);

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, '0').slice(-8);
  const random = crypto.randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, '0').slice(-8);
  return `c${time}${counter.toString(36).padStart(4, '0')}${fingerprint}${random}`;
}
