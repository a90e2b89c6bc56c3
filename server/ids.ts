// Ids for rows written by hand-written SQL (server/sql.ts). Prisma fills
// `@default(cuid())` in its client, not in the database, so those inserts must
// bring their own. Same shape as Prisma's cuids (25 characters, a leading "c",
// time first so they sort roughly by creation), unguessable enough for ids
// that are always checked against the viewer's scope anyway.
import crypto from 'node:crypto';

let counter = crypto.randomInt(0, 36 ** 4);
const fingerprint = crypto.randomBytes(3).readUIntBE(0, 3).toString(36).padStart(4, '0').slice(-4);

// randomBytes(6) per id was one getrandom call per row written; one 4 KB draw serves 682 ids
const POOL_BYTES = 4092;
let pool = crypto.randomBytes(POOL_BYTES);
let taken = 0;
function random48(): number {
  if (taken + 6 > POOL_BYTES) {
    pool = crypto.randomBytes(POOL_BYTES);
    taken = 0;
  }
  const v = pool.readUIntBE(taken, 6);
  taken += 6;
  return v;
}

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, '0').slice(-8);
  const random = random48().toString(36).padStart(8, '0').slice(-8);
  return `c${time}${counter.toString(36).padStart(4, '0')}${fingerprint}${random}`;
}
