// PostgreSQL is derived from the one data model in prisma/schema (SQLite, the
// embedded default): Prisma takes no provider from the environment, so the second
// schema and its migrations are written mechanically from the first, never by hand.
//
//   npx tsx scripts/postgres-schema.ts          writes prisma/postgres/{schema,migrations}
//   npx tsx scripts/postgres-schema.ts --check  fails if what is committed differs (tests/schema-drift.test.ts)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prismaCli } from './prisma-cli.js';

export const PG_ROOT = path.join('prisma', 'postgres');
const PG_SCHEMA = path.join(PG_ROOT, 'schema');
const PG_MIGRATIONS = path.join(PG_ROOT, 'migrations');

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

/** Writes the derived schema and one PostgreSQL migration per SQLite migration (from the snapshots). */
export function derive(root: string): void {
  deriveFolder('prisma/schema', path.join(root, 'schema'));
  const migrations = path.join(root, 'migrations');
  fs.rmSync(migrations, { recursive: true, force: true });
  fs.mkdirSync(migrations, { recursive: true });
  const names = fs.readdirSync('prisma/migrations').filter((d) => /^\d{14}_/.test(d)).sort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-pg-'));
  let previous: string | null = null;
  for (const name of names) {
    const snapshot = path.join('prisma', 'snapshots', name);
    if (!fs.existsSync(snapshot)) throw new Error(`no snapshot for migration ${name}`);
    const pg = path.join(tmp, name);
    deriveFolder(snapshot, pg);
    const from = previous ? ['--from-schema-datamodel', previous] : ['--from-empty'];
    const sql = prismaCli(['migrate', 'diff', ...from, '--to-schema-datamodel', pg, '--script']);
    fs.mkdirSync(path.join(migrations, name));
    fs.writeFileSync(path.join(migrations, name, 'migration.sql'), sql);
    previous = pg;
  }
  fs.writeFileSync(path.join(migrations, 'migration_lock.toml'), '# written by scripts/postgres-schema.ts\nprovider = "postgresql"\n');
  fs.rmSync(tmp, { recursive: true, force: true });
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
    derive(tmp);
    const problems: string[] = [];
    for (const part of ['schema', 'migrations']) {
      const want = listFiles(path.join(tmp, part));
      const have = listFiles(path.join(PG_ROOT, part));
      for (const [f, text] of want) {
        if (!have.has(f)) problems.push(`missing ${PG_ROOT}/${part}/${f}`);
        else if (have.get(f) !== text) problems.push(`differs ${PG_ROOT}/${part}/${f}`);
      }
      for (const f of have.keys()) if (!want.has(f)) problems.push(`extra ${PG_ROOT}/${part}/${f}`);
    }
    return problems;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const problems = differences();
    if (problems.length) {
      console.error(`prisma/postgres is stale (run npx tsx scripts/postgres-schema.ts):\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log('prisma/postgres agrees with prisma/schema');
  } else {
    derive(PG_ROOT);
    console.log(`wrote ${PG_SCHEMA} and ${PG_MIGRATIONS}`);
  }
}
