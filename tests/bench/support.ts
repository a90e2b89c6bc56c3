// Shared by the benchmarks (tests/bench/*.ts) and the crash test
// (tests/reliability/crash.test.ts): the real server as a child process
// (`node --import tsx server/main.ts`, or in a test run the run's bundle of it, so its pid is the server itself and a
// SIGKILL really kills it), HTTP helpers, demo sign-in, resident accounts for
// load spread over many households, autocannon runs and the result table.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../server/db.js';
import { residentsByAddress } from '../support/fixtures.js';
import { serverProcessArgs } from '../support/serverBundle.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Limits far above anything a benchmark or a load test sends. */
export const NO_RATE_LIMITS = {
  LOGIN_RATE_PER_MINUTE: '10000000',
  ORDER_RATE_PER_MINUTE: '10000000',
  REDEEM_RATE_PER_MINUTE: '10000000',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Children still running: stopAllChildren() ends them, and so does this process's exit. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/**
 * Ends every child this process started that is still running, including one
 * still starting (a test that timed out in the middle of a restart must not
 * leave a server behind).
 */
export async function stopAllChildren(): Promise<void> {
  await Promise.all(
    [...live].map(
      (c) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}

export interface ChildServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** what the child wrote to stdout and stderr (the last 64 kB) */
  output(): string;
  /** SIGKILL: no shutdown handler runs */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` with PORT and `env` (or `node <entry…>` when `entry` is
 * given), and waits until GET `readyPath` answers 2xx. Rejects with the child's output if it exits first.
 */
export async function startChild(
  script: string,
  env: Record<string, string>,
  opts: { readyPath?: string; timeoutMs?: number; args?: string[]; nodeArgs?: string[]; entry?: string[]; onLine?: (line: string) => void } = {},
): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...(opts.entry ?? ['--import', 'tsx', script]), ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 65_536) out = out.slice(-65_536);
  };
  child.stdout!.on('data', keep);
  if (opts.onLine) {
    // every whole line of stdout, however much there is (output() keeps the last 64 kB only)
    let partial = '';
    child.stdout!.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) opts.onLine!(line);
    });
  }
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let gone: number | string | null = null;
  void exited.then((c) => (gone = c));

  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (gone !== null) throw new Error(`${path.basename(script)} exited (${gone}) before it answered:\n${out.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${path.basename(script)} did not answer ${opts.readyPath ?? '/'} within ${(opts.timeoutMs ?? 90_000) / 1000} s:\n${out.trim()}`);
    }
    try {
      const res = await fetch(url + (opts.readyPath ?? '/'), { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const signal = async (sig: NodeJS.Signals, graceMs: number) => {
    if (gone !== null) return;
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    pid: child.pid!,
    child,
    output: () => out,
    kill: () => signal('SIGKILL', 0),
    stop: () => signal('SIGTERM', 5000),
  };
}

/**
 * The real server (server/main.ts: migrate, optionally load the demo data,
 * serve) on `databaseUrl`, quiet and with every rate limit out of the way. In a
 * test run it starts from the run's bundle of server/main.ts (tests/support/serverBundle.ts),
 * in a benchmark from the source through tsx.
 */
export async function startAppServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  opts: { nodeArgs?: string[]; onLine?: (line: string) => void } = {},
): Promise<ChildServer> {
  return startChild(
    'server/main.ts',
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      BOT_ENABLED: 'false',
      NOTICE_WORKER: 'false',
      SLA_SWEEP_SECONDS: '0',
      POINTS_EXPIRY_SWEEP_MINUTES: '0',
      SESSION_TTL_HOURS: String(24 * 365),
      ...NO_RATE_LIMITS,
      ...env,
    },
    { readyPath: '/api/health', nodeArgs: opts.nodeArgs, onLine: opts.onLine, entry: await serverProcessArgs() },
  );
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(base: string, method: string, p: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + p, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  const body = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  return { status: res.status, body: body as T, headers: res.headers };
}

/** dev-login → bearer token. */
export async function signIn(base: string, openid: string): Promise<string> {
  const r = await api(base, 'POST', '/api/auth/dev-login', { body: { openid } });
  if (r.status !== 200) throw new Error(`dev-login ${openid}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

export interface ResidentAccount {
  openid: string;
  residentId: string;
  householdId: string;
  token: string;
}

/**
 * Signs in `n` residents of a community, one per household (household heads of
 * households where nobody has an account yet), creating their accounts directly
 * in the database under openids `${prefix}-<resident id>`. The demo data has
 * accounts for a handful of people only; dev-login needs an account.
 */
export async function residentAccounts(db: Db, base: string, n: number, opts: { community?: string; prefix?: string } = {}): Promise<ResidentAccount[]> {
  const community = await db.community.findFirstOrThrow({ where: { name: opts.community ?? '惠泽社区' } });
  // by address, not by id (random): the same households every run
  const heads = await residentsByAddress(db, { communityId: community.id, relation: '户主', user: null, household: { residents: { every: { user: null } } } }, n);
  if (heads.length < n) throw new Error(`only ${heads.length} households without accounts in ${community.name}, ${n} wanted`);
  const prefix = opts.prefix ?? 'bench';
  const accounts: ResidentAccount[] = [];
  for (const r of heads) {
    const openid = `${prefix}-${r.id}`;
    await db.user.create({ data: { displayName: r.name, residentId: r.id, identities: { create: { openid } } } });
    accounts.push({ openid, residentId: r.id, householdId: r.householdId, token: '' });
  }
  for (let i = 0; i < accounts.length; i += 20) {
    await Promise.all(accounts.slice(i, i + 20).map(async (a) => (a.token = await signIn(base, a.openid))));
  }
  return accounts;
}

/**
 * Households that can redeem for the whole run: `points` each through the staff
 * API (so the ledger books them), and an item nobody can exhaust.
 */
export async function prepareRedemptions(base: string, staffToken: string, households: string[], opts: { points?: number; stock?: number; name?: string } = {}) {
  for (let i = 0; i < households.length; i += 10) {
    await Promise.all(
      households.slice(i, i + 10).map(async (householdId) => {
        const r = await api(base, 'POST', '/api/points/adjustments', { token: staffToken, body: { householdId, amount: opts.points ?? 100_000, reason: '压测预置' } });
        if (r.status !== 200) throw new Error(`adjustment: ${r.status} ${JSON.stringify(r.body)}`);
      }),
    );
  }
  const item = await api(base, 'POST', '/api/shop/items', { token: staffToken, body: { name: opts.name ?? '压测商品', pointsPrice: 1, stock: opts.stock ?? 100_000 } });
  if (item.status !== 201) throw new Error(`shop item: ${item.status} ${JSON.stringify(item.body)}`);
  return item.body.id as string;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  seconds?: number;
  /** a different Authorization token per request, taken round-robin */
  tokens?: string[];
  /** a unique Idempotency-Key per request, with this prefix */
  idempotencyPrefix?: string;
  /** a request without an answer after this long counts as an error (autocannon's default is 10) */
  timeoutSeconds?: number;
}

export interface LoadResult {
  /** 2xx answers per second */
  rps: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  non2xx: number;
  /** connection errors and timeouts */
  errors: number;
  /** answers by status code */
  statuses: Record<string, number>;
  seconds: number;
}

/** One autocannon run (keep-alive connections, no pipelining). */
export async function load(o: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const tokens = o.tokens;
  const perRequest = tokens?.length || o.idempotencyPrefix;
  const { default: autocannon } = await import('autocannon'); // only the benchmarks need it
  const result = await autocannon({
    url: o.url,
    connections: o.connections ?? 50,
    duration: o.seconds ?? 10,
    timeout: o.timeoutSeconds ?? 30,
    requests: [
      {
        method: o.method ?? 'GET',
        headers: { ...(o.body ? { 'content-type': 'application/json' } : {}), ...o.headers },
        ...(o.body ? { body: o.body } : {}),
        ...(perRequest
          ? {
              setupRequest: (req: any) => {
                const i = n++;
                const headers = { ...req.headers };
                if (tokens?.length) headers.authorization = `Bearer ${tokens[i % tokens.length]}`;
                if (o.idempotencyPrefix) headers['idempotency-key'] = `${o.idempotencyPrefix}-${i}`;
                return { ...req, headers };
              },
            }
          : {}),
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = Number((s as { count?: number }).count ?? 0);
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors, // connection errors, timeouts included
    statuses,
    seconds: result.duration,
  };
}

/** A plain-text table (console.table cannot align CJK or leave out its index column). */
export function formatTable(rows: Array<Record<string, string | number>>): string {
  if (!rows.length) return '(no rows)';
  const cols = Object.keys(rows[0]!);
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')));
  const widths = cols.map((c, i) => Math.max(width(c), ...cells.map((r) => width(r[i]!))));
  const pad = (s: string, i: number) => {
    const right = /^[-+]?[\d.,]+( ?[x%])?$/.test(s);
    const fill = ' '.repeat(widths[i]! - width(s));
    return right ? fill + s : s + fill;
  };
  const line = (r: string[]) => `| ${r.map(pad).join(' | ')} |`;
  return [line(cols), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** "0" or "0 / 12 (409×12)": connection errors / non-2xx answers, by status. */
export function describeFailures(r: LoadResult): string {
  const bad = Object.entries(r.statuses).filter(([code]) => !code.startsWith('2'));
  return `${r.errors} / ${r.non2xx}${bad.length ? ` (${bad.map(([c, k]) => `${c}×${k}`).join(', ')})` : ''}`;
}
