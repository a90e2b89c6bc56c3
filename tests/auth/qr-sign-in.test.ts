// 扫码登录 (issue #17, item 3), over real HTTP: a browser asks for a code, a staff
// member's mini-program scans and confirms it, and the browser's next poll starts the
// console session exactly as the password sign-in does. The ticket is single-use,
// expires (the injected clock is moved), cannot be picked up by another browser,
// cannot be confirmed by a resident, and the code's WeChat call (the fake in the
// server; the real HTTP client against WeChat on 127.0.0.1) gets the right scene and
// page and its errors are answered clearly, with nothing written.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { QR_CONFIRM_PAGE } from '../../server/auth/qrSignIn.js';
import { describeBrowser } from '../../server/auth/userAgent.js';
import { HttpWechatClient } from '../../server/auth/wechat.js';
import { loadConfig } from '../../server/config.js';
import { createDb, tuneSqlite, type Db } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { WechatApi } from '../../server/wechatApi.js';
import { freshDatabase, type FreshDatabase } from '../support/database.js';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat.js';
import { startServer, type Client, type Reply, type TestServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

const OFFICE_PC = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let s: TestServer;
let staff: Client;
let gridWorker: Client;

beforeAll(async () => {
  s = await startServer();
  staff = await s.login('demo-staff');
  gridWorker = await s.login('demo-gridworker');
});
afterAll(() => s?.close());

/** A browser: keeps the cookies it is given and sends them back from the console's own origin. */
class Browser {
  cookies = new Map<string, string>();
  setCookies: string[] = [];
  constructor(
    readonly server: () => TestServer = () => s,
    readonly userAgent = OFFICE_PC,
  ) {}
  async send(method: string, path: string, opts: { body?: unknown; origin?: string | null; csrf?: boolean } = {}): Promise<Reply> {
    const srv = this.server();
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (opts.origin !== null) headers.origin = opts.origin ?? srv.url;
    if (opts.csrf) headers['x-csrf-token'] = this.cookies.get('ejia_csrf') ?? '';
    const r = await srv.request(method, path, { body: opts.body ?? (method === 'GET' ? undefined : {}), headers });
    for (const c of r.headers.getSetCookie()) {
      this.setCookies.push(c);
      const [pair] = c.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return r;
  }
  async newCode() {
    const r = await this.send('POST', '/api/auth/qr');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { ticket: string; expiresAt: string; image: string };
  }
  poll(ticket: string) {
    return this.send('GET', `/api/auth/qr/${ticket}`);
  }
}

const scan = (who: Client, ticket: string) => who.post(`/api/auth/qr/${ticket}/scan`);
const confirm = (who: Client, ticket: string) => who.post(`/api/auth/qr/${ticket}/confirm`);
const cancel = (who: Client, ticket: string) => who.post(`/api/auth/qr/${ticket}/cancel`);

describe('扫码登录: the whole sign-in', () => {
  it('code → scan → confirm → the browser\'s poll signs it in, once; the session works like a password one', async () => {
    const b = new Browser();
    const code = await b.newCode();
    expect(code.ticket).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(code.image).toMatch(/^data:image\/png;base64,/);
    expect(new Date(code.expiresAt).getTime() - s.now().getTime()).toBe(120_000);
    // the code is WeChat's (the fake): this ticket as the scene, the confirm page as the page
    expect(s.wechat.codeRequests.at(-1)).toEqual({ scene: code.ticket, page: 'packages/signin/confirm/index' });
    const nonce = b.setCookies.find((c) => c.startsWith('ejia_qr='))!;
    expect(nonce).toMatch(/HttpOnly/);
    expect(nonce).toMatch(/SameSite=Strict/);
    // at rest: neither the ticket nor the nonce, only their HMACs
    const row = await s.deps.db.qrSignInTicket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(JSON.stringify(row)).not.toContain(code.ticket);
    expect(JSON.stringify(row)).not.toContain(b.cookies.get('ejia_qr'));

    expect((await b.poll(code.ticket)).body).toEqual({ status: 'waiting', expiresAt: code.expiresAt });

    const scanned = await scan(staff, code.ticket);
    expect(scanned.status, JSON.stringify(scanned.body)).toBe(200);
    expect(scanned.body).toMatchObject({ status: 'scanned', displayName: expect.any(String), browser: 'Chrome 131 · Windows', ip: '127.0.0.1', expiresAt: code.expiresAt });
    expect((await b.poll(code.ticket)).body.status).toBe('scanned');
    // scanning again (the page reopened) shows the same
    expect((await scan(staff, code.ticket)).body.status).toBe('scanned');

    // before the confirm nothing signs in
    expect(b.cookies.has('ejia_session')).toBe(false);
    expect((await confirm(staff, code.ticket)).body).toEqual({ status: 'confirmed' });

    // another browser, without this one's nonce, learns nothing and gets no session
    const other = new Browser();
    await other.newCode(); // a nonce of its own
    const stolen = await other.poll(code.ticket);
    expect(stolen.status).toBe(404);
    expect(other.cookies.has('ejia_session')).toBe(false);
    const bare = await s.request('GET', `/api/auth/qr/${code.ticket}`);
    expect(bare.status).toBe(404);

    const picked = await b.poll(code.ticket);
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({ status: 'confirmed', signedIn: { userId: staff.userId, idleMinutes: 30, mustChangePassword: false } });
    const session = b.setCookies.find((c) => c.startsWith('ejia_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(Number(/Max-Age=(\d+)/.exec(session)![1])).toBe(12 * 3600);
    expect(b.cookies.get('ejia_csrf')).toBeTruthy();
    expect(JSON.stringify(picked.body)).not.toContain(b.cookies.get('ejia_session'));

    // the cookie is a console session: reads, and writes with the CSRF token
    const me = await b.send('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(staff.userId);
    const sessions = await b.send('GET', '/api/auth/sessions');
    expect(sessions.body.items.find((x: any) => x.current)).toMatchObject({ kind: 'console', userAgent: OFFICE_PC });
    expect((await b.send('POST', '/api/auth/logout', { csrf: true })).status).toBe(204);

    // single use: the next poll says used and sets nothing; a second confirm is refused
    const again = await b.poll(code.ticket);
    expect(again.body.status).toBe('used');
    expect(again.headers.getSetCookie().filter((c) => c.startsWith('ejia_session='))).toEqual([]);
    const twice = await confirm(staff, code.ticket);
    expect(twice.status).toBe(409);
    expect(twice.body.error.reason).toBe('used');
    expect((await scan(staff, code.ticket)).body.error.reason).toBe('used');
    expect(await s.deps.db.session.count({ where: { userId: staff.userId, kind: 'console' } })).toBe(1);
  });

  it('two tabs of one browser each keep their own code (one nonce per browser)', async () => {
    const b = new Browser();
    const first = await b.newCode();
    const second = await b.newCode();
    expect(second.ticket).not.toBe(first.ticket);
    await scan(gridWorker, first.ticket);
    await confirm(gridWorker, first.ticket);
    expect((await b.poll(first.ticket)).body.status).toBe('confirmed');
    expect((await b.poll(second.ticket)).body.status).toBe('waiting');
  });
});

describe('扫码登录: what is refused', () => {
  it('an expired code: polled as expired, and scanning or confirming it is refused without a write', async () => {
    const b = new Browser();
    const unscanned = await b.newCode();
    const scannedOnly = await b.newCode();
    await scan(staff, scannedOnly.ticket);
    s.advance(2);
    expect((await b.poll(unscanned.ticket)).body.status).toBe('expired');
    expect((await b.poll(scannedOnly.ticket)).body.status).toBe('expired');
    const mark = await writeMark(s.deps.db);
    const late = await scan(staff, unscanned.ticket);
    expect(late.status).toBe(409);
    expect(late.body.error.reason).toBe('expired');
    const lateConfirm = await confirm(staff, scannedOnly.ticket);
    expect(lateConfirm.status).toBe(409);
    expect(lateConfirm.body.error.reason).toBe('expired');
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    expect(b.cookies.has('ejia_session')).toBe(false);
  });

  it('a code confirmed in its last seconds can still be picked up by the next poll', async () => {
    const b = new Browser();
    const code = await b.newCode();
    await scan(staff, code.ticket);
    s.advance(1.95);
    expect((await confirm(staff, code.ticket)).status).toBe(200);
    s.advance(0.1); // past the two minutes, within the pick-up grace
    expect((await b.poll(code.ticket)).body.status).toBe('confirmed');
    expect(b.cookies.has('ejia_session')).toBe(true);
  });

  it('a resident or building head cannot scan or confirm (no staff-side role), and nothing is written', async () => {
    const b = new Browser();
    const code = await b.newCode();
    for (const openid of ['demo-resident', 'demo-buildinghead']) {
      const who = await s.login(openid);
      const mark = await writeMark(s.deps.db);
      const r = await scan(who, code.ticket);
      expect(r.status).toBe(403);
      expect(r.body.error.reason).toBe('no_console_role');
      expect((await confirm(who, code.ticket)).status).toBe(403);
      expect(await writesSince(s.deps.db, mark)).toEqual({});
    }
    expect((await b.poll(code.ticket)).body.status).toBe('waiting');
  });

  it('a code scanned by one account cannot be taken, confirmed or cancelled by another', async () => {
    const b = new Browser();
    const code = await b.newCode();
    await scan(staff, code.ticket);
    const taken = await scan(gridWorker, code.ticket);
    expect(taken.status).toBe(409);
    expect(taken.body.error.reason).toBe('taken');
    expect((await confirm(gridWorker, code.ticket)).status).toBe(404);
    expect((await cancel(gridWorker, code.ticket)).status).toBe(404);
    // confirming without scanning first is refused too
    const fresh = await b.newCode();
    const unscanned = await confirm(staff, fresh.ticket);
    expect(unscanned.status).toBe(409);
    expect(unscanned.body.error.reason).toBe('not_scanned');
  });

  it('cancelled on the phone: the browser is told, and the code cannot be confirmed after', async () => {
    const b = new Browser();
    const code = await b.newCode();
    await scan(staff, code.ticket);
    expect((await cancel(staff, code.ticket)).body).toEqual({ status: 'refused' });
    expect((await b.poll(code.ticket)).body.status).toBe('refused');
    const late = await confirm(staff, code.ticket);
    expect(late.status).toBe(409);
    expect(late.body.error.reason).toBe('refused');
    expect(b.cookies.has('ejia_session')).toBe(false);
  });

  it('a role removed between the confirm and the pick-up: no session', async () => {
    const b = new Browser();
    const code = await b.newCode();
    const reviewer = await s.login('demo-reviewer');
    await scan(reviewer, code.ticket);
    await confirm(reviewer, code.ticket);
    const grants = await s.deps.db.userRole.findMany({ where: { userId: reviewer.userId } });
    await s.deps.db.userRole.deleteMany({ where: { userId: reviewer.userId } });
    try {
      expect((await b.poll(code.ticket)).body.status).toBe('refused');
      expect(b.cookies.has('ejia_session')).toBe(false);
    } finally {
      await s.deps.db.userRole.createMany({ data: grants });
    }
  });

  it('unknown and malformed tickets: 404 and 400 naming the field', async () => {
    const unknown = await scan(staff, 'A'.repeat(22));
    expect(unknown.status).toBe(404);
    const bad = await scan(staff, 'not-a-ticket');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('params.ticket');
    expect((await s.request('GET', '/api/auth/qr/x%00y')).status).toBe(400);
  });

  it('another site\'s page cannot start a code for this browser (Origin)', async () => {
    const b = new Browser();
    const mark = await writeMark(s.deps.db);
    const r = await b.send('POST', '/api/auth/qr', { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body.error.reason).toBe('csrf');
    expect(await writesSince(s.deps.db, mark)).toEqual({});
  });

  it('WeChat refusing the code: 502 wechat_refused, and no ticket is written', async () => {
    const before = await s.deps.db.qrSignInTicket.count();
    s.wechat.codeErrcode = 45009;
    try {
      const r = await new Browser().send('POST', '/api/auth/qr');
      expect(r.status).toBe(502);
      expect(r.body.error).toMatchObject({ code: 'upstream_error', reason: 'wechat_refused' });
      expect(r.body.error.message).toContain('45009');
    } finally {
      s.wechat.codeErrcode = null;
    }
    expect(await s.deps.db.qrSignInTicket.count()).toBe(before);
  });
});

describe('扫码登录: the rate limit', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startServer({ LOGIN_RATE_PER_MINUTE: '3' });
  });
  afterAll(() => limited?.close());

  it('codes per address per minute: past LOGIN_RATE_PER_MINUTE a 429 with Retry-After, nothing made; the next minute works', async () => {
    const b = new Browser(() => limited);
    for (let i = 0; i < 3; i++) expect((await b.send('POST', '/api/auth/qr')).status).toBe(200);
    const calls = limited.wechat.codeRequests.length;
    const over = await b.send('POST', '/api/auth/qr');
    expect(over.status).toBe(429);
    expect(over.body.error.reason).toBe('rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.wechat.codeRequests.length).toBe(calls);
    expect(await limited.deps.db.qrSignInTicket.count()).toBe(3);
    limited.advance(1);
    expect((await b.send('POST', '/api/auth/qr')).status).toBe(200);
  });
});

describe('the real WeChat client: wxacode.getUnlimited over HTTP against WeChat on 127.0.0.1', () => {
  let wechat: FakeWechat;
  let fresh: FreshDatabase;
  let db: Db;
  let url: string;
  let close: () => Promise<void>;
  let client: HttpWechatClient;

  beforeAll(async () => {
    wechat = await startFakeWechat();
    fresh = await freshDatabase();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: fresh.url, UPLOAD_DIR: `${fresh.dir}/uploads`, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SLA_SWEEP_SECONDS: '0' });
    db = createDb(config.databaseUrl);
    await tuneSqlite(db);
    const clock = () => new Date();
    client = new HttpWechatClient(wechat.appId, wechat.secret, fetch, wechat.url, new WechatApi({ db, clock }, wechat.appId, wechat.secret, fetch, wechat.url));
    const deps = buildDeps(config, db, createLogger(config.logLevel), { wechat: client, clock });
    const server = createApp(deps).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((r) => server.close(() => r()));
  });
  afterAll(async () => {
    await close?.();
    await db?.$disconnect();
    await fresh?.drop();
    await wechat?.close();
  });

  const newCode = async () => {
    const res = await fetch(`${url}/api/auth/qr`, { method: 'POST' });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('POST /api/auth/qr answers WeChat\'s image for the ticket as the scene and the confirm page', async () => {
    const r = await newCode();
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const sent = wechat.codes.at(-1);
    expect(sent).toMatchObject({ scene: r.body.ticket, page: QR_CONFIRM_PAGE, check_path: true, env_version: 'release' });
    expect(r.body.image).toBe(`data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(`code:${r.body.ticket}`)]).toString('base64')}`);
    // with the access token every instance shares
    const token = wechat.requests.at(-1)!.query.access_token;
    expect(await db.wechatAccessToken.findUnique({ where: { appId: wechat.appId } })).toMatchObject({ token });
  });

  it('a stale access token (40001) is refreshed once and the code made', async () => {
    await db.wechatAccessToken.update({ where: { appId: wechat.appId }, data: { token: 'stale-token' } });
    const made = wechat.codes.length;
    const r = await newCode();
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(wechat.codes.length).toBe(made + 1);
    expect(wechat.requests.filter((q) => q.path === '/cgi-bin/stable_token').at(-1)!.body.force_refresh).toBe(true);
  });

  it('WeChat\'s refusals (41030 page not released, 45009 quota) are 502 wechat_refused naming the code; no ticket written', async () => {
    for (const errcode of [41030, 45009]) {
      wechat.codeErrcode = errcode;
      const before = await db.qrSignInTicket.count();
      const r = await newCode();
      expect(r.status).toBe(502);
      expect(r.body.error.reason).toBe('wechat_refused');
      expect(r.body.error.message).toContain(String(errcode));
      expect(await db.qrSignInTicket.count()).toBe(before);
    }
    wechat.codeErrcode = null;
  });

  it('WeChat unreachable: 502, said plainly', async () => {
    const closed = await startFakeWechat();
    await closed.close();
    const down = new HttpWechatClient(wechat.appId, wechat.secret, fetch, closed.url, new WechatApi({ db, clock: () => new Date() }, wechat.appId, wechat.secret, fetch, closed.url));
    await db.wechatAccessToken.deleteMany();
    const e = await down.miniProgramCode({ scene: 'abc', page: QR_CONFIRM_PAGE, h5Origin: url }).then(
      () => null,
      (x: unknown) => x as { status: number; reason: string },
    );
    expect(e).toMatchObject({ status: 502, reason: 'wechat_unreachable' });
  });
});

describe('the browser in a few words', () => {
  it('names the browsers staff use, and the system', () => {
    expect(describeBrowser(OFFICE_PC)).toBe('Chrome 131 · Windows');
    expect(describeBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91')).toBe('Edge 120 · Windows');
    expect(describeBrowser('Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36 QIHU 360SE')).toBe('360 浏览器 · Windows 7');
    expect(describeBrowser('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15')).toBe('Safari 17 · macOS');
    expect(describeBrowser('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128 · Linux');
    expect(describeBrowser('')).toBe('未知浏览器');
  });
});
