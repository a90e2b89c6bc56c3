// `npx tsx tests/bench/visits.ts`: a grid worker's 今日走访 (GET /api/visits/due) on
// the city (tests/scale/generate.ts: 100,000 households, 300,000 residents) with a
// year of visits, against the same request on the demo data, both on PostgreSQL,
// through the real server over HTTP. Goal: the city within 1.5× of the demo.
//
// 1. Builds the city and the demo databases when they are not there (the city
//    takes minutes); its own database names unless set (SCALE_DB, SCALE_DEMO_DB),
//    so it never drops a city another benchmark is using.
// 2. Gives the city its visits once: every watched household (七彩 tag with a
//    frequency) visited at its tag's frequency over the last 180 days, one try in
//    ten nobody at home.
// 3. Times the request RUNS times, city and demo interleaved, prints p50/p95 and
//    the ratio, and the city's query plans (EXPLAIN ANALYZE of the two statements).
//
// Environment: VISITS_RUNS (default 300), and those of tests/scale/generate.ts.
import pg from 'pg';

process.env.SCALE_DB ??= 'ejia_scale_visits';
process.env.SCALE_DEMO_DB ??= 'ejia_scale_visits_demo';
const RUNS = Number(process.env.VISITS_RUNS || 300);
const WARMUP = 30;
const GOAL = 1.5;

const { adminUrl, buildCity, buildDemo, CITY_DB, cityAccounts, cityUrl, DEMO_DB, demoUrl } = await import('../scale/generate.js');
const { NO_RATE_LIMITS, signIn } = await import('./support.js');
const { createApp } = await import('../../server/app.js');
const { loadConfig } = await import('../../server/config.js');
const { createDb } = await import('../../server/db.js');
const { buildDeps } = await import('../../server/deps.js');
const { createLogger } = await import('../../server/logger.js');

/**
 * The real app on a database, in this process, listening on a port: the same HTTP
 * path as server/main.ts without its start-up steps (on the city those begin by
 * sealing 300,000 plain-text ID numbers one by one, minutes before it answers).
 */
async function startAppServer(url: string) {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', SLA_SWEEP_SECONDS: '0', SESSION_TTL_HOURS: String(24 * 365), ...NO_RATE_LIMITS });
  const db = createDb(config.databaseUrl);
  const deps = buildDeps(config, db, createLogger('silent'));
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
    },
  };
}
const { DEMO_OPENIDS } = await import('../../server/demoFacts.js');

async function exists(name: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

async function withDb<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** A year's worth of visits for the city's watched households (once). */
async function visitTheCity(url: string) {
  await withDb(url, async (c) => {
    const have = Number((await c.query('SELECT count(*) n FROM "Visit"')).rows[0].n);
    if (have > 0) return console.log(`the city has ${have.toLocaleString('en-US')} visits`);
    const t = performance.now();
    await c.query(`
      WITH watched AS (
        SELECT h.id, h."communityId", b."gridId",
               MIN(CASE t.kind WHEN 'EMPTY_NEST_ELDERLY' THEN 7 WHEN 'LEFT_BEHIND_CHILD' THEN 14 WHEN 'DISABLED' THEN 14 ELSE 30 END) AS iv,
               (SELECT ur."userId" FROM "UserRole" ur WHERE ur."gridId" = b."gridId" AND ur.role = 'GRID_WORKER' LIMIT 1) AS worker
        FROM "Household" h JOIN "Building" b ON b.id = h."buildingId" JOIN "HouseholdTag" t ON t."householdId" = h.id
        WHERE t.kind IN ('EMPTY_NEST_ELDERLY', 'LEFT_BEHIND_CHILD', 'DISABLED', 'MONITORED', 'LOW_INCOME')
        GROUP BY h.id, h."communityId", b."gridId"
      )
      INSERT INTO "Visit" (id, "communityId", "gridId", "householdId", "visitorId", "visitedAt", met, wellbeing, note, "photoUploadId", needs, "orderId", completed, "createdAt")
      SELECT 'v' || substr(md5(w.id || '-' || k), 1, 24), w."communityId", w."gridId", w.id, w.worker,
             now() - make_interval(days => k * w.iv + abs(hashtext(w.id)) % w.iv, hours => 3),
             CASE WHEN abs(hashtext(w.id || k)) % 10 = 0 THEN 'nobody' ELSE 'head' END,
             CASE WHEN abs(hashtext(w.id || k)) % 10 = 0 THEN NULL ELSE 'good' END,
             NULL, NULL, NULL, NULL, abs(hashtext(w.id || k)) % 10 <> 0,
             now() - make_interval(days => k * w.iv + abs(hashtext(w.id)) % w.iv, hours => 3)
      FROM watched w, generate_series(0, 180 / w.iv) k
      WHERE w.worker IS NOT NULL`);
    await c.query('ANALYZE "Visit"');
    const n = Number((await c.query('SELECT count(*) n FROM "Visit"')).rows[0].n);
    console.log(`gave the city ${n.toLocaleString('en-US')} visits in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function main() {
  if (!(await exists(CITY_DB))) {
    console.log(`building the city into ${CITY_DB} (minutes)…`);
    await buildCity();
  }
  if (!(await exists(DEMO_DB))) await buildDemo();
  await visitTheCity(cityUrl());
  const communities = await withDb(cityUrl(), async (c) => Number((await c.query('SELECT count(*) n FROM "Community"')).rows[0].n));
  const city = { label: 'city', url: cityUrl(), openid: cityAccounts(communities).gridWorker };
  const demo = { label: 'demo', url: demoUrl(), openid: DEMO_OPENIDS.gridWorker };
  const sizes = async (url: string, openid: string) =>
    withDb(url, async (c) => {
      const r = await c.query(
        `SELECT (SELECT count(*) FROM "Household") households, (SELECT count(*) FROM "Resident") residents, (SELECT count(*) FROM "Visit") visits,
                (SELECT count(*) FROM "Household" h JOIN "Building" b ON b.id = h."buildingId" JOIN "UserRole" ur ON ur."gridId" = b."gridId" AND ur.role = 'GRID_WORKER'
                   JOIN "WechatIdentity" w ON w."userId" = ur."userId" WHERE w.openid = $1) grid_households`,
        [openid],
      );
      return r.rows[0] as Record<string, string>;
    });
  for (const side of [demo, city]) console.log(side.label, await sizes(side.url, side.openid));

  const servers: Array<Awaited<ReturnType<typeof startAppServer>>> = [];
  try {
    for (const side of [demo, city]) servers.push(await startAppServer(side.url));
    const tokens = await Promise.all([demo, city].map((side, i) => signIn(servers[i]!.url, side.openid)));
    const once = async (i: number) => {
      const t = performance.now();
      const r = await fetch(`${servers[i]!.url}/api/visits/due`, { headers: { authorization: `Bearer ${tokens[i]}` } });
      const body = (await r.json()) as { items: unknown[] };
      if (r.status !== 200) throw new Error(`due list: ${r.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t, items: body.items.length };
    };
    for (let k = 0; k < WARMUP; k++) for (const i of [0, 1]) await once(i);
    const samples: number[][] = [[], []];
    const items = [0, 0];
    for (let k = 0; k < RUNS; k++) {
      for (const i of k % 2 ? [0, 1] : [1, 0]) {
        const r = await once(i);
        samples[i]!.push(r.ms);
        items[i] = r.items;
      }
    }
    const [d, c] = samples as [number[], number[]];
    const row = (label: string, xs: number[], n: number) => `${label.padEnd(6)} p50 ${pct(xs, 50).toFixed(2).padStart(7)} ms   p95 ${pct(xs, 95).toFixed(2).padStart(7)} ms   (${n} households on the list)`;
    console.log(`\nGET /api/visits/due as the grid worker, ${RUNS} runs each, interleaved:`);
    console.log(row('demo', d, items[0]!));
    console.log(row('city', c, items[1]!));
    const ratio = pct(c, 50) / pct(d, 50);
    console.log(`city / demo (p50): ${ratio.toFixed(2)}×  (goal ≤ ${GOAL}×) ${ratio <= GOAL ? 'met' : 'NOT MET'}`);
  } finally {
    for (const s of servers) await s.stop();
  }

  // the plans on the city, for docs/benchmarks.md
  await withDb(cityUrl(), async (c) => {
    const grid = cityAccounts(communities).gridId;
    const sel = `h.id IN (SELECT sh.id FROM "Building" sb JOIN "Household" sh ON sh."buildingId" = sb.id WHERE sb."gridId" = '${grid}')`;
    const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
      SELECT h.id, (SELECT MAX(v."visitedAt") FROM "Visit" v WHERE v."householdId" = h.id AND v.completed = TRUE) last
      FROM "Household" h JOIN "Building" b ON b.id = h."buildingId" LEFT JOIN "VisitOverride" ov ON ov."householdId" = h.id
      WHERE ${sel} AND (EXISTS (SELECT 1 FROM "HouseholdTag" t WHERE t."householdId" = h.id) OR ov."intervalDays" IS NOT NULL)`);
    console.log('\nthe households statement on the city (EXPLAIN ANALYZE, abridged):');
    for (const r of plan.rows) console.log('  ' + r['QUERY PLAN']);
  });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
