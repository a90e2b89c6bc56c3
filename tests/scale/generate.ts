// The scale test's data: a city on PostgreSQL, generated set-based (INSERT …
// SELECT over generate_series, through `pg`) so it takes minutes, not hours; and
// the demo data on PostgreSQL for the comparison.
//
//   npx tsx tests/scale/generate.ts            # the city into ejia_scale (recreated)
//   npx tsx tests/scale/generate.ts demo       # the demo data into ejia_scale_demo (recreated)
//
// Environment: SCALE_ADMIN_URL (else TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres),
// SCALE_DB / SCALE_DEMO_DB (database names), SCALE_COMMUNITIES (default 100: 1,000
// households each; everything else scales with it).
//
// The city, per community: 10 grids × 5 buildings × 2 units × 5 floors × 2 flats =
// 1,000 households, 3 residents per household on average (1–5), 10 orders and 50
// points entries per household on average. With 100 communities: 100,000 households,
// 300,000 residents, 1,000,000 orders with their whole timelines (submit, dispatch,
// claim, resolve, feedback, 评单 or cancel, and the sweeper's escalations, as the
// services write them), 5,000,000 ledger entries with the redemptions behind them and
// every PointsAccount equal to its sum, the 就业台账 with some 零就业家庭.
//
// Accounts for the hot-query benchmark (POST /api/auth/dev-login {openid}), with the
// role rows the demo accounts have:
//   scale-resident-<h>        户主 of household h (1-based), unless h is a building head's home
//   scale-buildinghead-<b>    楼栋长 of building b, living in its 2单元 201
//   scale-gridworker-<g>      网格员 of grid g
//   scale-staff-<n>           社区干部: two per community (n = 2c-1, 2c)
//   scale-reviewer-<c>        党组织 reviewer of community c
//   scale-admin
//
// Loading goes fastest without indexes: the generator drops the indexes and keys the
// migrations made, loads, and builds them again from their own definitions, so the
// result is exactly the migrated schema (foreign keys validated), then VACUUM ANALYZE.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateDatabase } from '../../server/migrate.js';
import { CATEGORIES, COMMUNITIES, GIVEN_FEMALE, GIVEN_MALE, ORIGINS, SURNAMES, TAG_RATES } from '../../server/demoFacts.js';
import { DEMO_RULES } from '../../server/points/index.js';
import { DEMO_ITEMS } from '../../server/shop/index.js';
import { buildPostgresDemoDatabase } from '../support/template.js';
import { createDatabase, databaseUrl, dropDatabase, testPostgresUrl } from '../support/postgres.js';

export const adminUrl = () => process.env.SCALE_ADMIN_URL || testPostgresUrl();
export const CITY_DB = process.env.SCALE_DB || 'ejia_scale';
export const DEMO_DB = process.env.SCALE_DEMO_DB || 'ejia_scale_demo';

/** The shape of the city (per community; everything else follows from it). */
export const SHAPE = {
  gridsPerCommunity: 10,
  buildingsPerGrid: 5,
  householdsPerBuilding: 20, // 2 units × 5 floors × 2 flats
  ordersPerHousehold: 10,
  entriesPerHousehold: 50,
} as const;
const HPB = SHAPE.householdsPerBuilding;
const HPG = HPB * SHAPE.buildingsPerGrid;
const HPC = HPG * SHAPE.gridsPerCommunity;

/** Household number of the building head's home in building b: 2单元 201 (as in the demo). */
export const buildingHeadHome = (b: number) => (b - 1) * HPB + 13;
/** An openid of each role in the city (for the benchmark). */
export const cityAccounts = (communities: number) => {
  const c = Math.ceil(communities / 2); // a community from the middle
  const g = (c - 1) * SHAPE.gridsPerCommunity + 4;
  const b = (g - 1) * SHAPE.buildingsPerGrid + 2;
  return {
    resident: `scale-resident-${(b - 1) * HPB + 6}`, // 1单元 302, like demo-resident
    gridWorker: `scale-gridworker-${g}`,
    staff: `scale-staff-${2 * c - 1}`,
    gridId: gridId(g),
  };
};
export const gridId = (g: number) => sidJs('grd', g);
function sidJs(p: string, n: number) {
  return p + String(n).padStart(25 - p.length, '0');
}

type Log = (line: string) => void;

/** SQL for a well-formed (check digit) but fictitious ID number from its first 17 digits in column \`col\`. */
const idNumber = (col: string) =>
  `${col} || substr('10X98765432', 1 + (${[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].map((w, i) => `substr(${col}, ${i + 1}, 1)::int * ${w}`).join(' + ')}) % 11, 1)`;

/** Runs `sql`, logs how long it took and how many rows it wrote. */
async function step(c: pg.Client, log: Log, label: string, sql: string, params: unknown[] = []) {
  const t = performance.now();
  const r = await c.query(sql, params);
  log(`  ${label.padEnd(44)} ${String(r.rowCount ?? '').padStart(10)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
  return r;
}

const FUNCTIONS = `
CREATE FUNCTION pg_temp.sid(p text, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT p || lpad(n::text, 25 - length(p), '0') $$;
-- time-ordered like Prisma's cuid(): 'c', the creation time, a serial
CREATE FUNCTION pg_temp.tid(t timestamp, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT 'c' || lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || lpad(to_hex(n), 12, '0') $$;
-- a deterministic pseudo-random number in [0, 1) for (n, salt)
CREATE FUNCTION pg_temp.rnd(n bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT (hashint8(n * 1000003 + salt) & 2147483647)::float8 / 2147483648 $$;
CREATE FUNCTION pg_temp.pick(xs text[], r float8) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT xs[1 + floor(r * array_length(xs, 1))::int] $$;
`;

interface Definitions {
  fks: Array<{ tbl: string; name: string; def: string }>;
  pks: Array<{ tbl: string; name: string; def: string }>;
  indexes: Array<{ name: string; def: string }>;
}

async function definitions(c: pg.Client): Promise<Definitions> {
  const cons = (
    await c.query<{ tbl: string; name: string; def: string; contype: string }>(`
      SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def, contype
      FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND contype IN ('f', 'p') AND conrelid::regclass::text <> '_prisma_migrations'`)
  ).rows;
  const indexes = (
    await c.query<{ name: string; def: string }>(`
      SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace)`)
  ).rows;
  return { fks: cons.filter((x) => x.contype === 'f'), pks: cons.filter((x) => x.contype === 'p'), indexes };
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface CityResult {
  seconds: number;
  counts: Record<string, number>;
}

/** Generates the city into `url` (an empty, migrated database). */
export async function generateCity(url: string, communities = Number(process.env.SCALE_COMMUNITIES || 100), log: Log = console.log): Promise<CityResult> {
  const started = performance.now();
  const C = communities;
  const G = C * SHAPE.gridsPerCommunity;
  const B = G * SHAPE.buildingsPerGrid;
  const H = C * HPC;
  const O = H * SHAPE.ordersPerHousehold;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET TIME ZONE 'UTC'; SET synchronous_commit = off; SET jit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`);
    await c.query(FUNCTIONS);
    const now = (await c.query<{ now: string }>(`SELECT date_trunc('milliseconds', now() AT TIME ZONE 'UTC')::text AS now`)).rows[0]!.now;
    // the China-time year the employment rules count ages in
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    log(`generating ${C} communities, ${H.toLocaleString()} households, ${O.toLocaleString()} orders (now = ${now} UTC)`);

    const defs = await definitions(c);
    for (const f of defs.fks) await c.query(`ALTER TABLE ${f.tbl} DROP CONSTRAINT ${q(f.name)}`);
    for (const i of defs.indexes) await c.query(`DROP INDEX ${q(i.name)}`);
    for (const p of defs.pks) await c.query(`ALTER TABLE ${p.tbl} DROP CONSTRAINT ${q(p.name)}`);
    log(`  dropped ${defs.fks.length} foreign keys, ${defs.indexes.length} indexes, ${defs.pks.length} primary keys for the load`);

    const P = { now, C, G, B, H, O, HPB, HPG, HPC };
    const sub = (sql: string) => sql.replace(/:(now|C|G|B|H|O|HPB|HPG|HPC)\b/g, (_, k: keyof typeof P) => (k === 'now' ? `'${P.now}'::timestamp` : String(P[k])));
    const run = (label: string, sql: string, params: unknown[] = []) => step(c, log, label, sub(sql), params);

    // --- 社区 — 网格 — 楼栋 — 单元 — 户 -------------------------------------------
    await run('Community', `
      INSERT INTO "Community" (id, name, estate, district, "createdAt")
      SELECT pg_temp.sid('com', n), ($1::text[])[1 + (n - 1) % 20] || CASE WHEN n > 20 THEN ((n - 1) / 20 + 1)::text ELSE '' END || '社区',
             '城市安置区' || ((n - 1) / 10 + 1), '贵州省', :now - interval '4 years'
      FROM generate_series(1, :C) n`, [[...COMMUNITIES, '安康', '幸福', '和谐', '新民', '兴隆', '阳光', '锦绣', '同心', '向阳', '福安', '民乐', '康宁', '华兴', '新城', '永安', '龙泉', '金穗']]);
    await run('ServiceCategory', `
      INSERT INTO "ServiceCategory" (id, "communityId", code, name, icon, sort, "responseMinutes", "resolveMinutes", active)
      SELECT pg_temp.sid('cat', n * 100 + x.i), pg_temp.sid('com', n), x.code, x.name, x.icon, x.i - 1, x.respond, x.resolve, true
      FROM generate_series(1, :C) n, jsonb_to_recordset($1::jsonb) AS x(i int, code text, name text, icon text, respond int, resolve int)`,
      [JSON.stringify(CATEGORIES.map((k, i) => ({ ...k, i: i + 1 })))]);
    await run('Grid', `
      INSERT INTO "Grid" (id, "communityId", name)
      SELECT pg_temp.sid('grd', g), pg_temp.sid('com', (g - 1) / ${SHAPE.gridsPerCommunity} + 1), '第' || ((g - 1) % ${SHAPE.gridsPerCommunity} + 1) || '网格'
      FROM generate_series(1, :G) g`);
    await run('Building', `
      INSERT INTO "Building" (id, "communityId", "gridId", name, floors)
      SELECT pg_temp.sid('bld', b), pg_temp.sid('com', (b - 1) / ${HPC / HPB} + 1), pg_temp.sid('grd', (b - 1) / ${SHAPE.buildingsPerGrid} + 1),
             ((b - 1) % ${HPC / HPB} + 1) || '栋', 5
      FROM generate_series(1, :B) b`);
    await run('Unit', `
      INSERT INTO "Unit" (id, "communityId", "buildingId", name)
      SELECT pg_temp.sid('unt', u), pg_temp.sid('com', (u - 1) / ${HPC / 10} + 1), pg_temp.sid('bld', (u - 1) / 2 + 1), ((u - 1) % 2 + 1) || '单元'
      FROM generate_series(1, :B * 2) u`);
    await run('Household', `
      INSERT INTO "Household" (id, "communityId", "buildingId", "unitId", room, "originPlace", "groundFloor", "createdAt")
      SELECT pg_temp.sid('hh', h), pg_temp.sid('com', (h - 1) / :HPC + 1), pg_temp.sid('bld', (h - 1) / :HPB + 1), pg_temp.sid('unt', (h - 1) / 10 + 1),
             ((h - 1) % 10 / 2 + 1) || '0' || ((h - 1) % 2 + 1), pg_temp.pick($1::text[], pg_temp.rnd(h, 1)), (h - 1) % 10 / 2 = 0,
             :now - interval '4 years'
      FROM generate_series(1, :H) h`, [ORIGINS]);
    // 七彩 tags at the demo's rates; the ground floor went to families with limited mobility
    await run('HouseholdTag', `
      INSERT INTO "HouseholdTag" (id, "communityId", "householdId", kind, "createdAt")
      SELECT pg_temp.sid('tag', h * 10 + t.i), pg_temp.sid('com', (h - 1) / :HPC + 1), pg_temp.sid('hh', h), t.kind::"HouseholdTagKind", :now - interval '4 years'
      FROM generate_series(1, :H) h, jsonb_to_recordset($1::jsonb) AS t(i int, kind text, rate float8)
      WHERE pg_temp.rnd(h, 10 + t.i) < t.rate OR (t.kind = 'DISABLED' AND (h - 1) % 10 / 2 = 0)`,
      [JSON.stringify(TAG_RATES.map(([kind, rate], i) => ({ i: i + 1, kind, rate })))]);

    // --- residents: 1–5 per household (3 on average), the 户主 first ---------------
    // size(h) = 1 + (7h mod 5): every five consecutive households hold 15 people
    await run('Resident', `
      INSERT INTO "Resident" (id, "communityId", "householdId", name, relation, gender, "birthYear", "idNumber", phone, "createdAt")
      SELECT pg_temp.sid('res', h * 8 + k), pg_temp.sid('com', (h - 1) / :HPC + 1), pg_temp.sid('hh', h),
             CASE WHEN k = 2 THEN pg_temp.pick($1::text[], pg_temp.rnd(h, 21)) ELSE pg_temp.pick($1::text[], pg_temp.rnd(h, 20)) END
               || CASE WHEN female THEN pg_temp.pick($3::text[], pg_temp.rnd(h * 8 + k, 22)) ELSE pg_temp.pick($2::text[], pg_temp.rnd(h * 8 + k, 22)) END,
             CASE k WHEN 1 THEN '户主' WHEN 2 THEN '配偶' ELSE '子女' END,
             CASE WHEN female THEN '女' ELSE '男' END, born,
             ${idNumber('id17')},
             CASE WHEN born < 2008 THEN '1' || pg_temp.pick(ARRAY['38','39','58','87','51'], pg_temp.rnd(h * 8 + k, 26))
               || lpad(floor(pg_temp.rnd(h * 8 + k, 27) * 100000000)::text, 8, '0') END,
             :now - interval '4 years'
      FROM (SELECT r0.*, '520524' || born || lpad((1 + floor(pg_temp.rnd(h * 8 + k, 23) * 12))::text, 2, '0')
               || lpad((1 + floor(pg_temp.rnd(h * 8 + k, 24) * 28))::text, 2, '0')
               || lpad((floor(pg_temp.rnd(h * 8 + k, 25) * 50) * 2 + CASE WHEN female THEN 0 ELSE 1 END)::text, 3, '0') AS id17
      FROM (
        SELECT h, k,
               CASE WHEN k = 2 THEN NOT head_female WHEN k = 1 THEN head_female ELSE pg_temp.rnd(h * 8 + k, 28) < 0.5 END AS female,
               CASE WHEN k = 1 THEN head_born WHEN k = 2 THEN head_born + floor(pg_temp.rnd(h, 29) * 7)::int - 3
                    ELSE least(head_born + 20 + floor(pg_temp.rnd(h * 8 + k, 30) * 11)::int, 2022) END AS born
        FROM (SELECT h, 1948 + floor(pg_temp.rnd(h, 31) * 43)::int AS head_born, pg_temp.rnd(h, 32) < 0.35 AS head_female,
                     1 + (h * 7) % 5 AS size
              FROM generate_series(1, :H) h) hh, generate_series(1, hh.size) k
      ) r0 OFFSET 0) r`, [SURNAMES, GIVEN_MALE, GIVEN_FEMALE]);

    // --- accounts and roles, as the demo has them ----------------------------------
    // households: the 户主's account; a building head's home: the building head's account
    await run('User', `
      INSERT INTO "User" (id, "displayName", "residentId", "createdAt")
      SELECT CASE WHEN (h - 1) % :HPB = 12 THEN pg_temp.sid('ubh', (h - 1) / :HPB + 1) ELSE pg_temp.sid('usr', h) END,
             r.name, r.id, :now - interval '3 years'
      FROM generate_series(1, :H) h JOIN "Resident" r ON r.id = pg_temp.sid('res', h * 8 + 1)
      UNION ALL SELECT pg_temp.sid('ugw', g), '网格员' || g, NULL, :now - interval '3 years' FROM generate_series(1, :G) g
      UNION ALL SELECT pg_temp.sid('ust', n), '社区干部' || n, NULL, :now - interval '3 years' FROM generate_series(1, :C * 2) n
      UNION ALL SELECT pg_temp.sid('urv', n), '党组织' || n, NULL, :now - interval '3 years' FROM generate_series(1, :C) n
      UNION ALL SELECT 'uadmin', '平台管理员', NULL, :now - interval '3 years'`);
    await run('WechatIdentity', `
      INSERT INTO "WechatIdentity" (id, "userId", openid, "createdAt")
      SELECT pg_temp.sid('wx', row_number() OVER ()), u, o, :now - interval '3 years' FROM (
        SELECT pg_temp.sid('usr', h) u, 'scale-resident-' || h o FROM generate_series(1, :H) h WHERE (h - 1) % :HPB <> 12
        UNION ALL SELECT pg_temp.sid('ubh', b), 'scale-buildinghead-' || b FROM generate_series(1, :B) b
        UNION ALL SELECT pg_temp.sid('ugw', g), 'scale-gridworker-' || g FROM generate_series(1, :G) g
        UNION ALL SELECT pg_temp.sid('ust', n), 'scale-staff-' || n FROM generate_series(1, :C * 2) n
        UNION ALL SELECT pg_temp.sid('urv', n), 'scale-reviewer-' || n FROM generate_series(1, :C) n
        UNION ALL SELECT 'uadmin', 'scale-admin') x`);
    // everyone signed in within the last month (the sign-in check reads this table on every request)
    await run('Session', `
      INSERT INTO "Session" (id, "userId", "tokenHash", "createdAt", "expiresAt", "revokedAt")
      SELECT pg_temp.sid('ses', n), "userId", 'scale:' || md5('session-' || n), at, at + interval '720 hours',
             CASE WHEN pg_temp.rnd(n, 70) < 0.1 THEN at + interval '1 day' END
      FROM (SELECT row_number() OVER (ORDER BY id) AS n, "userId" FROM "WechatIdentity") w,
           LATERAL (SELECT :now - pg_temp.rnd(w.n, 71) * interval '30 days' AS at) t`);
    await run('UserRole', `
      INSERT INTO "UserRole" (id, "userId", role, "communityId", "gridId", "buildingId", "createdAt")
      SELECT pg_temp.sid('rol', row_number() OVER ()), u, r::"Role", com, grd, bld, :now - interval '3 years' FROM (
        SELECT pg_temp.sid('ugw', g) u, 'GRID_WORKER' r, pg_temp.sid('com', (g - 1) / ${SHAPE.gridsPerCommunity} + 1) com, pg_temp.sid('grd', g) grd, NULL bld
          FROM generate_series(1, :G) g
        UNION ALL SELECT pg_temp.sid('ubh', b), 'BUILDING_HEAD', pg_temp.sid('com', (b - 1) / ${HPC / HPB} + 1), NULL, pg_temp.sid('bld', b)
          FROM generate_series(1, :B) b
        UNION ALL SELECT pg_temp.sid('ust', n), 'STAFF', pg_temp.sid('com', (n - 1) / 2 + 1), NULL, NULL FROM generate_series(1, :C * 2) n
        UNION ALL SELECT pg_temp.sid('urv', n), 'REVIEWER', pg_temp.sid('com', n), NULL, NULL FROM generate_series(1, :C) n
        UNION ALL SELECT 'uadmin', 'ADMIN', NULL, NULL, NULL) x`);

    // --- orders: two years of them, with the timeline the services write ------------
    // Older than two weeks: nearly all closed or cancelled (a few stale ones still open,
    // the overdue list); the last two weeks: every state. Each step's time follows the
    // one before within the order's age; the sweeper escalates every missed deadline.
    await run('(work table) orders', `
      CREATE UNLOGGED TABLE scale_o AS
      SELECT o.*,
        pg_temp.tid(created, o.o) AS id,
        CASE WHEN behalf OR (h - 1) % :HPB = 12 THEN pg_temp.sid('ubh', b) ELSE pg_temp.sid('usr', h) END AS filer,
        CASE WHEN behalf THEN (h - 1) % :HPB <> 12 OR k <> 1 ELSE k <> 1 END AS on_behalf,
        pg_temp.sid('ugw', g) AS gw, pg_temp.sid('ust', c * 2 - 1) AS staff, pg_temp.sid('urv', c) AS reviewer,
        st <> 'submitted' AND NOT (st = 'cancelled' AND NOT cancel_late) AS dispatched,
        CASE WHEN st = 'reopened' THEN created + d_dispatch + d_claim + d_resolve + d_feedback END AS t_reopen,
        CASE WHEN emergency THEN 10 ELSE respond END AS resp_min,
        greatest(CASE WHEN emergency THEN least(resolve, 240) ELSE resolve END, CASE WHEN emergency THEN 10 ELSE respond END) AS resol_min,
        created + d_dispatch AS t_dispatch,
        created + d_dispatch + d_claim AS t_claim,
        created + d_dispatch + d_claim + d_resolve AS t_resolve,
        created + d_dispatch + d_claim + d_resolve + d_feedback AS t_feedback,
        created + d_dispatch + d_claim + d_resolve + d_feedback + d_close AS t_close,
        created + CASE WHEN cancel_late THEN d_dispatch * 2 ELSE d_dispatch / 2 END AS t_cancel
      FROM (
        SELECT o, h, (h - 1) / :HPC + 1 AS c, (h - 1) / :HPG + 1 AS g, (h - 1) / :HPB + 1 AS b, ci, emergency, st,
          k, behalf, cancel_late, respond, resolve,
          :now - age AS created,
          CASE WHEN st IN ('closed', 'resolved') THEN pg_temp.rnd(o, 14) < CASE WHEN st = 'closed' THEN 0.7 ELSE 0.4 END
               ELSE st = 'reopened' END AS feedback,
          least(age * 0.1, CASE WHEN emergency THEN interval '2 minutes' + pg_temp.rnd(o, 8) * interval '10 minutes'
                                 ELSE interval '5 minutes' + pg_temp.rnd(o, 8) * interval '55 minutes' END) AS d_dispatch,
          least(age * 0.1, CASE WHEN emergency THEN interval '1 minute' + pg_temp.rnd(o, 9) * interval '10 minutes'
                                 ELSE interval '5 minutes' + pg_temp.rnd(o, 9) * interval '85 minutes' END) AS d_claim,
          least(age * 0.3, interval '30 minutes' + pg_temp.rnd(o, 10) * interval '2850 minutes') AS d_resolve,
          least(age * 0.2, interval '1 hour' + pg_temp.rnd(o, 11) * interval '71 hours') AS d_feedback,
          least(age * 0.2, interval '1 hour' + pg_temp.rnd(o, 12) * interval '119 hours') AS d_close
        FROM (
          SELECT o, h, ci, emergency, age, r5, behalf, cancel_late,
            1 + floor(pg_temp.rnd(o, 7) * (1 + (h * 7) % 5))::int AS k,
            CASE WHEN age > interval '14 days' THEN
                   CASE WHEN r5 < 0.92 THEN 'closed' WHEN r5 < 0.985 THEN 'cancelled' WHEN r5 < 0.988 THEN 'resolved'
                        WHEN r5 < 0.990 THEN 'accepted' WHEN r5 < 0.991 THEN 'dispatched' ELSE 'closed' END
                 ELSE
                   CASE WHEN r5 < 0.06 THEN 'submitted' WHEN r5 < 0.16 THEN 'dispatched' WHEN r5 < 0.30 THEN 'accepted'
                        WHEN r5 < 0.50 THEN 'resolved' WHEN r5 < 0.53 THEN 'reopened' WHEN r5 < 0.92 THEN 'closed' ELSE 'cancelled' END
            END::"OrderStatus" AS st
          FROM (
            SELECT o, 1 + floor(pg_temp.rnd(o, 1) * :H)::int AS h,
              1 + floor(pg_temp.rnd(o, 3) * 12)::int AS ci,
              pg_temp.rnd(o, 4) < 0.02 AS emergency,
              -- two years, a little busier lately
              interval '730 days' * (1 - sqrt(pg_temp.rnd(o, 2))) + interval '1 minute' AS age,
              pg_temp.rnd(o, 5) AS r5,
              pg_temp.rnd(o, 6) < 0.08 AS behalf,
              pg_temp.rnd(o, 13) < 0.5 AS cancel_late
            FROM generate_series(1, :O) o
          ) a
        ) b JOIN jsonb_to_recordset($1::jsonb) AS cat(i int, respond int, resolve int) ON cat.i = b.ci
      ) o`, [JSON.stringify(CATEGORIES.map((k, i) => ({ i: i + 1, respond: k.respond, resolve: k.resolve })))]);
    const descriptions = ['家里水管接头漏水，麻烦来看一下。', '楼道灯不亮，晚上上下楼看不见。', '楼上邻居晚上很晚还在敲打，希望协调。', '孩子入学的材料不知道怎么准备。', '想问一下医保怎么续交。', '楼道堆了垃圾，几天没人清理。', '老人一个人在家，腿脚不便，想请人帮忙。', '想找一份离家近的工作。'];
    await run('Order', `
      INSERT INTO "Order" (id, "communityId", "gridId", "buildingId", "householdId", "residentId", "filedById", "filedOnBehalf", "categoryId",
        title, description, urgency, status, "suggestedAssigneeId", "assigneeId", "responseDueAt", "resolveDueAt",
        "dispatchedAt", "claimedAt", "resolvedAt", "closedAt", satisfied, rating, "reopenCount", "createdAt", "updatedAt")
      SELECT o.id, pg_temp.sid('com', c), pg_temp.sid('grd', g), pg_temp.sid('bld', b), pg_temp.sid('hh', h), pg_temp.sid('res', h * 8 + k),
        filer, on_behalf, pg_temp.sid('cat', c * 100 + ci),
        cat.name || '：' || left(d.text, 20), d.text,
        CASE WHEN emergency THEN 'emergency' ELSE 'normal' END::"Urgency", st, gw,
        CASE WHEN dispatched THEN gw END,
        coalesce(t_reopen, created) + resp_min * interval '1 minute', coalesce(t_reopen, created) + resol_min * interval '1 minute',
        CASE WHEN dispatched THEN t_dispatch END,
        CASE WHEN st IN ('accepted', 'resolved', 'closed') THEN t_claim END,
        CASE WHEN st IN ('resolved', 'reopened', 'closed') THEN t_resolve END,
        CASE WHEN st = 'closed' THEN t_close WHEN st = 'cancelled' THEN t_cancel END,
        CASE WHEN feedback THEN st <> 'reopened' END,
        CASE WHEN feedback THEN CASE WHEN st = 'reopened' THEN 2 ELSE 4 + (o % 2)::int END END,
        CASE WHEN st = 'reopened' THEN 1 ELSE 0 END,
        created,
        CASE st WHEN 'submitted' THEN created WHEN 'dispatched' THEN t_dispatch WHEN 'accepted' THEN t_claim
                WHEN 'resolved' THEN CASE WHEN feedback THEN t_feedback ELSE t_resolve END
                WHEN 'reopened' THEN t_feedback WHEN 'closed' THEN t_close ELSE t_cancel END
      FROM scale_o o
      JOIN jsonb_to_recordset($1::jsonb) AS cat(i int, name text) ON cat.i = o.ci
      JOIN unnest($2::text[]) WITH ORDINALITY AS d(text, i) ON d.i = 1 + (o.o % ${descriptions.length})`,
      [JSON.stringify(CATEGORIES.map((k, i) => ({ i: i + 1, name: k.name }))), descriptions]);
    await run('OrderEvent (the timelines)', `
      INSERT INTO "OrderEvent" (id, "communityId", "orderId", "actorId", action, "fromStatus", "toStatus", note, rating, satisfied, "assigneeId", "createdAt")
      SELECT pg_temp.tid(e.at, o.o * 16 + e.seq), pg_temp.sid('com', o.c), o.id, e.actor, e.action::"OrderAction", e.from_s::"OrderStatus", e.to_s::"OrderStatus",
             e.note, e.rating, e.satisfied, e.assignee, e.at
      FROM scale_o o, LATERAL (VALUES
        (1, true, 'submit', NULL, 'submitted', o.filer, o.created, NULL, NULL::int, NULL::boolean, NULL),
        (2, o.dispatched, 'dispatch', 'submitted', 'dispatched', o.staff, o.t_dispatch, NULL, NULL, NULL, o.gw),
        (3, o.st IN ('accepted', 'resolved', 'reopened', 'closed'), 'claim', 'dispatched', 'accepted', o.gw, o.t_claim, NULL, NULL, NULL, NULL),
        (4, o.st IN ('resolved', 'reopened', 'closed'), 'resolve', 'accepted', 'resolved', o.gw, o.t_resolve, '已上门处理完毕。', NULL, NULL, NULL),
        (5, o.feedback, 'feedback', 'resolved', CASE WHEN o.st = 'reopened' THEN 'reopened' ELSE 'resolved' END, o.filer, o.t_feedback,
            NULL, CASE WHEN o.st = 'reopened' THEN 2 ELSE 4 + (o.o % 2)::int END, o.st <> 'reopened', NULL),
        (6, o.st = 'closed', 'review_pass', 'resolved', 'closed', o.reviewer, o.t_close, '处置及时，群众满意。', NULL, NULL, NULL),
        (7, o.st = 'cancelled', 'cancel', CASE WHEN o.dispatched THEN 'dispatched' ELSE 'submitted' END, 'cancelled', o.filer, o.t_cancel, NULL, NULL, NULL, NULL)
      ) AS e(seq, included, action, from_s, to_s, actor, at, note, rating, satisfied, assignee)
      WHERE e.included`);
    // the sweeper: one escalation per missed deadline (raised within its minute), on the timeline too
    await run('(work table) escalations', `
      CREATE UNLOGGED TABLE scale_esc AS
      SELECT o.o, o.c, o.id, x.stage, x.due, x.due + pg_temp.rnd(o.o, 40 + x.n) * interval '59 seconds' AS raised, x.status, x.n
      FROM scale_o o, LATERAL (VALUES
        -- not claimed in time (while it waited: submitted or dispatched)
        (1, 'response', coalesce(o.t_reopen, o.created) + o.resp_min * interval '1 minute',
            CASE WHEN o.t_reopen IS NOT NULL THEN 'reopened' WHEN o.dispatched AND o.t_dispatch <= coalesce(o.t_reopen, o.created) + o.resp_min * interval '1 minute' THEN 'dispatched' ELSE 'submitted' END,
            CASE WHEN o.st IN ('accepted', 'resolved', 'closed') THEN o.t_claim
                 WHEN o.st = 'cancelled' THEN o.t_cancel ELSE :now END),
        -- not resolved in time
        (2, 'resolution', coalesce(o.t_reopen, o.created) + o.resol_min * interval '1 minute',
            CASE WHEN o.t_reopen IS NOT NULL THEN 'reopened' WHEN o.st IN ('accepted', 'resolved', 'closed') AND o.t_claim <= coalesce(o.t_reopen, o.created) + o.resol_min * interval '1 minute' THEN 'accepted'
                 WHEN o.dispatched AND o.t_dispatch <= coalesce(o.t_reopen, o.created) + o.resol_min * interval '1 minute' THEN 'dispatched' ELSE 'submitted' END,
            CASE WHEN o.st IN ('resolved', 'closed') THEN o.t_resolve WHEN o.st = 'cancelled' THEN o.t_cancel ELSE :now END)
      ) AS x(n, stage, due, status, until)
      WHERE x.due < x.until AND x.due + interval '1 minute' < :now`);
    await run('Escalation', `
      INSERT INTO "Escalation" (id, "communityId", "orderId", stage, "dueAt", "raisedAt")
      SELECT pg_temp.tid(raised, o * 8 + n), pg_temp.sid('com', c), id, stage::"EscalationStage", due, raised FROM scale_esc`);
    await run('OrderEvent (escalations)', `
      INSERT INTO "OrderEvent" (id, "communityId", "orderId", "actorId", action, "fromStatus", "toStatus", note, "createdAt")
      SELECT pg_temp.tid(raised, o * 16 + 8 + n), pg_temp.sid('com', c), id, NULL, 'escalate', status::"OrderStatus", status::"OrderStatus",
             CASE WHEN stage = 'response' THEN '超时未接单，已上报社区' ELSE '超时未办结，已上报社区' END, raised
      FROM scale_esc`);

    // --- 积分超市: rules, the shelf, 5 million ledger entries --------------------------
    await run('PointsRule', `
      INSERT INTO "PointsRule" (id, "communityId", code, name, points, "monthlyCap", active, "createdAt")
      SELECT pg_temp.sid('rule', n * 10 + r.i), pg_temp.sid('com', n), r.code, r.name, r.points, r."monthlyCap", true, :now - interval '3 years'
      FROM generate_series(1, :C) n, jsonb_to_recordset($1::jsonb) AS r(i int, code text, name text, points int, "monthlyCap" int)`,
      [JSON.stringify(DEMO_RULES.map((r, i) => ({ ...r, i: i + 1 })))]);
    // what a household can afford every few entries: the cheap goods
    const cheap = DEMO_ITEMS.map((it, i) => ({ i: i + 1, name: it.name, price: it.pointsPrice })).filter((it) => it.price <= 20);
    // Entries per household: 50 ± up to 30, in pairs that sum to 100. A redemption only
    // ever comes at every fifth entry, after four credits of at least 5 points, and costs
    // at most 20: no balance is ever below zero. A cancelled one is refunded by the next entry.
    await run('(work table) ledger', `
      CREATE UNLOGGED TABLE scale_pe AS
      SELECT h, j, n, (h - 1) / :HPC + 1 AS c, kind, rule_i, item_i, price, r_status,
        :now - interval '730 days' * (1 - (j - 0.9 + pg_temp.rnd(h * 100 + j, 50) * 0.8) / n) AS at,
        -- when a cancelled redemption was refunded: the next entry's time
        CASE WHEN r_status = 'cancelled' THEN :now - interval '730 days' * (1 - (j + 1 - 0.9 + pg_temp.rnd(h * 100 + j + 1, 50) * 0.8) / n) END AS at_refund
      FROM (
        SELECT h, j, n,
          CASE WHEN redeem THEN 'redeem' WHEN prev_cancelled THEN 'refund' WHEN pg_temp.rnd(h * 100 + j, 51) < 0.01 THEN 'adjust' ELSE 'earn' END AS kind,
          1 + floor(pg_temp.rnd(h * 100 + j, 52) * ${DEMO_RULES.length - 1})::int AS rule_i,
          CASE WHEN redeem THEN item_i WHEN prev_cancelled THEN prev_item END AS item_i,
          CASE WHEN redeem THEN price WHEN prev_cancelled THEN prev_price END AS price,
          CASE WHEN redeem THEN CASE WHEN cancelled THEN 'cancelled' ELSE 'handed_over' END END AS r_status
        FROM (
          SELECT h, j, n,
            j % 5 = 0 AND pg_temp.rnd(h * 100 + j, 53) < 0.5 AS redeem,
            pg_temp.rnd(h * 100 + j, 54) < 0.1 AND j < n AS cancelled,
            j % 5 = 1 AND j > 1 AND pg_temp.rnd(h * 100 + j - 1, 53) < 0.5 AND pg_temp.rnd(h * 100 + j - 1, 54) < 0.1 AS prev_cancelled,
            it.i AS item_i, it.price, pit.i AS prev_item, pit.price AS prev_price
          FROM (SELECT h, ${SHAPE.entriesPerHousehold} + CASE WHEN h % 2 = 1 THEN 1 ELSE -1 END * floor(pg_temp.rnd(h - 1 + h % 2, 55) * 31)::int AS n
                FROM generate_series(1, :H) h) hh
          CROSS JOIN LATERAL generate_series(1, hh.n) j
          JOIN jsonb_to_recordset($1::jsonb) AS it(k int, i int, price int) ON it.k = floor(pg_temp.rnd(h * 100 + j, 56) * ${cheap.length})::int
          JOIN jsonb_to_recordset($1::jsonb) AS pit(k int, i int, price int) ON pit.k = floor(pg_temp.rnd(h * 100 + j - 1, 56) * ${cheap.length})::int
        ) x
      ) y`, [JSON.stringify(cheap.map((it, k) => ({ k, i: it.i, price: it.price })))]);
    // the last month's pickups are partly still waiting at the shop
    await run('(work table) ledger: pickups waiting', `
      UPDATE scale_pe SET r_status = 'reserved' WHERE kind = 'redeem' AND r_status = 'handed_over' AND at > :now - interval '30 days' AND pg_temp.rnd(h * 100 + j, 57) < 0.5`);
    await run('ShopItem', `
      INSERT INTO "ShopItem" (id, "communityId", name, description, icon, "pointsPrice", stock, "stockAdded", "limitPerHousehold", "limitPeriod", "onShelf", "createdAt", "updatedAt")
      SELECT pg_temp.sid('item', n * 10 + it.i), pg_temp.sid('com', n), it.name, '', it.icon, it."pointsPrice", it.stock,
             it.stock + coalesce(s.taken, 0),
             it."limitPerHousehold", it."limitPeriod"::"LimitPeriod", true, :now - interval '3 years', :now
      FROM generate_series(1, :C) n
      CROSS JOIN jsonb_to_recordset($1::jsonb) AS it(i int, name text, icon text, "pointsPrice" int, stock int, "limitPerHousehold" int, "limitPeriod" text)
      LEFT JOIN (SELECT c, item_i, count(*) AS taken FROM scale_pe WHERE kind = 'redeem' AND r_status <> 'cancelled' GROUP BY 1, 2) s
        ON s.c = n AND s.item_i = it.i`,
      [JSON.stringify(DEMO_ITEMS.map((it, i) => ({ ...it, i: i + 1 })))]);
    await run('Redemption', `
      INSERT INTO "Redemption" (id, "communityId", "householdId", "itemId", quantity, points, status, "pickupCode", "createdById", "createdAt",
        "handedOverAt", "handedOverById", "cancelledAt", "cancelledById")
      SELECT pg_temp.sid('rdm', h * 100 + j), pg_temp.sid('com', c), pg_temp.sid('hh', h), pg_temp.sid('item', c * 10 + item_i), 1, price,
             r_status::"RedemptionStatus", lpad((((h - 1) % :HPC) * 100 + j)::text, 6, '0'),
             CASE WHEN (h - 1) % :HPB = 12 THEN pg_temp.sid('ubh', (h - 1) / :HPB + 1) ELSE pg_temp.sid('usr', h) END, at,
             CASE WHEN r_status = 'handed_over' THEN least(at + interval '1 day', :now) END, CASE WHEN r_status = 'handed_over' THEN pg_temp.sid('ust', c * 2 - 1) END,
             at_refund, CASE WHEN r_status = 'cancelled' THEN pg_temp.sid('ust', c * 2 - 1) END
      FROM scale_pe WHERE kind = 'redeem'`);
    await run('PointsEntry', `
      INSERT INTO "PointsEntry" (id, "communityId", "householdId", "residentId", kind, amount, reason, "ruleId", "redemptionId", "grantedById", reference, "createdAt")
      SELECT pg_temp.tid(p.at, p.h * 100 + p.j), pg_temp.sid('com', p.c), pg_temp.sid('hh', p.h),
             CASE WHEN p.kind = 'earn' THEN pg_temp.sid('res', p.h * 8 + 1) END,
             p.kind::"PointsEntryKind",
             CASE p.kind WHEN 'earn' THEN r.points WHEN 'redeem' THEN -p.price WHEN 'refund' THEN p.price ELSE 5 END,
             CASE p.kind WHEN 'earn' THEN r.name WHEN 'redeem' THEN '兑换 ' || it.name || ' ×1' WHEN 'refund' THEN '取消兑换 ' || it.name || ' ×1' ELSE '更正：补录积分' END,
             CASE WHEN p.kind = 'earn' THEN pg_temp.sid('rule', p.c * 10 + p.rule_i) END,
             CASE WHEN p.kind = 'redeem' THEN pg_temp.sid('rdm', p.h * 100 + p.j) WHEN p.kind = 'refund' THEN pg_temp.sid('rdm', p.h * 100 + p.j - 1) END,
             CASE WHEN p.kind IN ('earn', 'adjust') THEN pg_temp.sid('ust', p.c * 2 - 1) END,
             CASE p.kind WHEN 'earn' THEN 'award:scale-' || p.h || '-' || p.j || ':' || pg_temp.sid('hh', p.h)
                         WHEN 'redeem' THEN 'redeem:' || pg_temp.sid('rdm', p.h * 100 + p.j)
                         WHEN 'refund' THEN 'refund:' || pg_temp.sid('rdm', p.h * 100 + p.j - 1)
                         ELSE 'adjust:scale-' || p.h || '-' || p.j END,
             p.at
      FROM scale_pe p
      JOIN jsonb_to_recordset($1::jsonb) AS r(i int, name text, points int) ON r.i = p.rule_i
      LEFT JOIN jsonb_to_recordset($2::jsonb) AS it(i int, name text) ON it.i = p.item_i`,
      [JSON.stringify(DEMO_RULES.map((r, i) => ({ i: i + 1, name: r.name, points: r.points }))), JSON.stringify(DEMO_ITEMS.map((it, i) => ({ i: i + 1, name: it.name })))]);
    await run('PointsAccount (= the sum of the entries)', `
      INSERT INTO "PointsAccount" ("householdId", "communityId", balance, "updatedAt")
      SELECT "householdId", min("communityId"), sum(amount), max("createdAt") FROM "PointsEntry" GROUP BY "householdId"`);

    // --- 就业台账: working-age people; some households with nobody in work -------------
    // 6% of households: everyone seeking or unable (零就业家庭); elsewhere 75% in work, 5%
    // never recorded; 15% have an older record that is no longer current.
    const employers: Array<[string, string]> = [
      ['employed_local', '清达服装有限公司'], ['employed_local', '织金县电子元件加工车间'], ['employed_local', '贵州花仙子蜡染刺绣公司'],
      ['employed_outbound', '广东东莞电子厂'], ['employed_outbound', '浙江宁波建筑工地'], ['employed_outbound', '广州花都区服装厂'],
      ['public_welfare', '社区保洁'], ['self_employed', '扶贫微创园便民超市'],
    ];
    await run('EmploymentRecord', `
      INSERT INTO "EmploymentRecord" (id, "communityId", "householdId", "residentId", status, employer, since, trades, note, current, source, "recordedById", "createdAt")
      SELECT pg_temp.sid('emp', (x.h * 8 + x.k) * 2 + v.v), pg_temp.sid('com', (x.h - 1) / :HPC + 1), pg_temp.sid('hh', x.h), pg_temp.sid('res', x.h * 8 + x.k),
             CASE WHEN v.v = 0 THEN 'seeking' ELSE x.status END::"EmploymentStatus",
             CASE WHEN v.v = 1 THEN x.employer END,
             CASE WHEN v.v = 1 AND x.employer IS NOT NULL THEN :now - (1 + floor(pg_temp.rnd(x.h * 8 + x.k, 65) * 30)) * interval '30 days' END,
             CASE WHEN x.status = 'seeking' OR v.v = 0 THEN '["welding"]' ELSE '[]' END, NULL, v.v = 1, 'import', pg_temp.sid('ugw', (x.h - 1) / :HPG + 1),
             :now - CASE WHEN v.v = 0 THEN interval '400 days' ELSE interval '20 days' END
      FROM (
        SELECT r.h, r.k,
          CASE WHEN zero THEN CASE WHEN roll < 0.7 THEN 'seeking' ELSE 'unable' END
               WHEN roll < 0.80 THEN e.status WHEN roll < 0.93 THEN 'seeking' ELSE 'unable' END AS status,
          CASE WHEN NOT zero AND roll >= 0.05 AND roll < 0.80 THEN e.employer END AS employer,
          zero OR roll >= 0.05 AS recorded
        FROM (SELECT substr(id, 4)::bigint / 8 AS h, substr(id, 4)::bigint % 8 AS k, "birthYear" AS born FROM "Resident") r
        CROSS JOIN LATERAL (SELECT pg_temp.rnd(r.h, 60) < 0.06 AS zero, pg_temp.rnd(r.h * 8 + r.k, 61) AS roll) z
        JOIN jsonb_to_recordset($1::jsonb) AS e(i int, status text, employer text) ON e.i = floor(pg_temp.rnd(r.h * 8 + r.k, 62) * ${employers.length})::int
        WHERE ${year} - r.born BETWEEN 16 AND 60
      ) x
      CROSS JOIN LATERAL (VALUES (0), (1)) AS v(v)
      WHERE x.recorded AND (v.v = 1 OR pg_temp.rnd(x.h * 8 + x.k, 63) < 0.15)`,
      [JSON.stringify(employers.map(([status, employer], i) => ({ i, status, employer })))]);

    await run('(drop work tables)', `DROP TABLE scale_o, scale_esc, scale_pe`);

    // --- keys and indexes back, exactly as the migrations define them ----------------
    let t = performance.now();
    for (const p of defs.pks) await c.query(`ALTER TABLE ${p.tbl} ADD CONSTRAINT ${q(p.name)} ${p.def}`);
    log(`  primary keys (${defs.pks.length})`.padEnd(58) + `${((performance.now() - t) / 1000).toFixed(1).padStart(15)} s`);
    t = performance.now();
    for (const i of defs.indexes) await c.query(i.def);
    log(`  indexes (${defs.indexes.length})`.padEnd(58) + `${((performance.now() - t) / 1000).toFixed(1).padStart(15)} s`);
    t = performance.now();
    for (const f of defs.fks) await c.query(`ALTER TABLE ${f.tbl} ADD CONSTRAINT ${q(f.name)} ${f.def}`);
    log(`  foreign keys, validated (${defs.fks.length})`.padEnd(58) + `${((performance.now() - t) / 1000).toFixed(1).padStart(15)} s`);
    t = performance.now();
    await c.query('VACUUM (ANALYZE)');
    log(`  VACUUM ANALYZE`.padEnd(58) + `${((performance.now() - t) / 1000).toFixed(1).padStart(15)} s`);

    const counts = await countRows(c);
    const check = (
      await c.query<{ bad: string; negative: string }>(`
        SELECT (SELECT count(*) FROM "PointsAccount" a JOIN (SELECT "householdId", sum(amount) AS s FROM "PointsEntry" GROUP BY 1) e USING ("householdId")
                WHERE a.balance <> e.s) AS bad,
               (SELECT count(*) FROM "PointsAccount" WHERE balance < 0) AS negative`)
    ).rows[0]!;
    if (Number(check.bad) || Number(check.negative)) throw new Error(`points invariant broken: ${check.bad} balances differ from their sums, ${check.negative} negative`);
    return { seconds: (performance.now() - started) / 1000, counts };
  } finally {
    await c.end();
  }
}

export const COUNTED = [
  'Community', 'Grid', 'Building', 'Unit', 'Household', 'HouseholdTag', 'Resident', 'User', 'WechatIdentity', 'UserRole', 'ServiceCategory',
  'Session', 'Order', 'OrderEvent', 'Escalation', 'PointsRule', 'ShopItem', 'Redemption', 'PointsEntry', 'PointsAccount', 'EmploymentRecord',
];

export async function countRows(c: pg.Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of COUNTED) out[t] = Number((await c.query(`SELECT count(*) AS n FROM ${q(t)}`)).rows[0].n);
  // 零就业家庭 as server/jobs/ledger.ts counts them: working-age labour (16–60, not unable), nobody in work
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const zero = await c.query(`
    SELECT count(*) AS n FROM (
      SELECT r."householdId",
        count(*) FILTER (WHERE $1 - r."birthYear" BETWEEN 16 AND 60 AND e.status IS DISTINCT FROM 'unable') AS labour,
        count(*) FILTER (WHERE e.status IN ('employed_local', 'employed_outbound', 'public_welfare', 'self_employed')) AS employed
      FROM "Resident" r LEFT JOIN "EmploymentRecord" e ON e."residentId" = r.id AND e.current
      GROUP BY r."householdId") x
    WHERE labour > 0 AND employed = 0`, [year]);
  out['零就业家庭 (zero-employment households)'] = Number(zero.rows[0].n);
  return out;
}

/** Drops and creates `name`, migrated exactly as `npm start` migrates it. */
export async function freshMigratedDatabase(name: string): Promise<string> {
  await dropDatabase(adminUrl(), name);
  const url = await createDatabase(adminUrl(), name);
  await migrateDatabase(url);
  return url;
}

export async function buildCity(log: Log = console.log): Promise<CityResult> {
  const t = performance.now();
  const url = await freshMigratedDatabase(CITY_DB);
  log(`created and migrated ${CITY_DB} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return generateCity(url, undefined, log);
}

/** The demo data (server/demo/seed.ts, as the test template loads it) on PostgreSQL. */
export async function buildDemo(log: Log = console.log): Promise<void> {
  const t = performance.now();
  await dropDatabase(adminUrl(), DEMO_DB);
  const url = await createDatabase(adminUrl(), DEMO_DB);
  await buildPostgresDemoDatabase(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('VACUUM (ANALYZE)');
  await c.end();
  log(`built ${DEMO_DB} (demo data) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

export const cityUrl = () => databaseUrl(adminUrl(), CITY_DB);
export const demoUrl = () => databaseUrl(adminUrl(), DEMO_DB);

export function printCounts(counts: Record<string, number>, log: Log = console.log) {
  const w = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [k, v] of Object.entries(counts)) log(`  ${k.padEnd(w)} ${v.toLocaleString('en-US').padStart(12)}`);
}

async function main() {
  const what = process.argv[2] ?? 'city';
  if (what === 'demo') return buildDemo();
  if (what !== 'city') throw new Error('usage: tsx tests/scale/generate.ts [city|demo]');
  const r = await buildCity();
  console.log(`\n${CITY_DB}: generated in ${r.seconds.toFixed(0)} s`);
  printCounts(r.counts);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
