// npm run bench:redemptions — how many 积分超市 redemptions per second the
// server sustains on the default database (SQLite, WAL) with no invariant
// broken. The real server as a child process on a fresh demo database, real HTTP
// over loopback, C concurrent connections for D seconds (autocannon), a new
// Idempotency-Key per request. Prints figures; it is not a test (this machine
// is shared and noisy). `npm run bench` measures this route beside the others,
// on both databases, against baselines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../server/db.js';
import { pointsInvariantProblems } from '../reliability/invariants.js';
import { describeFailures, formatTable, load, prepareRedemptions, residentAccounts, signIn, startAppServer } from './support.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HOUSEHOLDS = 200;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-bench-redemptions-'));
const url = `file:${path.join(dir, 'bench.db')}`;
const server = await startAppServer(url, { DEMO_DATA: 'true', UPLOAD_DIR: path.join(dir, 'uploads'), RESPONSE_CHECK: 'false' });
const db = createDb(url);
let ok = false;
try {
  const residents = await residentAccounts(db, server.url, HOUSEHOLDS);
  const itemId = await prepareRedemptions(server.url, await signIn(server.url, 'demo-staff'), residents.map((r) => r.householdId));
  const r = await load({
    url: `${server.url}/api/shop/redemptions`,
    method: 'POST',
    body: JSON.stringify({ itemId }),
    tokens: residents.map((x) => x.token),
    idempotencyPrefix: `bench-${process.pid}`,
    connections: CONCURRENCY,
    seconds: SECONDS,
  });
  await server.stop(); // every request the server took is finished or rolled back
  const problems = await pointsInvariantProblems(db);
  const item = await db.shopItem.findUniqueOrThrow({ where: { id: itemId } });
  const taken = item.stockAdded - item.stock;
  if (taken < r.ok) problems.push(`${r.ok} redemptions answered 201 but only ${taken} units left the shelf`);
  console.log(`redemptions on SQLite (${os.cpus().length} cores, ${CONCURRENCY} concurrent connections, ${SECONDS} s)`);
  console.log(
    formatTable([
      {
        succeeded: r.ok,
        'errors / refused': describeFailures(r),
        'per second': Math.round(r.rps),
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        'invariants (balance = Σ entries ≥ 0, stock + taken = added)': problems.length ? 'BROKEN' : 'hold',
      },
    ]),
  );
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  ok = !problems.length && r.non2xx === 0 && r.errors === 0;
} finally {
  await db.$disconnect();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
