// The benchmarks' baselines, each a child process of its own (started by
// tests/bench/http.ts): a bare Koa app, no middleware, no router.
//
//   BASELINE=constant                                   GET  → a constant JSON body
//   BASELINE=constant BASELINE_BODY_FILE=/…/body.json   GET  → that file's JSON as the constant body (parsed once,
//                                                              serialised per request, as Koa does with any object body)
//   BASELINE=insert DATABASE_URL=file:/…/x.db           POST → one INSERT with better-sqlite3 (WAL, synchronous=NORMAL, checkpoints off-thread, as the server)
//   BASELINE=insert DATABASE_URL=postgres://…           POST → one INSERT through a pg Pool (10 connections, as the server)
//
// GET /health answers 200 once it is ready.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Koa from 'koa';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { startWalCheckpointer } from '../../server/walCheckpointer.js';

const kind = process.env.BASELINE;
const url = process.env.DATABASE_URL ?? '';
const port = Number(process.env.PORT);

let insert: ((id: string, body: string, at: number) => Promise<void>) | null = null;
if (kind === 'insert' && url.startsWith('file:')) {
  const db = new Database(url.slice('file:'.length));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // checkpoints in a worker thread, as the server does (server/walCheckpointer.ts)
  db.pragma('wal_autocheckpoint = 0');
  startWalCheckpointer(url.slice('file:'.length), pino({ level: 'error' }), () => void db.pragma('wal_autocheckpoint = 1000'));
  db.exec('CREATE TABLE IF NOT EXISTS bench_hit (id TEXT PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL)');
  const stmt = db.prepare('INSERT INTO bench_hit (id, body, at) VALUES (?, ?, ?)');
  insert = async (id, body, at) => void stmt.run(id, body, at);
} else if (kind === 'insert' && /^postgres(ql)?:\/\//.test(url)) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_hit (id TEXT PRIMARY KEY, body TEXT NOT NULL, at BIGINT NOT NULL)');
  insert = async (id, body, at) => void (await pool.query('INSERT INTO bench_hit (id, body, at) VALUES ($1, $2, $3)', [id, body, at]));
} else if (kind !== 'constant') {
  console.error(`BASELINE=${kind} DATABASE_URL=${url}: want BASELINE=constant, or insert with a file: or postgres:// URL`);
  process.exit(1);
}

const app = new Koa();
const constant: unknown = process.env.BASELINE_BODY_FILE
  ? JSON.parse(fs.readFileSync(process.env.BASELINE_BODY_FILE, 'utf8'))
  : { status: 'ok', items: [], nextCursor: null };
app.use(async (ctx) => {
  if (ctx.path === '/health' || !insert) {
    ctx.body = constant;
    return;
  }
  const id = crypto.randomUUID();
  await insert(id, 'bench', Date.now());
  ctx.status = 201;
  ctx.body = { id };
});
app.listen(port, '127.0.0.1');
