// PostgreSQL is derived from the one data model in prisma/schema (SQLite, the
// embedded default): Prisma takes no provider from the environment, so the second
// schema and its migrations are written mechanically from the first, never by hand.
//
// Each PostgreSQL migration is written once, by `npm run db:new-migration`, as the
// difference between the derived newest snapshot and the derived new schema. Only
// the newest snapshot is kept, so committed migrations are not derived again: they
// are held to the checksums recorded in prisma/postgres/migrations.sha256 (the
// sha256 that _prisma_migrations records and that the start command compares, so
// an edit that would stop a deployed database's start fails the tests first).
// tests/platform/postgres-migrations.test.ts checks on PostgreSQL that the chain builds the
// derived schema.
//
//   npx tsx scripts/postgres-schema.ts          rewrites prisma/postgres/schema
//   npx tsx scripts/postgres-schema.ts --check  fails if what is committed differs (tests/platform/schema-drift.test.ts)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prismaCli } from './prisma-cli.js';

export const PG_ROOT = path.join('prisma', 'postgres');
const PG_SCHEMA = path.join(PG_ROOT, 'schema');
const PG_MIGRATIONS = path.join(PG_ROOT, 'migrations');
const CHECKSUMS = path.join(PG_ROOT, 'migrations.sha256');
const migrationNames = (dir: string) => fs.readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort();

/** One SQLite schema file → its PostgreSQL twin (same models; the client is generated beside it). */
export function toPostgres(source: string): string {
  let out = source.replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  // the second client lives in prisma/postgres/client (see server/db.ts)
  out = out.replace(/(generator\s+client\s*\{[^}]*engineType\s*=\s*"client")/, '$1\n  output     = "../client"');
  return out;
}

function deriveFolder(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from).filter((f) => f.endsWith('.prisma')).sort()) {
    const src = fs.readFileSync(path.join(from, f), 'utf8');
    const header = `// GENERATED from prisma/schema/${f} by scripts/postgres-schema.ts — edit that file instead.\n`;
    fs.writeFileSync(path.join(to, f), header + toPostgres(src));
  }
}

/** Writes the derived schema (prisma/postgres/schema under root). */
export function deriveSchema(root: string): void {
  deriveFolder('prisma/schema', path.join(root, 'schema'));
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The checksum record, in `sha256sum` format, of the committed PostgreSQL migrations. */
function checksumLines(migrations: string): string {
  return migrationNames(migrations).map((n) => `${sha256(path.join(migrations, n, 'migration.sql'))}  ${n}/migration.sql\n`).join('');
}

/**
 * The PostgreSQL twin of a new SQLite migration: the difference between the
 * derived `fromSnapshot` (the schema as the previous migration left it) and the
 * derived prisma/schema. Records its checksum with the others.
 */
export function writePostgresMigration(name: string, fromSnapshot: string): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-pg-'));
  try {
    deriveFolder(fromSnapshot, path.join(tmp, 'from'));
    deriveFolder('prisma/schema', path.join(tmp, 'to'));
    const sql = prismaCli(['migrate', 'diff', '--from-schema-datamodel', path.join(tmp, 'from'), '--to-schema-datamodel', path.join(tmp, 'to'), '--script']);
    fs.mkdirSync(path.join(PG_MIGRATIONS, name));
    fs.writeFileSync(path.join(PG_MIGRATIONS, name, 'migration.sql'), sql);
    fs.writeFileSync(CHECKSUMS, checksumLines(PG_MIGRATIONS));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function listFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** Differences between what is committed and what derivation writes now (empty: they agree). */
export function differences(): string[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-pg-check-'));
  try {
    deriveSchema(tmp);
    const problems: string[] = [];
    const want = listFiles(path.join(tmp, 'schema'));
    const have = listFiles(PG_SCHEMA);
    for (const [f, text] of want) {
      if (!have.has(f)) problems.push(`missing ${PG_SCHEMA}/${f}`);
      else if (have.get(f) !== text) problems.push(`differs ${PG_SCHEMA}/${f}`);
    }
    for (const f of have.keys()) if (!want.has(f)) problems.push(`extra ${PG_SCHEMA}/${f}`);

    // one PostgreSQL migration per SQLite migration, each as it was committed
    const sqlite = migrationNames('prisma/migrations');
    const postgres = migrationNames(PG_MIGRATIONS);
    for (const n of sqlite) if (!postgres.includes(n)) problems.push(`missing ${PG_MIGRATIONS}/${n}`);
    for (const n of postgres) if (!sqlite.includes(n)) problems.push(`extra ${PG_MIGRATIONS}/${n}`);
    const recorded = new Map(
      (fs.existsSync(CHECKSUMS) ? fs.readFileSync(CHECKSUMS, 'utf8') : '').split('\n').filter(Boolean).map((l) => [l.slice(66, -'/migration.sql'.length), l.slice(0, 64)]),
    );
    for (const n of postgres) {
      const sum = sha256(path.join(PG_MIGRATIONS, n, 'migration.sql'));
      if (!recorded.has(n)) problems.push(`unrecorded ${PG_MIGRATIONS}/${n} (not in ${CHECKSUMS})`);
      else if (recorded.get(n) !== sum) problems.push(`edited ${PG_MIGRATIONS}/${n}/migration.sql (sha256 ${sum}, committed as ${recorded.get(n)})`);
    }
    for (const n of recorded.keys()) if (!postgres.includes(n)) problems.push(`recorded in ${CHECKSUMS} but missing: ${n}`);
    return problems;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const problems = differences();
    if (problems.length) {
      console.error(`prisma/postgres disagrees (the schema: run npx tsx scripts/postgres-schema.ts; migrations are never edited):\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log('prisma/postgres agrees with prisma/schema');
  } else {
    deriveSchema(PG_ROOT);
    console.log(`wrote ${PG_SCHEMA}`);
  }
}
