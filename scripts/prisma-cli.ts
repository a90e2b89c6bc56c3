// Runs the Prisma CLI from node_modules (the JS/WebAssembly engine, per prisma.config.ts).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function prismaCli(args: string[], env: Record<string, string> = {}): string {
  const cli = require.resolve('prisma/build/index.js');
  const out = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    // the schema's env("DATABASE_URL") must resolve; these commands never open it
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? `file:${path.join(os.tmpdir(), 'ejia-prisma-cli.db')}`, PRISMA_HIDE_UPDATE_MESSAGE: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`prisma ${args.join(' ')} failed:\n${out.stderr}${out.stdout}`);
  return out.stdout;
}

/** The SQL that builds the current schema from nothing. */
export const schemaSql = (schema = 'prisma/schema') =>
  prismaCli(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', schema, '--script']);
