// npm run keys:rotate-id-numbers [-- --batch 500]
// Re-encrypts every Resident ID number not under the current key (the first of
// ID_NUMBER_KEYS), and seals any still in plain text, in batches, with the same
// configuration the server reads; then the two-step secrets, sealed under the same keys. Resumable: stopped half-way, a second run does
// what is left (each batch selects rows not yet on the current key); safe while
// the servers run. docs/deploy.md, "Rotating the ID-number key", says when to run it.
import { loadConfigOrExit } from '../server/config.js';
import { createDb } from '../server/db.js';
import { resealTotpSecrets } from '../server/auth/index.js';
import { resealIdNumbers } from '../server/org/index.js';

const at = process.argv.indexOf('--batch');
const batchSize = at > 0 ? Number(process.argv[at + 1]) : 500;
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error('--batch: a whole number of rows per batch, 1 to 10000');
  process.exit(2);
}
const config = loadConfigOrExit();
const db = createDb(config.databaseUrl);
const t = performance.now();
const report = await resealIdNumbers({ db, config }, {
  onlyPlaintext: false,
  batchSize,
  onBatch: (r) => console.log(`${r.resealed} re-encrypted so far`),
});
// the two-step secrets are sealed under the same keys: without this they would not open once the old key is dropped
const secrets = await resealTotpSecrets({ db, config });
console.log(
  `done: ${report.resealed} ID numbers now under key ${config.idNumbers.keys[0]!.version} in ${Math.round(performance.now() - t)} ms` +
    (report.duplicates ? `; ${report.duplicates} share their number with another resident (encrypted, not searchable: correct them)` : '') +
    `; ${secrets} two-step secrets re-encrypted`,
);
await db.$disconnect();
