// `npm run bench:scale`: the hot queries on the city (tests/scale/generate.ts) and
// on the demo data, both on PostgreSQL, through the real server over HTTP.
//
// 1. Builds the demo database and the city if they are not there (the city takes a
//    few minutes).
// 2. Starts the real server (server/main.ts) on the city behind a proxy that records
//    the SQL it sends (tests/scale/capture.ts), makes each hot request once, and runs
//    EXPLAIN (ANALYZE, BUFFERS) of every statement on the city data with the same
//    parameters; writes them to tests/scale/plans.md with the indexes each uses.
// 3. Starts the server on each database and times every hot request RUNS times,
//    city and demo interleaved (so a busy moment of the machine hits both), and
//    prints p50/p95 and the ratio city / demo (goal: ≤ 3×).
// 4. Drops the city database (SCALE_KEEP=1 keeps it for another run).
//
// Environment: SCALE_RUNS (default 200), SCALE_KEEP, SCALE_REBUILD=1 (build both
// databases again), and those of generate.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../server/config.js';
import { createDb, POSTGRES_SESSION_OPTIONS } from '../../server/db.js';
import { DEMO_OPENIDS } from '../../server/demoFacts.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { escalateOverdueOrders } from '../../server/orders/escalateOverdueOrders.js';
import { startAppServer as spawnServer, type ChildServer as ServerProcess } from '../bench/support.js';
import { databaseUrl, dropDatabase, withAdmin } from '../support/postgres.js';
import { startCapture, type Statement } from './capture.js';
import { adminUrl, buildCity, buildDemo, CITY_DB, cityAccounts, countRows, DEMO_DB, printCounts } from './generate.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.SCALE_RUNS || 200);
const WARMUP = 20;
const GOAL = 3;

interface Accounts {
  resident: string;
  gridWorker: string;
  staff: string;
}

interface HotQuery {
  name: string;
  who: keyof Accounts;
  path: (ctx: { gridId: string }) => string;
}

/** What the mini-program asks for on the screens people open most (client/pages, client/packages). */
const HOT: HotQuery[] = [
  { name: 'my orders (resident, 我的报事)', who: 'resident', path: () => '/api/orders?limit=20' },
  { name: "grid worker's open orders (我的任务)", who: 'gridWorker', path: () => '/api/orders?mine=true&status=dispatched,accepted,reopened&limit=100' },
  { name: "grid worker: grid's unclaimed emergencies", who: 'gridWorker', path: () => '/api/orders?status=submitted&urgency=emergency&limit=50' },
  { name: "grid worker: the grid's orders, newest", who: 'gridWorker', path: () => '/api/orders?limit=20' },
  { name: 'overdue orders (staff, 超时督办)', who: 'staff', path: () => '/api/orders?overdue=true&limit=30' },
  { name: 'to dispatch (staff, 待派单)', who: 'staff', path: () => '/api/orders?status=submitted&limit=30' },
  { name: "a household's balance (积分, resident)", who: 'resident', path: () => '/api/points/me?limit=30' },
  { name: 'zero-employment households (grid worker)', who: 'gridWorker', path: () => '/api/employment/households?zeroEmployment=true&limit=100' },
  { name: 'zero-employment households (staff, one grid)', who: 'staff', path: (c) => `/api/employment/households?zeroEmployment=true&limit=100&gridId=${c.gridId}` },
  { name: 'zero-employment households (staff, community)', who: 'staff', path: () => '/api/employment/households?zeroEmployment=true&limit=100' },
];

const UPLOADS = path.join(os.tmpdir(), 'ejia-scale-uploads');
const SERVER_ENV = {
  NODE_ENV: 'test',
  UPLOAD_DIR: UPLOADS,
  DEMO_DATA: 'false',
  BOT_ENABLED: 'false',
  NOTICE_WORKER: 'false',
  SLA_SWEEP_SECONDS: '0',
  POINTS_EXPIRY_SWEEP_MINUTES: '0',
  LOG_LEVEL: 'silent',
  LOGIN_RATE_PER_MINUTE: '10000000',
  ORDER_RATE_PER_MINUTE: '10000000',
  REDEEM_RATE_PER_MINUTE: '10000000',
};

class Client {
  private tokens = new Map<string, string>();
  constructor(readonly url: string) {}
  async login(openid: string): Promise<string> {
    const res = await fetch(`${this.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
    if (!res.ok) throw new Error(`dev-login ${openid}: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    this.tokens.set(openid, token);
    return token;
  }
  async get(openid: string, p: string): Promise<{ ms: number; body: unknown }> {
    const t = performance.now();
    const res = await fetch(this.url + p, { headers: { authorization: `Bearer ${this.tokens.get(openid)}` } });
    const text = await res.text();
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`GET ${p} as ${openid}: ${res.status} ${text}`);
    return { ms, body: JSON.parse(text) };
  }
}

interface Side {
  label: 'demo' | 'city';
  dbUrl: string;
  accounts: Accounts;
  gridId: string;
}

async function databaseExists(name: string): Promise<boolean> {
  return withAdmin(adminUrl(), async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

async function cityIsComplete(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT to_regclass('"PointsAccount"') IS NOT NULL AS t`);
    if (!r.rows[0].t) return false;
    return Number((await c.query('SELECT count(*) AS n FROM "PointsAccount"')).rows[0].n) > 0;
  } finally {
    await c.end();
  }
}

/** The grid the grid-worker account works (for the staff's per-grid query). */
async function gridOf(client: Client, openid: string): Promise<string> {
  const me = (await client.get(openid, '/api/me')).body as { roles: Array<{ role: string; gridId?: string | null; grid?: { id: string } | null }> };
  const r = me.roles.find((x) => x.role === 'GRID_WORKER');
  const id = r?.gridId ?? r?.grid?.id;
  if (!id) throw new Error(`${openid} has no grid: ${JSON.stringify(me.roles)}`);
  return id;
}

const itemsOf = (body: unknown): number => {
  const b = body as { items?: unknown[]; entries?: unknown[]; total?: number };
  return b.items?.length ?? b.entries?.length ?? 0;
};

// --- plans -----------------------------------------------------------------

const BIG_TABLES = new Set(['Order', 'OrderEvent', 'PointsEntry', 'PointsAccount', 'Resident', 'Household', 'HouseholdTag', 'EmploymentRecord', 'User', 'WechatIdentity', 'Redemption', 'Escalation', 'Session', 'Unit']);

interface Planned {
  statement: Statement;
  plan: string;
  indexes: string[];
  seqScans: Array<{ table: string; rows: number }>;
  ms: number;
}

/** Each sequential scan in a plan with the rows it read (returned + removed by its filter, times its loops). */
function seqScansOf(plan: string): Array<{ table: string; rows: number }> {
  const lines = plan.split('\n');
  const out: Array<{ table: string; rows: number }> = [];
  lines.forEach((line, i) => {
    const m = /Seq Scan on "?(\w+)"?.*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(line);
    if (!m) return;
    let removed = 0;
    for (let j = i + 1; j < lines.length && !lines[j]!.includes('->') && /^\s/.test(lines[j]!); j++) {
      const r = /Rows Removed by Filter: (\d+)/.exec(lines[j]!);
      if (r) removed = Number(r[1]);
    }
    out.push({ table: m[1]!, rows: (Number(m[2]) + removed) * Number(m[3]) });
  });
  return out;
}

/** Long IN lists and arrays made short for reading: ($1,$2,…,$300) → ($1, …, $300). */
const shorten = (text: string) =>
  text
    .replace(/\((\$\d+),(?:\$\d+,){3,}(\$\d+)\)/g, '($1, …, $2)')
    .replace(/'\{([^}']{160})[^}']*\}'/g, "'{$1…}'");

const literal = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);

async function explain(c: pg.Client, s: Statement, n: number): Promise<Planned> {
  const typeNames: string[] = [];
  for (let i = 0; i < s.params.length; i++) {
    const oid = s.types[i] ?? 0;
    typeNames.push(oid ? (await c.query('SELECT $1::oid::regtype::text AS t', [oid])).rows[0].t : 'unknown');
  }
  const name = `scale_plan_${n}`;
  await c.query(`PREPARE ${name}${typeNames.length ? `(${typeNames.join(', ')})` : ''} AS ${s.sql}`);
  try {
    const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE ${name}${s.params.length ? `(${s.params.map(literal).join(', ')})` : ''}`);
    const plan = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
    const indexes = [...new Set([...plan.matchAll(/(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) "?([\w]+)"?/g)].map((m) => m[1]!))];
    const seqScans = seqScansOf(plan);
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    return { statement: s, plan, indexes, seqScans, ms };
  } finally {
    await c.query(`DEALLOCATE ${name}`);
  }
}

const isBookkeeping = (sql: string) => /^(BEGIN|COMMIT|ROLLBACK|SET |SELECT 1$|DEALLOCATE)/i.test(sql.trim());

async function capturePlans(side: Side): Promise<Map<string, Planned[]>> {
  const url = new URL(side.dbUrl);
  const capture = await startCapture({ host: url.hostname, port: Number(url.port || 5432) });
  const proxied = new URL(side.dbUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(capture.port);
  const server = await spawnServer(proxied.toString(), SERVER_ENV);
  const out = new Map<string, Planned[]>();
  try {
    const client = new Client(server.url);
    for (const openid of new Set(Object.values(side.accounts))) await client.login(openid);
    for (const q of HOT) await client.get(side.accounts[q.who], q.path(side)); // warm: Prisma's first-use queries
    for (const q of HOT) {
      capture.label = q.name;
      await client.get(side.accounts[q.who], q.path(side));
      capture.label = null;
    }
    const pgc = new pg.Client({ connectionString: side.dbUrl, options: POSTGRES_SESSION_OPTIONS }); // plans as the server's sessions make them
    await pgc.connect();
    await pgc.query('SET jit = off'); // as the server's sessions run (JIT stays off for queries this cheap)
    let n = 0;
    try {
      for (const q of HOT) {
        const planned: Planned[] = [];
        for (const s of capture.recorded.get(q.name) ?? []) {
          if (isBookkeeping(s.sql)) continue;
          planned.push(await explain(pgc, s, n++));
        }
        out.set(q.name, planned);
      }
    } finally {
      await pgc.end();
    }
  } finally {
    await server.stop();
    await capture.close();
  }
  return out;
}

// --- beyond the requests ---------------------------------------------------------

/** Orders past a deadline that the sweeper has not escalated for that deadline yet. */
const UNESCALATED = `
  SELECT count(*) AS n FROM "Order" o
  WHERE (o.status IN ('submitted', 'dispatched', 'reopened') AND o."responseDueAt" < $1
         AND NOT EXISTS (SELECT 1 FROM "Escalation" e WHERE e."orderId" = o.id AND e.stage = 'response' AND e."dueAt" = o."responseDueAt"))
     OR (o.status IN ('submitted', 'dispatched', 'reopened', 'accepted') AND o."resolveDueAt" < $1
         AND NOT EXISTS (SELECT 1 FROM "Escalation" e WHERE e."orderId" = o.id AND e.stage = 'resolution' AND e."dueAt" = o."resolveDueAt"))`;

interface SweepCheck {
  overdue: number;
  before: number;
  raised: number;
  after: number;
  ms: number;
}

/** One run of the SLA sweeper (server/orders/escalateOverdueOrders.ts) on the city: does it reach the orders that newly went overdue? */
async function sweepCheck(url: string): Promise<SweepCheck> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const db = createDb(url);
  try {
    const now = new Date();
    const count = async (sql: string) => Number((await c.query(sql, [now])).rows[0].n);
    const overdue = await count(`SELECT count(*) AS n FROM "Order" o WHERE (o.status IN ('submitted', 'dispatched', 'reopened') AND o."responseDueAt" < $1)
                                  OR (o.status IN ('submitted', 'dispatched', 'reopened', 'accepted') AND o."resolveDueAt" < $1)`);
    const before = await count(UNESCALATED);
    const deps = buildDeps(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', UPLOAD_DIR: UPLOADS }), db, createLogger('silent'));
    const t = performance.now();
    const raised = await escalateOverdueOrders({ ...deps, clock: () => now });
    const ms = performance.now() - t;
    const after = await count(UNESCALATED);
    return { overdue, before, raised, after, ms };
  } finally {
    await db.$disconnect();
    await c.end();
  }
}

/**
 * A proposal, not what the server runs: the 零就业家庭 of a community found in SQL
 * (server/jobs/ledger.ts now loads every household of the scope with its members and
 * filters in JavaScript). Timed on both databases.
 */
const ZERO_EMPLOYMENT_SQL = `
SELECT r."householdId"
FROM "Resident" r
LEFT JOIN "EmploymentRecord" e ON e."residentId" = r.id AND e.current AND e."communityId" = $1
WHERE r."communityId" = $1
GROUP BY r."householdId"
HAVING count(*) FILTER (WHERE $2 - r."birthYear" BETWEEN 16 AND 60 AND e.status IS DISTINCT FROM 'unable') > 0
   AND count(*) FILTER (WHERE e.status IN ('employed_local', 'employed_outbound', 'public_welfare', 'self_employed')) = 0`;

async function proposedZeroEmployment(url: string, staffOpenid: string): Promise<Planned> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SET jit = off');
    const communityId = (
      await c.query(`SELECT ur."communityId" FROM "UserRole" ur JOIN "WechatIdentity" w ON w."userId" = ur."userId" WHERE w.openid = $1 AND ur.role = 'STAFF'`, [staffOpenid])
    ).rows[0].communityId as string;
    const year = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
    // run it a few times first: the figure wanted is the warm one, as for the requests
    for (let i = 0; i < 5; i++) await c.query(ZERO_EMPLOYMENT_SQL, [communityId, Number(year)]);
    return await explain(c, { sql: ZERO_EMPLOYMENT_SQL.trim(), params: [communityId, year], types: [25, 23] }, 9999);
  } finally {
    await c.end();
  }
}

// --- timing ----------------------------------------------------------------

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
};

interface Timing {
  name: string;
  demo: { p50: number; p95: number; items: number };
  city: { p50: number; p95: number; items: number };
}

/** The machine's 1-minute load average when the timing started and ended (it is shared). */
const load: number[] = [];

async function timeQueries(sides: Side[]): Promise<Timing[]> {
  const servers: ServerProcess[] = [];
  try {
    const clients: Client[] = [];
    for (const side of sides) {
      const server = await spawnServer(side.dbUrl, SERVER_ENV);
      servers.push(server);
      const client = new Client(server.url);
      for (const openid of new Set(Object.values(side.accounts))) await client.login(openid);
      clients.push(client);
    }
    load.push(os.loadavg()[0] ?? 0);
    const samples = sides.map(() => HOT.map(() => [] as number[]));
    const items = sides.map(() => HOT.map(() => 0));
    for (let run = -WARMUP; run < RUNS; run++) {
      for (let qi = 0; qi < HOT.length; qi++) {
        const q = HOT[qi]!;
        // alternate which side goes first
        const order = run % 2 === 0 ? [0, 1] : [1, 0];
        for (const si of order) {
          const side = sides[si]!;
          const r = await clients[si]!.get(side.accounts[q.who], q.path(side));
          if (run >= 0) samples[si]![qi]!.push(r.ms);
          items[si]![qi] = itemsOf(r.body);
        }
      }
    }
    load.push(os.loadavg()[0] ?? 0);
    return HOT.map((q, qi) => {
      const stat = (si: number) => ({ p50: quantile(samples[si]![qi]!, 0.5), p95: quantile(samples[si]![qi]!, 0.95), items: items[si]![qi]! });
      return { name: q.name, demo: stat(0), city: stat(1) };
    });
  } finally {
    for (const s of servers) await s.stop();
  }
}

function table(timings: Timing[]): string {
  const rows = [
    ['hot query', 'demo p50', 'demo p95', 'city p50', 'city p95', 'p50 ×', 'p95 ×', 'rows demo/city', `≤ ${GOAL}×`],
    ...timings.map((t) => {
      const r50 = t.city.p50 / t.demo.p50;
      const r95 = t.city.p95 / t.demo.p95;
      return [
        t.name,
        `${t.demo.p50.toFixed(1)} ms`,
        `${t.demo.p95.toFixed(1)} ms`,
        `${t.city.p50.toFixed(1)} ms`,
        `${t.city.p95.toFixed(1)} ms`,
        r50.toFixed(2),
        r95.toFixed(2),
        `${t.demo.items}/${t.city.items}`,
        r50 <= GOAL && r95 <= GOAL ? 'yes' : 'NO',
      ];
    }),
  ];
  const head = `| ${rows[0]!.join(' | ')} |\n|${rows[0]!.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`;
  return [head, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

// --- plans.md ----------------------------------------------------------------

interface Extras {
  sweep: SweepCheck;
  proposal: { city: Planned; demo: Planned };
}

function planDoc(plans: Map<string, Planned[]>, timings: Timing[], counts: Record<string, number>, generation: string, extras: Extras): string {
  const lines: string[] = [];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  lines.push(
    '# Scale test: hot queries on a city vs the demo data',
    '',
    `Written by \`npm run bench:scale\` (tests/scale/hot-queries.ts) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${cpu}), PostgreSQL ${generation}.`,
    'Each request goes through the real server (server/main.ts) over HTTP with a dev-login token; p50/p95 of',
    `${RUNS} requests each, city and demo interleaved (load average ${load.map((l) => l.toFixed(1)).join(' → ')} on the shared machine). The SQL is what the server sent (recorded on the wire by`,
    'tests/scale/capture.ts); every statement is run again under EXPLAIN (ANALYZE, BUFFERS) on the city data with the same parameters.',
    '',
    '## The city',
    '',
    '| table | rows |',
    '|---|---:|',
    ...Object.entries(counts).map(([k, v]) => `| ${k} | ${v.toLocaleString('en-US')} |`),
    '',
    '## Latency (city vs demo)',
    '',
    table(timings),
    '',
    '## Plans',
    '',
  );
  // statements every request of one account runs (the sign-in check: session, user, roles, home) are shown once per account
  const everyRequest = new Map<keyof Accounts, Set<string>>();
  for (const [name, ps] of plans) {
    const who = HOT.find((h) => h.name === name)!.who;
    const s = new Set(ps.map((p) => p.statement.sql));
    const acc = everyRequest.get(who);
    everyRequest.set(who, acc ? new Set([...acc].filter((x) => s.has(x))) : s);
  }
  const isSignIn = (name: string, sql: string) => everyRequest.get(HOT.find((h) => h.name === name)!.who)!.has(sql);
  const shown = new Map<string, string>();
  const summary = (p: Planned) => {
    const idx = p.indexes.length ? p.indexes.map((i) => `\`${i}\``).join(', ') : 'no index';
    const seq = p.seqScans.length ? `; seq scan of ${p.seqScans.map((s) => `${s.table} (${s.rows.toLocaleString('en-US')} rows read)${BIG_TABLES.has(s.table) && s.rows > 1000 ? ' ⚠' : ''}`).join(', ')}` : '';
    return `uses ${idx}${seq}; ${p.ms.toFixed(2)} ms`;
  };
  const statementBlock = (p: Planned, title: string) => {
    lines.push(`#### ${title}`, '', '```sql', shorten(p.statement.sql), '```', '');
    const ps = p.statement.params;
    if (ps.length) {
      const shown = ps.slice(0, 6).map((v) => (v === null ? 'NULL' : v.length > 60 ? `'${v.slice(0, 57)}…'` : `'${v}'`));
      lines.push(`parameters: ${shown.join(', ')}${ps.length > 6 ? `, … (${ps.length} in all)` : ''}`, '');
    }
    lines.push(`**${summary(p)}**`, '', '```', shorten(p.plan), '```', '');
  };
  for (const who of ['resident', 'gridWorker', 'staff'] as const) {
    const name = HOT.find((h) => h.who === who)!.name;
    const common = (plans.get(name) ?? []).filter((p) => isSignIn(name, p.statement.sql));
    if (!common.length) continue;
    lines.push(`### Every request of the ${who === 'gridWorker' ? 'grid worker' : who}: the sign-in check (session, user, roles, home)`, '');
    common.forEach((p, i) => {
      const seen = shown.get(p.statement.sql);
      if (seen) {
        lines.push(`#### sign-in ${i + 1}: as in ${seen}`, '', `**${summary(p)}**`, '');
        return;
      }
      statementBlock(p, `sign-in ${i + 1}`);
      shown.set(p.statement.sql, 'the sign-in check');
    });
  }
  for (const [name, ps] of plans) {
    lines.push(`### ${name}`, '');
    const q = HOT.find((h) => h.name === name)!;
    lines.push(`\`GET ${q.path({ gridId: '<grid>' })}\` as the ${q.who === 'gridWorker' ? 'grid worker' : q.who}`, '');
    const own = ps.filter((p) => !isSignIn(name, p.statement.sql));
    own.forEach((p, i) => {
      const seen = shown.get(p.statement.sql);
      if (seen) {
        lines.push(`#### statement ${i + 1}: as in ${seen}`, '', `**${summary(p)}**`, '');
        return;
      }
      shown.set(p.statement.sql, `"${name}"`);
      statementBlock(p, `statement ${i + 1}`);
    });
  }
  const { sweep, proposal } = extras;
  lines.push(
    '## Beyond the requests',
    '',
    '### The SLA sweeper (server/orders/escalateOverdueOrders.ts) on the city',
    '',
    `${sweep.overdue.toLocaleString('en-US')} orders are overdue, all escalated when the city was generated except ${sweep.before} that went overdue since.`,
    `One sweep took ${sweep.ms.toFixed(0)} ms and raised ${sweep.raised}; ${sweep.after} overdue deadlines are left unescalated.`,
    sweep.before > 0 && sweep.after >= sweep.before
      ? 'The sweeper reads the 500 overdue orders with the oldest response deadline and skips those already escalated; with more than 500 overdue orders it never reaches a newly overdue one. The candidate query must leave out the deadlines already escalated (NOT EXISTS on Escalation (orderId, stage, dueAt), which its unique index answers).'
      : 'The sweeper reached every newly overdue order.',
    '',
    '### Proposed: 零就业家庭 of a community in SQL',
    '',
    'Not what the server runs yet (see "zero-employment households (staff, community)" above): the households found by one',
    'aggregate, so that only the page of households shown is loaded with its members.',
    '',
    '```sql',
    ZERO_EMPLOYMENT_SQL.trim(),
    '```',
    '',
    `city: **${summary(proposal.city)}**; demo: **${summary(proposal.demo)}**`,
    '',
    '```',
    shorten(proposal.city.plan),
    '```',
    '',
  );
  return lines.join('\n') + '\n';
}

function planSummary(plans: Map<string, Planned[]>): string {
  const out: string[] = [];
  for (const [name, ps] of plans) {
    const idx = [...new Set(ps.flatMap((p) => p.indexes))];
    const seq = ps.flatMap((p) => p.seqScans.filter((s) => BIG_TABLES.has(s.table) && s.rows > 1000).map((s) => `${s.table} (${s.rows.toLocaleString('en-US')} rows)`));
    const ms = ps.reduce((s, p) => s + p.ms, 0);
    out.push(`  ${name}: ${ps.length} statements, ${ms.toFixed(1)} ms in PostgreSQL; indexes ${idx.join(', ') || '—'}${seq.length ? `; SEQ SCANS ${seq.join(', ')}` : ''}`);
  }
  return out.join('\n');
}

async function main() {
  const rebuild = process.env.SCALE_REBUILD === '1';
  if (rebuild || !(await databaseExists(DEMO_DB))) await buildDemo();
  const cityUrl = databaseUrl(adminUrl(), CITY_DB);
  const demoUrl = databaseUrl(adminUrl(), DEMO_DB);
  if (rebuild || !(await databaseExists(CITY_DB)) || !(await cityIsComplete(cityUrl))) {
    const r = await buildCity();
    console.log(`city generated in ${r.seconds.toFixed(0)} s`);
  }
  const c = new pg.Client({ connectionString: cityUrl });
  await c.connect();
  const counts = await countRows(c);
  const version = (await c.query(`SELECT current_setting('server_version') AS v`)).rows[0].v as string;
  await c.end();
  printCounts(counts);

  const { resident, gridWorker, staff } = cityAccounts(counts.Community!);
  const city: Side = { label: 'city', dbUrl: cityUrl, accounts: { resident, gridWorker, staff }, gridId: '' };
  const demo: Side = {
    label: 'demo',
    dbUrl: demoUrl,
    accounts: { resident: DEMO_OPENIDS.resident, gridWorker: DEMO_OPENIDS.gridWorker, staff: DEMO_OPENIDS.staff },
    gridId: '',
  };
  // the staff's per-grid query asks for the grid of the grid-worker account
  for (const side of [demo, city]) {
    const server = await spawnServer(side.dbUrl, SERVER_ENV);
    try {
      const client = new Client(server.url);
      await client.login(side.accounts.gridWorker);
      side.gridId = await gridOf(client, side.accounts.gridWorker);
    } finally {
      await server.stop();
    }
  }

  console.log('\nrecording the SQL of each hot request and its plan on the city …');
  const plans = await capturePlans(city);
  console.log(planSummary(plans));

  console.log(`\ntiming ${HOT.length} hot requests × ${RUNS} on each database (after ${WARMUP} warm-up rounds) …`);
  const timings = await timeQueries([demo, city]);
  console.log('\n' + table(timings));

  console.log('\nthe SLA sweeper on the city, and the proposed zero-employment query …');
  const sweep = await sweepCheck(cityUrl);
  console.log(`  sweeper: ${sweep.overdue} overdue orders, ${sweep.before} not yet escalated; one sweep (${sweep.ms.toFixed(0)} ms) raised ${sweep.raised}, ${sweep.after} left`);
  const proposal = { city: await proposedZeroEmployment(cityUrl, city.accounts.staff), demo: await proposedZeroEmployment(demoUrl, demo.accounts.staff) };
  console.log(`  proposed zero-employment SQL: city ${proposal.city.ms.toFixed(2)} ms, demo ${proposal.demo.ms.toFixed(2)} ms (in PostgreSQL)`);

  fs.writeFileSync(path.join(HERE, 'plans.md'), planDoc(plans, timings, counts, version, { sweep, proposal }));
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(HERE, 'plans.md'))}`);

  if (process.env.SCALE_KEEP === '1') console.log(`kept ${CITY_DB} (SCALE_KEEP=1)`);
  else {
    await dropDatabase(adminUrl(), CITY_DB);
    console.log(`dropped ${CITY_DB}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
