// Prisma CLI configuration. Prisma's Rust engines cannot be downloaded on this
// network, so the CLI (generate, migrate deploy, migrate diff) runs on the
// JS/WebAssembly engine through the same driver adapter the server uses.
// A postgres:// DATABASE_URL selects the derived PostgreSQL schema (prisma/postgres,
// see scripts/postgres-schema.ts); anything else is the SQLite default.
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

const given = process.env.DATABASE_URL ?? 'file:./data/ejia.db';
const postgres = /^postgres(ql)?:\/\//.test(given);

function sqliteUrl(): string {
  // same rule as server/config.ts: relative paths are taken from the working directory
  const raw = given.replace(/^file:/, '');
  const url = `file:${raw === ':memory:' ? raw : path.resolve(raw)}`;
  const file = url.slice('file:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  return url;
}

const url = postgres ? given : sqliteUrl();
// the schema's env("DATABASE_URL") must resolve, or generate falls back to downloading engines
process.env.DATABASE_URL = url;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: postgres ? path.join('prisma', 'postgres', 'schema') : path.join('prisma', 'schema'),
  migrations: { path: postgres ? path.join('prisma', 'postgres', 'migrations') : path.join('prisma', 'migrations') },
  // allowExitOnIdle: the CLI never closes its pool, so without it every command on PostgreSQL sat
  // out pg's 10 s idle timeout before exiting (`migrate status`: 12.2 s, 3.1 s with it)
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url, allowExitOnIdle: true }) : new PrismaBetterSQLite3({ url })),
});
