// npm run bench — throughput and latency of the hot API routes under load, on
// SQLite and (when it answers) PostgreSQL, each against a bare-Koa baseline
// measured in the same run. Not a test: this machine is shared and noisy; it
// prints a table.
//
// Each database gets a fresh demo database: the real server (server/main.ts, a
// child process) migrates an empty one and loads the demo data itself. The load
// (autocannon, in this process) runs against it over loopback:
//   GET  /api/orders              a grid worker's list (first page, 20 orders)
//   POST /api/orders              residents of 200 households filing, round-robin
//   POST /api/shop/redemptions    the same residents, a new Idempotency-Key each time
// Baselines, child processes too: a bare Koa route returning a constant JSON body
// (reads are compared with it, goal ≥ 0.4), and a bare Koa route doing one raw
// INSERT with the same driver (writes, goal ≥ 0.25). For information, a bare route answering
// the grid worker's list itself (the same bytes): the list's ratio to it is what the work costs
// beyond delivering the answer.
//
// Environment: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50),
// BENCH_POSTGRES_URL (an administrative URL; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_DATABASES (e.g. "sqlite" to skip PostgreSQL), BENCH_ROUTES (list,file,redeem), BENCH_CPU_PROF (a folder: the
// servers run with --cpu-prof and write their profiles there when they stop).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../server/db.js';
import { orderTimelineProblems, pointsInvariantProblems } from '../reliability/invariants.js';
import { createDatabase, dropDatabase, postgresAnswers, DEFAULT_TEST_POSTGRES_URL } from '../support/postgres.js';
import {
  describeFailures,
  formatTable,
  load,
  prepareRedemptions,
  residentAccounts,
  signIn,
  startAppServer,
  startChild,
  type ChildServer,
  type LoadOptions,
  type LoadResult,
} from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RESIDENTS = 200;
const READ_GOAL = 0.4;
const WRITE_GOAL = 0.25;
const wanted = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim().toLowerCase());
// e.g. BENCH_ROUTES=list to profile one route alone (with BENCH_CPU_PROF)
const routes = new Set((process.env.BENCH_ROUTES ?? 'list,file,redeem').split(',').map((s) => s.trim().toLowerCase()));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-bench-http-'));
const rows: Array<Record<string, string | number>> = [];
const notes: string[] = [];
let broken = false;

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

async function measure(o: LoadOptions): Promise<LoadResult> {
  if (WARMUP > 0) await load({ ...o, seconds: WARMUP, idempotencyPrefix: o.idempotencyPrefix && `${o.idempotencyPrefix}-warm` });
  return load({ ...o, seconds: SECONDS, connections: CONNECTIONS });
}

/** A goal of null: the ratio is shown for information, with no goal to meet. */
function row(endpoint: string, db: string, r: LoadResult, baseline?: { name: string; r: LoadResult; goal: number | null }) {
  const ratio = baseline ? r.rps / baseline.r.rps : null;
  // refusals make a run worthless (it measured something else); a rare timeout is a latency tail, shown in p99
  const clean = r.non2xx === 0 && r.errors <= r.total / 100;
  rows.push({
    endpoint,
    db,
    'req/s': fmt(r.rps),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'errors / non-2xx': describeFailures(r),
    baseline: baseline ? `${baseline.name} ${fmt(baseline.r.rps)}/s` : '',
    ratio: ratio === null ? '' : ratio.toFixed(3),
    goal: !baseline
      ? ''
      : baseline.goal === null
        ? '(no goal)'
        : `≥ ${baseline.goal}: ${!clean ? 'INVALID (failures)' : ratio! >= baseline.goal ? 'met' : 'MISSED'}`,
  });
  if (!clean) notes.push(`${endpoint} on ${db}: ${describeFailures(r)} — figures not comparable`);
  else if (r.errors) notes.push(`${endpoint} on ${db}: ${r.errors} of ${r.total} requests got no answer within 30 s`);
}

/** The distinct causes of the 5xx answers in a server's (pino) output, with counts. */
function serverErrors(output: string): string[] {
  const causes = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const l = JSON.parse(line) as { level?: number; path?: string; err?: { type?: string; code?: string; message?: string } };
      if ((l.level ?? 0) < 50) continue;
      const cause = `${l.path ?? '?'}: ${l.err?.type ?? ''}${l.err?.code ? ` ${l.err.code}` : ''} ${(l.err?.message ?? '').split('\n').find((x) => x.trim()) ?? ''}`.slice(0, 240);
      causes.set(cause, (causes.get(cause) ?? 0) + 1);
    } catch {
      // not a log line
    }
  }
  return [...causes].map(([c, n]) => `${n}× ${c}`);
}

async function withChild<T>(start: () => Promise<ChildServer>, fn: (s: ChildServer) => Promise<T>): Promise<T> {
  const s = await start();
  try {
    return await fn(s);
  } finally {
    await s.stop();
  }
}

const constantBaseline = (bodyFile?: string) =>
  withChild(
    () => startChild('tests/bench/baseline.ts', { BASELINE: 'constant', ...(bodyFile ? { BASELINE_BODY_FILE: bodyFile } : {}) }, { readyPath: '/health' }),
    (s) => measure({ url: `${s.url}/` }),
  );

const insertBaseline = (url: string) =>
  withChild(
    () => startChild('tests/bench/baseline.ts', { BASELINE: 'insert', DATABASE_URL: url }, { readyPath: '/health' }),
    (s) => measure({ url: `${s.url}/`, method: 'POST', body: JSON.stringify({ note: 'bench' }) }),
  );

async function benchDatabase(label: string, url: string, insertUrl: string, constant: LoadResult) {
  let server: ChildServer;
  const t = performance.now();
  try {
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    // errors only: a 5xx is logged with its cause, which the table's notes then quote
    // RESPONSE_CHECK off: what production runs (the check is for tests and development)
    server = await startAppServer(url, { DEMO_DATA: 'true', UPLOAD_DIR: path.join(dir, `uploads-${label}`), LOG_LEVEL: 'error', RESPONSE_CHECK: 'false' }, { nodeArgs: prof });
  } catch (e) {
    notes.push(`${label}: skipped, the server did not start: ${(e as Error).message.split('\n').slice(0, 6).join(' ⏎ ')}`);
    return;
  }
  console.log(`${label}: server migrated, loaded the demo data and answered in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const db: Db = createDb(url);
  try {
    const base = server.url;
    const residents = await residentAccounts(db, base, RESIDENTS);
    const tokens = residents.map((r) => r.token);
    const gridWorker = await signIn(base, 'demo-gridworker');
    const staff = await signIn(base, 'demo-staff');

    if (routes.has('list')) {
      const list = await measure({ url: `${base}/api/orders`, headers: { authorization: `Bearer ${gridWorker}` } });
      row('GET /api/orders', label, list, { name: 'constant', r: constant, goal: READ_GOAL });
      // The same list's bytes from a bare route: what delivering this answer costs with no sign-in,
      // query or presenter. Not the issue's goal, which is against the small constant body above; it
      // separates the cost of the payload (JSON and socket writes) from the cost of the work.
      const answer = await fetch(`${base}/api/orders`, { headers: { authorization: `Bearer ${gridWorker}` } });
      const bodyFile = path.join(dir, `list-body-${label.replace(/[^A-Za-z0-9]/g, '')}.json`);
      fs.writeFileSync(bodyFile, await answer.text());
      const sameBody = await constantBaseline(bodyFile);
      row(`bare constant, the list's ${fs.statSync(bodyFile).size} B`, label, sameBody);
      row('GET /api/orders', label, list, { name: 'same body', r: sameBody, goal: null });
    }

    const insert = await insertBaseline(insertUrl);
    row('bare INSERT', label, insert);

    if (routes.has('file')) {
      const filing = await measure({
      url: `${base}/api/orders`,
      method: 'POST',
      body: JSON.stringify({ category: 'repair', description: '卫生间水龙头一直滴水，关不紧。' }),
      tokens,
      });
      row('POST /api/orders', label, filing, { name: 'INSERT', r: insert, goal: WRITE_GOAL });
    }

    const itemId = await prepareRedemptions(base, staff, residents.map((r) => r.householdId));
    const redeeming = routes.has('redeem')
      ? await measure({
          url: `${base}/api/shop/redemptions`,
          method: 'POST',
          body: JSON.stringify({ itemId }),
          tokens,
          idempotencyPrefix: `bench-${process.pid}-${label.replace(/[^A-Za-z0-9]/g, '')}`,
        })
      : null;
    if (redeeming) row('POST /api/shop/redemptions', label, redeeming, { name: 'INSERT', r: insert, goal: WRITE_GOAL });
    const failures = serverErrors(server.output());
    if (failures.length) notes.push(`${label}: the server logged ${failures.join('; ')}`);

    // what the load left behind: autocannon stops waiting at the deadline, so stop the
    // server first (what it had in hand is committed or rolled back)
    await server.stop();
    const problems = [...(await pointsInvariantProblems(db)), ...(await orderTimelineProblems(db))];
    const item = await db.shopItem.findUniqueOrThrow({ where: { id: itemId } });
    const taken = item.stockAdded - item.stock;
    // autocannon stops counting at the deadline: requests then in flight may still succeed
    if (redeeming && taken < redeeming.ok) problems.push(`item: ${taken} units taken, but ${redeeming.ok} redemptions answered 201`);
    if (problems.length) {
      broken = true;
      notes.push(`${label}: INVARIANTS BROKEN:\n  ${problems.slice(0, 20).join('\n  ')}`);
    } else {
      notes.push(`${label}: invariants hold after the load (balance = sum of entries ≥ 0 for all households, stock ≥ 0 and stock + taken = added for all items, every redemption booked once, every order timeline unbroken); ${taken} units redeemed`);
    }
  } finally {
    await db.$disconnect();
    await server.stop();
  }
}

try {
  console.log(`e家社区 HTTP benchmark: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${CONNECTIONS} connections, ${SECONDS} s per route after ${WARMUP} s warm-up`);
  const constant = await constantBaseline();
  row('bare constant JSON', '-', constant);

  if (wanted.includes('sqlite')) {
    fs.mkdirSync(path.join(dir, 'sqlite'));
    await benchDatabase('SQLite', `file:${path.join(dir, 'sqlite', 'ejia.db')}`, `file:${path.join(dir, 'sqlite', 'baseline.db')}`, constant);
  }

  if (wanted.includes('postgres')) {
    const admin = process.env.BENCH_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
    const version = await postgresAnswers(admin);
    if (!version) {
      notes.push(`PostgreSQL: skipped, nothing answers at ${admin.replace(/:[^:@/]*@/, ':***@')} (set BENCH_POSTGRES_URL)`);
    } else {
      const name = `ejia_bench_${process.pid}`;
      await dropDatabase(admin, name);
      const url = await createDatabase(admin, name);
      try {
        await benchDatabase(`PostgreSQL ${version.split(' ')[0]}`, url, url, constant);
      } finally {
        await dropDatabase(admin, name);
      }
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log();
console.log(formatTable(rows));
console.log();
console.log(
  "req/s counts 2xx answers only; ratio = req/s ÷ the baseline's req/s (reads: bare constant JSON route; writes: bare INSERT route on the same database and driver; 'same body': a bare route answering the list's own bytes, for information).",
);
for (const n of notes) console.log(`• ${n}`);
process.exit(broken ? 1 : 0);
