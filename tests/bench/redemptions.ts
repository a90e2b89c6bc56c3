// npm run bench:redemptions — how many 积分超市 redemptions per second the
// server sustains on the default database (SQLite, WAL) with no invariant
// broken. Real server, real HTTP over loopback, C concurrent clients for D
// seconds. Prints figures; it is not a test (this machine is shared and noisy).
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createDb, tuneSqlite } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { buildDemoDatabase } from '../support/template.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HOUSEHOLDS = 200;

const dir = path.join(os.tmpdir(), `ejia-bench-${process.pid}`);
const file = path.join(dir, 'bench.db');
await buildDemoDatabase(file);
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `file:${file}`, UPLOAD_DIR: path.join(dir, 'uploads'), LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '100000' });
const db = createDb(config.databaseUrl);
await tuneSqlite(db);
const deps = buildDeps(config, db, createLogger('silent'));
const server = createApp(deps).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const post = async (p: string, body: unknown, token?: string, headers: Record<string, string> = {}) => {
  const res = await fetch(base + p, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

// households with plenty of points, and an item nobody can exhaust
const community = await db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
const heads = await db.resident.findMany({ where: { communityId: community.id, relation: '户主', user: null }, take: HOUSEHOLDS });
const tokens: string[] = [];
for (const r of heads) {
  await db.user.create({ data: { displayName: r.name, residentId: r.id, identities: { create: { openid: `bench-${r.id}` } } } });
  tokens.push((await post('/api/auth/dev-login', { openid: `bench-${r.id}` })).body.token);
}
const staff = (await post('/api/auth/dev-login', { openid: 'demo-staff' })).body.token;
for (const r of heads) await post('/api/points/adjustments', { householdId: r.householdId, amount: 100_000, reason: 'bench' }, staff);
const item = (await post('/api/shop/items', { name: '压测商品', pointsPrice: 1, stock: 100_000 }, staff)).body;

let ok = 0;
let refused = 0;
let n = 0;
const latencies: number[] = [];
const until = performance.now() + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async (_, worker) => {
    while (performance.now() < until) {
      const t = performance.now();
      const r = await post('/api/shop/redemptions', { itemId: item.id }, tokens[(n++ * 7 + worker) % tokens.length], { 'idempotency-key': `bench-${worker}-${n}` });
      latencies.push(performance.now() - t);
      if (r.status === 201) ok++;
      else refused++;
    }
  }),
);
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);

// the invariants, checked on what the run left behind
const accounts = await db.pointsAccount.findMany();
const sums = new Map((await db.pointsEntry.groupBy({ by: ['householdId'], _sum: { amount: true } })).map((x) => [x.householdId, x._sum.amount ?? 0]));
const balanceOk = accounts.every((a) => a.balance >= 0 && a.balance === sums.get(a.householdId));
const shelf = await db.shopItem.findUniqueOrThrow({ where: { id: item.id } });
const reserved = await db.redemption.aggregate({ where: { itemId: item.id, status: { not: 'cancelled' } }, _sum: { quantity: true } });
const stockOk = shelf.stock >= 0 && shelf.stock + (reserved._sum.quantity ?? 0) === shelf.stockAdded && reserved._sum.quantity === ok;

console.log(`redemptions on SQLite (${os.cpus().length} cores, ${CONCURRENCY} concurrent clients, ${SECONDS} s)`);
console.table([
  {
    'succeeded': ok,
    'refused': refused,
    'per second': Math.round(ok / SECONDS),
    'p50 ms': pct(50),
    'p99 ms': pct(99),
    'balances = sum of entries, ≥ 0': balanceOk,
    'stock + taken = added': stockOk,
  },
]);
server.close();
await db.$disconnect();
if (!balanceOk || !stockOk || refused > 0) process.exit(1);
