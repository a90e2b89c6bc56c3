// A real server on a real SQLite file, over real HTTP on an ephemeral port.
// Only the clock and WeChat are fakes (the clock so tests move time instead of sleeping).
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../server/app.js';
import { keepConnectionsLongerThanProxy } from '../../server/httpServer.js';
import { loadConfig } from '../../server/config.js';
import type { Deps } from '../../server/context.js';
import { createDb, tuneSqlite } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { FakeWechatClient } from '../../server/auth/wechat.js';
import { escalateOverdueOrders } from '../../server/orders/escalateOverdueOrders.js';
import { freshDatabase } from './database.js';
import { workerLogFiles } from './logScan.js';
import { inject } from 'vitest';
import fs from 'node:fs';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Client {
  token: string;
  userId: string;
  get<T = any>(path: string): Promise<Reply<T>>;
  post<T = any>(path: string, body?: unknown): Promise<Reply<T>>;
}

export interface TestServer {
  url: string;
  deps: Deps;
  wechat: FakeWechatClient;
  now(): Date;
  advance(minutes: number): void;
  request<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; raw?: BodyInit; headers?: Record<string, string> }): Promise<Reply<T>>;
  login(openid: string): Promise<Client>;
  sweepSla(): Promise<number>;
  close(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const fresh = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: fresh.url,
    UPLOAD_DIR: path.join(fresh.dir, 'uploads'),
    // TEST_LOG_LEVEL=error shows what a 500 was, on stdout; otherwise every line at info goes to the
    // worker's log file, scanned for phones, ID numbers and tokens when the run ends (tests/support/logScan.ts)
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
    SLA_SWEEP_SECONDS: '0',
    LOGIN_RATE_PER_MINUTE: '10000', ORDER_RATE_PER_MINUTE: '10000', REDEEM_RATE_PER_MINUTE: '10000', LINK_RATE_PER_MINUTE: '10000', INVITE_RATE_PER_MINUTE: '10000', // tests that count set their own
    ...env,
  });
  const db = createDb(config.databaseUrl);
  await tuneSqlite(db);
  let now = Date.now();
  const wechat = new FakeWechatClient();
  const logFiles = workerLogFiles(inject('runDir'));
  const logger = process.env.TEST_LOG_LEVEL ? createLogger(config.logLevel) : createLogger(config.logLevel, false, logFiles.log);
  const deps = buildDeps(config, db, logger, { clock: () => new Date(now), wechat });
  const app = createApp(deps);
  const server = keepConnectionsLongerThanProxy(app.listen(0, '127.0.0.1')); // as server/main.ts
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: TestServer['request'] = async (method, p, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(url + p, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as any, headers: res.headers };
  };

  const login = async (openid: string): Promise<Client> => {
    const r = await request('POST', '/api/auth/dev-login', { body: { openid } });
    if (r.status !== 200) throw new Error(`dev-login ${openid}: ${r.status} ${JSON.stringify(r.body)}`);
    const token = r.body.token as string;
    fs.appendFileSync(logFiles.tokens, `${token}\n`);
    return {
      token,
      userId: r.body.userId,
      get: (p) => request('GET', p, { token }),
      post: (p, b) => request('POST', p, { token, body: b ?? {} }),
    };
  };

  return {
    url,
    deps,
    wechat,
    now: () => new Date(now),
    advance: (minutes) => {
      now += minutes * 60_000;
    },
    request,
    login,
    sweepSla: () => escalateOverdueOrders(deps),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      await fresh.drop();
    },
  };
}
