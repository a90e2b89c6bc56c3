// Once per test run and kind of database: the demo database each test server copies,
// migrated as `npm start` migrates a new database, with the demo data.
//   server, timing         SQLite: a file migrated by `prisma migrate deploy` (prisma/migrations)
//   server-pg, timing-pg   PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres):
//              a template database migrated with the committed SQL (prisma/postgres/migrations)
import fs from 'node:fs';
import path from 'node:path';
import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import { createTestDatabase, dropDatabase, dropDatabases, testPostgresUrl, withAdmin } from './postgres.js';
import { scanLogFolder } from './logScan.js';

// Loaded when a database is built, not with this file: vitest loads a global setup once per project
// that names it (server, timing, their -pg twins, and e2e's through useDemoDatabase), and template.ts
// brings in the whole server (about a second each time).
const building = () => Promise.all([import('./template.js'), import('./writeLog.js')]).then(([template, writeLog]) => ({ ...template, ...writeLog }));

/** Fails the run if any test server logged a phone number, an ID number or a token (issue #16). */
function checkServerLogs(projectName: string, dir: string): void {
  const { files, lines, findings } = scanLogFolder(dir);
  console.log(`[${projectName}] server logs: ${lines} lines in ${files} files scanned for phone numbers, ID numbers and tokens: ${findings.length} found`);
  if (findings.length) {
    const shown = findings.slice(0, 20).map((f) => `  ${f.kind} in ${f.file}:${f.line}: ${f.excerpt}`).join('\n');
    throw new Error(`[${projectName}] personal data in the server log (${findings.length} findings):\n${shown}`);
  }
}

/**
 * What the run's projects share, one of each kind: the `sqlite` template (`server` and `timing`), the
 * `postgres` one (`server-pg` and `timing-pg`), the plain `demo` file the SQLite template and the walks'
 * backends start from, and the server `bundle` (serverBundle.ts).
 */
interface RunResource {
  dir: string;
  provided: Partial<ProvidedContext>;
  teardown: () => Promise<void>;
}
type Kind = 'demo' | 'sqlite' | 'postgres' | 'bundle';
/** Projects whose files start server/main.ts as a process of its own: they get the run's server bundle (serverBundle.ts). */
const STARTS_SERVERS = ['timing', 'timing-pg', 'e2e'];
// The global setups of all projects run in this one process: the second project of a kind waits for
// the first's template instead of migrating and seeding its own (a minute under load), and the
// last one to finish tears it down.
const shared = ((globalThis as { __ejiaTestResources?: Map<Kind, { ready: Promise<RunResource>; users: number }> }).__ejiaTestResources ??= new Map());

async function acquire(kind: Kind, projectName: string): Promise<{ resource: RunResource; release: () => Promise<void> }> {
  let entry = shared.get(kind);
  if (!entry) {
    const build = { demo: demoTemplate, sqlite: sqliteTemplate, postgres: postgresTemplate, bundle: serverBundle }[kind];
    entry = { ready: build(projectName), users: 0 };
    shared.set(kind, entry);
  }
  entry.users++;
  const resource = await entry.ready;
  return {
    resource,
    release: async () => {
      if (--entry.users > 0) return;
      shared.delete(kind);
      await resource.teardown();
    },
  };
}

/**
 * The first setup starts every database this run's projects will want, not only its own: the demo
 * file and the PostgreSQL template are built side by side (one waits on the prisma CLI's process
 * and on PostgreSQL while the other runs), not one project's setup after the other's. Each is held
 * by the caller until its own release, so one built for a project with no file in this run is
 * still dropped at the end.
 */
function startAlongside(project: TestProject): () => Promise<void> {
  const names = new Set(project.vitest.projects.map((p) => p.name));
  const kinds: Kind[] = [];
  if (['server', 'timing', 'e2e'].some((n) => names.has(n))) kinds.push('demo');
  if (['server-pg', 'timing-pg'].some((n) => names.has(n))) kinds.push('postgres');
  if (STARTS_SERVERS.some((n) => names.has(n))) kinds.push('bundle');
  const held = kinds.filter((k) => !shared.has(k)).map((k) => acquire(k, project.name));
  held.forEach((h) => h.catch(() => {})); // a failed build fails the setup of the project that needs it, which awaits it too
  return async () => {
    for (const h of await Promise.allSettled(held)) if (h.status === 'fulfilled') await h.value.release();
  };
}

export default async function setup(project: TestProject) {
  const alongside = startAlongside(project);
  const { resource, release } = await acquire(project.name.endsWith('-pg') ? 'postgres' : 'sqlite', project.name);
  for (const [key, value] of Object.entries(resource.provided)) project.provide(key as keyof ProvidedContext, value as never);
  project.provide('runDir', resource.dir);
  const bundle = await useServerBundle(project);
  return async () => {
    await release();
    await bundle();
    await alongside();
  };
}

/** The run's server bundle, for a project whose files start the server as a process (STARTS_SERVERS). */
async function useServerBundle(project: TestProject): Promise<() => Promise<void>> {
  if (!STARTS_SERVERS.includes(project.name)) return async () => {};
  const { resource, release } = await acquire('bundle', project.name);
  project.provide('serverBundle', resource.provided.serverBundle!);
  return release;
}

/**
 * For the walks (tests/e2e/support/global-setup.ts): the run's demo database, migrated by `prisma migrate
 * deploy` and loaded with the demo data exactly as `npm start` does an empty one; each walk's backend
 * starts on a copy, finds every migration applied and the data there, and goes straight to serving.
 * Built once per run, with the server suites' template (which is this file plus the write log).
 */
export async function useDemoDatabase(project: TestProject): Promise<() => Promise<void>> {
  const alongside = startAlongside(project);
  const { resource, release } = await acquire('demo', project.name);
  project.provide('demoDb', resource.provided.demoDb!);
  const bundle = await useServerBundle(project);
  return async () => {
    await release();
    await bundle();
    await alongside();
  };
}

function runDir(kind: string): string {
  const dir = path.resolve('.tmp', `run-${process.pid}-${kind}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function demoTemplate(projectName: string): Promise<RunResource> {
  const dir = runDir('demo');
  const file = path.join(dir, 'demo.db');
  const t = performance.now();
  const { buildDemoDatabase } = await building();
  await buildDemoDatabase(file);
  console.log(`[${projectName}] demo database migrated and loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { dir, provided: { demoDb: file }, teardown: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function serverBundle(projectName: string): Promise<RunResource> {
  // inside the repository: the packages the bundle leaves out resolve from its node_modules
  const dir = runDir('bundle');
  const file = path.join(dir, 'server.mjs');
  const t = performance.now();
  const { buildServerBundle } = await import('./serverBundle.js');
  await buildServerBundle(file);
  console.log(`[${projectName}] server bundled for its child processes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { dir, provided: { serverBundle: file }, teardown: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function sqliteTemplate(projectName: string): Promise<RunResource> {
  const demo = await acquire('demo', projectName);
  const dir = runDir('sqlite');
  const file = path.join(dir, 'template.db');
  fs.copyFileSync(demo.resource.provided.demoDb!, file);
  const { installSqliteWriteLog } = await building();
  installSqliteWriteLog(file); // every write counted, for "refused and wrote nothing" (writeLog.ts)
  return {
    dir,
    provided: { dbKind: 'sqlite', templateDb: file },
    teardown: async () => {
      try {
        checkServerLogs('sqlite', dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await demo.release();
      }
    },
  };
}

async function postgresTemplate(projectName: string): Promise<RunResource> {
  const dir = runDir('postgres');
  const admin = testPostgresUrl();
  const prefix = `ejia_test_${process.pid}_`;
  await dropStaleDatabases(admin);
  const template = `${prefix}template`;
  const t = performance.now();
  const { buildPostgresDemoDatabase, installPostgresWriteLog } = await building();
  const templateUrl = await createTestDatabase(admin, template);
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
    /** the e2e project's: the plain demo database (SQLite) each walk's backend starts on a copy of */
    demoDb: string;
    /** timing, timing-pg, e2e: server/main.ts bundled once for the run (serverBundle.ts) */
    serverBundle: string;
  }
}
