// Once per test run and kind of database: the demo database each test server copies,
// migrated as `npm start` migrates a new database, with the demo data.
//   server, timing         SQLite: a file migrated by `prisma migrate deploy` (prisma/migrations)
//   server-pg, timing-pg   PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres):
//              a template database migrated with the committed SQL (prisma/postgres/migrations)
import fs from 'node:fs';
import path from 'node:path';
import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import { buildDemoDatabase, buildPostgresDemoDatabase } from './template.js';
import { createDatabase, dropDatabase, dropDatabases, testPostgresUrl, withAdmin } from './postgres.js';
import { scanLogFolder } from './logScan.js';
import { installPostgresWriteLog, installSqliteWriteLog } from './writeLog.js';

/** Fails the run if any test server logged a phone number, an ID number or a token (issue #16). */
function checkServerLogs(projectName: string, dir: string): void {
  const { files, lines, findings } = scanLogFolder(dir);
  console.log(`[${projectName}] server logs: ${lines} lines in ${files} files scanned for phone numbers, ID numbers and tokens: ${findings.length} found`);
  if (findings.length) {
    const shown = findings.slice(0, 20).map((f) => `  ${f.kind} in ${f.file}:${f.line}: ${f.excerpt}`).join('\n');
    throw new Error(`[${projectName}] personal data in the server log (${findings.length} findings):\n${shown}`);
  }
}

/** What one kind of database's projects share: `server` and `timing` (SQLite), `server-pg` and `timing-pg`. */
interface Template {
  dir: string;
  provided: Partial<ProvidedContext>;
  teardown: () => Promise<void>;
}
// The global setups of all projects run in this one process: the second project of a kind waits for
// the first's template instead of migrating and seeding its own (a minute under load), and the
// last one to finish tears it down.
const shared = ((globalThis as { __ejiaTestTemplates?: Map<string, { ready: Promise<Template>; users: number }> }).__ejiaTestTemplates ??= new Map());

export default async function setup(project: TestProject) {
  const kind = project.name.endsWith('-pg') ? 'postgres' : 'sqlite';
  let entry = shared.get(kind);
  if (!entry) {
    entry = { ready: kind === 'postgres' ? postgresTemplate(project.name) : sqliteTemplate(project.name), users: 0 };
    shared.set(kind, entry);
  }
  entry.users++;
  const template = await entry.ready;
  for (const [key, value] of Object.entries(template.provided)) project.provide(key as keyof ProvidedContext, value as never);
  project.provide('runDir', template.dir);
  return async () => {
    if (--entry.users > 0) return;
    shared.delete(kind);
    await template.teardown();
  };
}

function runDir(kind: string): string {
  const dir = path.resolve('.tmp', `run-${process.pid}-${kind}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function sqliteTemplate(projectName: string): Promise<Template> {
  const dir = runDir('sqlite');
  const file = path.join(dir, 'template.db');
  const t = performance.now();
  await buildDemoDatabase(file);
  installSqliteWriteLog(file); // every write counted, for "refused and wrote nothing" (writeLog.ts)
  console.log(`[${projectName}] template database migrated and loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return {
    dir,
    provided: { dbKind: 'sqlite', templateDb: file },
    teardown: async () => {
      try {
        checkServerLogs('sqlite', dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function postgresTemplate(projectName: string): Promise<Template> {
  const dir = runDir('postgres');
  const admin = testPostgresUrl();
  const prefix = `ejia_test_${process.pid}_`;
  await dropStaleDatabases(admin);
  const template = `${prefix}template`;
  const t = performance.now();
  const templateUrl = await createDatabase(admin, template);
  await buildPostgresDemoDatabase(templateUrl);
  await installPostgresWriteLog(templateUrl); // every write counted, for "refused and wrote nothing" (writeLog.ts)
  console.log(`[${projectName}] template database ${template} migrated and loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return {
    dir,
    provided: { dbKind: 'postgres', templateDb: template, postgresAdminUrl: admin },
    teardown: async () => {
      await dropDatabases(admin, prefix);
      try {
        checkServerLogs('postgres', dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Databases left by runs that were killed (their process is gone); other live runs keep theirs. */
async function dropStaleDatabases(admin: string): Promise<void> {
  const names = await withAdmin(admin, async (c) =>
    (await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'ejia\\_test\\_%'")).rows.map((r) => r.datname),
  );
  for (const name of names) {
    const pid = Number(/^ejia_test_(\d+)_/.exec(name)?.[1]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {}
    if (!alive) await dropDatabase(admin, name);
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'sqlite' | 'postgres';
    /** SQLite: the template file; PostgreSQL: the template database's name */
    templateDb: string;
    runDir: string;
    postgresAdminUrl: string;
  }
}
