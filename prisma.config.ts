// Prisma CLI configuration. Prisma's Rust engines cannot be downloaded on this
// network, so the CLI (migrate deploy, migrate diff) runs on the JS/WebAssembly
// engine through the same driver adapter the server uses.
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

// same rule as server/config.ts: relative paths are taken from the working directory
const raw = (process.env.DATABASE_URL ?? 'file:./data/ejia.db').replace(/^file:/, '');
const url = `file:${raw === ':memory:' ? raw : path.resolve(raw)}`;
// the schema's env("DATABASE_URL") must resolve, or generate falls back to downloading engines
process.env.DATABASE_URL = url;
const file = url.slice('file:'.length);
if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
