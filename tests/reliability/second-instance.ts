// A second server instance on the same database as a test server: its own Koa
// app, its own database client and its own port, sharing only what production
// instances share — the database (and, so tests can move time, the fake clock).
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { createDb, tuneSqlite } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import type { Deps } from '../../server/context.js';
import type { Reply, TestServer } from '../support/server.js';

export interface SecondInstance {
  url: string;
  deps: Deps;
  request<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply<T>>;
  close(): Promise<void>;
}

export async function startSecondInstance(first: TestServer): Promise<SecondInstance> {
  const config = first.deps.config; // the same DATABASE_URL and limits
  const db = createDb(config.databaseUrl);
  await tuneSqlite(db);
  const deps = buildDeps(config, db, createLogger(config.logLevel), { clock: first.deps.clock, wechat: first.wechat });
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    request: async (method, p, opts = {}) => {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + p, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      const text = await res.text();
      const parsed = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
    },
  };
}
