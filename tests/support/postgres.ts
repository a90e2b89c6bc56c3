// PostgreSQL for the test suite: one template database per run (migrated with the
// committed SQL, exactly as `npm start` does, and loaded with the demo data), and a
// copy of it per test server (CREATE DATABASE … TEMPLATE, about as cheap as the
// SQLite file copy).
import pg from 'pg';

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const testPostgresUrl = () => process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;

/** The URL of another database on the same server. */
export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function postgresAnswers(adminUrl: string): Promise<string | null> {
  try {
    return await withAdmin(adminUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v);
  } catch (e) {
    if (process.env.DEBUG_TEST_POSTGRES) console.error(e);
    return null;
  }
}

const ident = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  return `"${name}"`;
};

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`));
  return databaseUrl(adminUrl, name);
}

/**
 * A database for tests: as `createDatabase`, with `synchronous_commit` off for every connection to
 * it (the servers' own pools, child processes, the test's checks). A commit then returns once its
 * WAL is written, not flushed to disk: 0.2 ms here instead of 4 ms. Only a crash of PostgreSQL
 * itself could lose a commit, which no test does; what the application sees is unchanged.
 * (A setting of the database, not of the server: other users of this PostgreSQL keep theirs.)
 */
export async function createTestDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  const url = await createDatabase(adminUrl, name, template);
  await withAdmin(adminUrl, (c) => c.query(`ALTER DATABASE ${ident(name)} SET synchronous_commit = off`));
  return url;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

/** Drops every database whose name starts with `prefix` (what a run, or a killed earlier run, left behind). */
export async function dropDatabases(adminUrl: string, prefix: string): Promise<void> {
  const names = await withAdmin(adminUrl, async (c) =>
    (await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])).rows.map((r) => r.datname),
  );
  for (const n of names) await dropDatabase(adminUrl, n);
}
