// Once per test run and kind of database: the demo database each test server copies,
// migrated as `npm start` migrates a new database, with the demo data.
//   server, timing         SQLite: a file migrated by `prisma migrate deploy` (prisma/migrations)
//   server-pg, timing-pg   PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres):
//              a template database migrated with the committed SQL (prisma/postgres/migrations)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ProvidedContext } from 'vitest';
import type { TestProject } from 'vitest/node';
import { createTestDatabase, dropDatabase, dropDatabases, testPostgresUrl, withAdmin } from './postgres.js';
import { scanLogFolder } from './logScan.js';
import { buildServerBundle, bundleFiles } from './serverBundle.js';
import { FAILED, READY } from './templateReady.js';

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
 * backends start from, and the `bundle` (serverBundle.ts: the server for child processes, and the
 * builder of the two databases, which run in processes of their own).
 *
 * A resource's names (`provided`) are known at once; building it takes 10–30 s, and the global setups
 * do not wait for it: vitest starts no test file before every global setup has returned, so waiting
 * here kept the client files (which need no database) and the server files' imports from starting.
 * When it is built, `<dir>/.ready` appears (or `<dir>/.failed`, with the error); the files that copy
 * it wait for that first (templateReady.ts; wait-for-template.ts, a setup file of the server projects).
 */
interface RunResource {
  dir: string;
  provided: Partial<ProvidedContext>;
  built: Promise<void>;
  teardown: () => Promise<void>;
}
type Kind = 'demo' | 'sqlite' | 'postgres' | 'bundle';
/** Projects whose files start server/main.ts as a process of its own: they get the run's server bundle (serverBundle.ts). */
const STARTS_SERVERS = ['timing', 'timing-pg', 'e2e'];
// The global setups of all projects run in this one process: the second project of a kind uses the
// first's template instead of migrating and seeding its own (a minute under load), and the last one
// to finish tears it down.
const shared = ((globalThis as { __ejiaTestResources?: Map<Kind, { resource: RunResource; users: number }> }).__ejiaTestResources ??= new Map());

function acquire(kind: Kind, projectName: string): { resource: RunResource; release: () => Promise<void> } {
  let entry = shared.get(kind);
  if (!entry) {
    const plan = { demo: demoTemplate, sqlite: sqliteTemplate, postgres: postgresTemplate, bundle: serverBundle }[kind];
    entry = { resource: announced(kind, plan(projectName)), users: 0 };
    shared.set(kind, entry);
  }
  const held = entry;
  held.users++;
  return {
    resource: held.resource,
    release: async () => {
      if (--held.users > 0) return;
      shared.delete(kind);
      await held.resource.built.catch(() => {}); // a half-built one is torn down too
      await held.resource.teardown();
    },
  };
}

/** Writes the resource's marker when it is built (or fails), for the files waiting on it in other processes. */
function announced(kind: Kind, resource: RunResource): RunResource {
  const built = resource.built.then(
    () => fs.writeFileSync(path.join(resource.dir, READY), ''),
    (e: unknown) => {
      const message = `the test run's ${kind} (tests/support/global-setup.ts) could not be built: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      console.error(message);
      fs.writeFileSync(path.join(resource.dir, FAILED), message);
      throw e;
    },
  );
  built.catch(() => {}); // awaited by whoever needs it; reported above
  return { ...resource, built };
}

/**
 * The first setup starts every database this run's projects will want, not only its own: the demo
 * file and the PostgreSQL template are built side by side (one waits on the prisma CLI's process
 * and on PostgreSQL while the other runs). Each is held by the caller until its own release, so one
 * built for a project with no file in this run is still dropped at the end.
 */
function startAlongside(project: TestProject): () => Promise<void> {
  const names = new Set(project.vitest.projects.map((p) => p.name));
  const kinds: Kind[] = [];
  // the bundle first: both databases are built by its template builder
  kinds.push('bundle');
  if (['server', 'timing', 'e2e'].some((n) => names.has(n))) kinds.push('demo');
  if (['server-pg', 'timing-pg'].some((n) => names.has(n))) kinds.push('postgres');
  const held = kinds.filter((k) => !shared.has(k)).map((k) => acquire(k, project.name));
  return async () => {
    for (const h of held) await h.release();
  };
}

export default async function setup(project: TestProject) {
  const alongside = startAlongside(project);
  const { resource, release } = acquire(project.name.endsWith('-pg') ? 'postgres' : 'sqlite', project.name);
  for (const [key, value] of Object.entries(resource.provided)) project.provide(key as keyof ProvidedContext, value as never);
  project.provide('runDir', resource.dir);
  project.provide('templateReady', resource.dir);
  const bundle = await useServerBundle(project);
  return async () => {
    await release();
    await bundle();
    await alongside();
  };
}

/** The run's server bundle, for a project whose files start the server as a process (STARTS_SERVERS). Built in 0.5 s: awaited. */
async function useServerBundle(project: TestProject): Promise<() => Promise<void>> {
  if (!STARTS_SERVERS.includes(project.name)) return async () => {};
  const { resource, release } = acquire('bundle', project.name);
  try {
    await resource.built;
  } catch (e) {
    await release();
    throw e;
  }
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
  const { resource, release } = acquire('demo', project.name);
  project.provide('demoDb', resource.provided.demoDb!);
  project.provide('templateReady', resource.dir);
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

function demoTemplate(projectName: string): RunResource {
  const bundle = acquire('bundle', projectName);
  const dir = runDir('demo');
  const file = path.join(dir, 'demo.db');
  const built = (async () => {
    await bundle.resource.built;
    const t = performance.now();
    await buildInChild(bundle.resource, ['sqlite', file]);
    console.log(`[${projectName}] demo database migrated and loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  })();
  return {
    dir,
    provided: { demoDb: file },
    built,
    teardown: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await bundle.release();
    },
  };
}

function serverBundle(projectName: string): RunResource {
  // inside the repository: the packages the bundle leaves out resolve from its node_modules
  const dir = runDir('bundle');
  const built = (async () => {
    const t = performance.now();
    await buildServerBundle(dir);
    console.log(`[${projectName}] server and template builder bundled for child processes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  })();
  return { dir, provided: { serverBundle: bundleFiles(dir).server }, built, teardown: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the bundle's template builder (build-template.ts) in a process of its own. Seeding in this
 * process held vitest's one main thread, which also transforms every module the first files import:
 * the client files, which need no database, waited on it.
 */
function buildInChild(bundle: RunResource, args: string[]): Promise<void> {
  const script = bundleFiles(bundle.dir).template;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(script)} ${args[0]} exited (${code ?? signal}):\n${out.slice(-4000)}`))));
  });
}

function sqliteTemplate(projectName: string): RunResource {
  const demo = acquire('demo', projectName);
  const bundle = acquire('bundle', projectName);
  const dir = runDir('sqlite');
  const file = path.join(dir, 'template.db');
  const built = (async () => {
    await demo.resource.built; // built by the bundle's template builder: the bundle is built too
    fs.copyFileSync(demo.resource.provided.demoDb!, file);
    // every write counted, for "refused and wrote nothing" (writeLog.ts); in a child, as the seeding:
    // importing writeLog.ts here loaded the server's database module on vitest's main thread (~1 s)
    await buildInChild(bundle.resource, ['sqlite-write-log', file]);
  })();
  return {
    dir,
    provided: { dbKind: 'sqlite', templateDb: file },
    built,
    teardown: async () => {
      try {
        checkServerLogs('sqlite', dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await demo.release();
        await bundle.release();
      }
    },
  };
}

function postgresTemplate(projectName: string): RunResource {
  const bundle = acquire('bundle', projectName);
  const dir = runDir('postgres');
  const admin = testPostgresUrl();
  const prefix = `ejia_test_${process.pid}_`;
  const template = `${prefix}template`;
  const built = (async () => {
    await dropStaleDatabases(admin);
    const t = performance.now();
    const templateUrl = await createTestDatabase(admin, template);
    await bundle.resource.built;
    await buildInChild(bundle.resource, ['postgres', templateUrl]);
    console.log(`[${projectName}] template database ${template} migrated and loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  })();
  return {
    dir,
    provided: { dbKind: 'postgres', templateDb: template, postgresAdminUrl: admin },
    built,
    teardown: async () => {
      await dropDatabases(admin, prefix);
      try {
        checkServerLogs('postgres', dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await bundle.release();
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
    /** the folder of the database this project's files copy: its `.ready` marker appears when it is built (templateReady) */
    templateReady: string;
  }
}
