// 两步验证: the TOTP second factor of console password sign-in (issue #17 item 3), over
// real HTTP on SQLite and PostgreSQL. Enrol and confirm (a wrong code writes nothing),
// sign-in needs the second step, codes one step either side of now and each once,
// recovery codes once, wrong codes lock the account with wrong passwords, turning it
// off needs password + code, an admin's reset is audited and ends the sessions, and
// the secret is never sent again nor logged. Codes are computed here from the
// otpauth:// URI, as an authenticator app does, at the server's injected clock.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { Secret, TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resealTotpSecrets } from '../../server/auth/index.js';
import { MAX_FAILED_ATTEMPTS } from '../../server/auth/lockout.js';
import { openSealedText } from '../../server/sealing.js';
import { workerLogFiles } from '../support/logScan.js';
import { startServer, type Reply, type TestServer } from '../support/server.js';

let s: TestServer;
let admin: Awaited<ReturnType<TestServer['login']>>;
const replies: Reply[] = [];
const FIRST = 'first-Password-2026';
const PASSWORD = 'second-Password-2026';

beforeAll(async () => {
  s = await startServer();
  admin = await s.login('demo-admin');
});
afterAll(() => s.close());

/** A browser: keeps its cookies, sends them back with the CSRF header and its Origin (as in password.test.ts). */
class Browser {
  cookies = new Map<string, string>();
  setCookies: string[] = [];
  get csrf() {
    return this.cookies.get('ejia_csrf') ?? '';
  }
  async send(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { origin: s.url };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const r = await s.request(method, path, { body: body ?? (method === 'GET' ? undefined : {}), headers });
    for (const c of r.headers.getSetCookie()) {
      this.setCookies.push(c);
      const [pair] = c.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    replies.push(r);
    return r;
  }
  signIn(username: string, password = PASSWORD) {
    return this.send('POST', '/api/auth/password', { username, password });
  }
  secondStep(challenge: string, f: { code?: string; recoveryCode?: string }) {
    return this.send('POST', '/api/auth/password/totp', { challenge, ...f });
  }
}

/** A staff-side account with a changed password, and a browser signed in with it. */
async function passwordAccount(openid: string, username: string) {
  const userId = (await s.login(openid)).userId;
  const set = await admin.post(`/api/auth/accounts/${userId}/password`, { username, password: FIRST });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  const b = new Browser();
  expect((await b.signIn(username, FIRST)).status).toBe(200);
  expect((await b.send('POST', '/api/auth/password/change', { currentPassword: FIRST, newPassword: PASSWORD })).status).toBe(204);
  return { userId, browser: b };
}

/** The authenticator on the phone: the code it shows `offsetSeconds` from the server's now. */
const phone = (uri: string) => {
  const totp = URI.parse(uri) as TOTP;
  return (offsetSeconds = 0) => totp.generate({ timestamp: s.now().getTime() + offsetSeconds * 1000 });
};

/** Moves the clock to the start of a fresh 30-second step, a few minutes on (past every code used so far). */
function nextMinutes(minutes = 3) {
  s.advance(minutes);
  const ms = s.now().getTime();
  s.advance((30_000 - (ms % 30_000) + 1000) / 60_000); // 1 s into a step: ±1 step is unambiguous
}

/** Enrols and confirms 两步验证 in a signed-in browser; the phone and the recovery codes. */
async function turnOn(b: Browser) {
  const e = await b.send('POST', '/api/auth/totp/enrol');
  expect(e.status, JSON.stringify(e.body)).toBe(200);
  const code = phone(e.body.otpauthUri);
  const c = await b.send('POST', '/api/auth/totp/confirm', { code: code() });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return { enrolment: e.body as { secret: string; otpauthUri: string; qrImage: string }, code, recoveryCodes: c.body.recoveryCodes as string[] };
}

async function challengeOf(b: Browser, username: string) {
  const r = await b.signIn(username);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.secondFactor).toBe('totp');
  return r.body.challenge as string;
}

describe('enrolment', () => {
  it('gives a secret as an otpauth:// QR and as text, turns on only with a right code, and answers ten recovery codes once', async () => {
    const { userId, browser: b } = await passwordAccount('demo-staff', 'totp.staff');
    expect((await b.send('GET', '/api/auth/totp')).body).toEqual({ passwordSignIn: true, enabled: false, enabledAt: null, recoveryCodesLeft: 0 });

    const e = await b.send('POST', '/api/auth/totp/enrol');
    expect(e.status, JSON.stringify(e.body)).toBe(200);
    const secret = (e.body.secret as string).replaceAll(' ', '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits
    expect(e.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/e%E5%AE%B6%E7%A4%BE%E5%8C%BA:totp\.staff\?/);
    const uri = new URL(e.body.otpauthUri);
    expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: 'e家社区', secret, algorithm: 'SHA1', digits: '6', period: '30' });
    expect(e.body.qrImage).toMatch(/^data:image\/png;base64,/);

    // sealed at rest: not the secret, under the ID-number key
    const row = await s.deps.db.totpCredential.findUniqueOrThrow({ where: { userId } });
    expect(row.secretSealed).toMatch(/^v1:/);
    expect(row.secretSealed).not.toContain(secret);
    expect(row.enabledAt).toBeNull();

    // a wrong code: 400 naming the field, nothing written
    const code = phone(e.body.otpauthUri);
    for (const wrong of [String((Number(code()) + 1) % 1_000_000).padStart(6, '0'), code(-90)]) {
      const r = await b.send('POST', '/api/auth/totp/confirm', { code: wrong });
      expect(r.status).toBe(400);
      expect(r.body.error.details[0].path).toBe('body.code');
    }
    expect(await s.deps.db.totpCredential.findUniqueOrThrow({ where: { userId } })).toEqual(row);
    expect(await s.deps.db.totpRecoveryCode.count({ where: { userId } })).toBe(0);
    expect((await s.deps.db.passwordCredential.findUniqueOrThrow({ where: { userId } })).failedAttempts).toBe(0);
    const malformed = await b.send('POST', '/api/auth/totp/confirm', { code: '12ab56' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('body.code');

    const c = await b.send('POST', '/api/auth/totp/confirm', { code: code().replace(/^(\d{3})/, '$1 ') });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.recoveryCodes).toHaveLength(10);
    expect(new Set(c.body.recoveryCodes).size).toBe(10);
    for (const rc of c.body.recoveryCodes) expect(rc).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // only hashes kept
    const kept = await s.deps.db.totpRecoveryCode.findMany({ where: { userId } });
    expect(kept.map((k) => k.codeHash).join()).not.toContain(c.body.recoveryCodes[0].replace('-', ''));

    const status = await b.send('GET', '/api/auth/totp');
    expect(status.body).toMatchObject({ passwordSignIn: true, enabled: true, recoveryCodesLeft: 10 });
    // on: a second enrolment is refused (the phone is changed by turning it off first)
    const again = await b.send('POST', '/api/auth/totp/enrol');
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe('already_enabled');
  });

  it('an account without a password has nothing to guard', async () => {
    const reviewer = await s.login('demo-reviewer');
    expect((await reviewer.get('/api/auth/totp')).body).toEqual({ passwordSignIn: false, enabled: false, enabledAt: null, recoveryCodesLeft: 0 });
    const r = await reviewer.post('/api/auth/totp/enrol');
    expect(r.status).toBe(409);
    expect(r.body.error.reason).toBe('no_password');
  });
});

describe('signing in with 两步验证 on', () => {
  let code: (offset?: number) => string;
  let recoveryCodes: string[];
  let userId: string;

  beforeAll(async () => {
    const a = await passwordAccount('demo-gridworker', 'totp.gw');
    userId = a.userId;
    ({ code, recoveryCodes } = await turnOn(a.browser));
  });

  it('the password alone starts no session: a challenge, then the code signs the browser in', async () => {
    nextMinutes();
    const b = new Browser();
    const r = await b.signIn('totp.gw');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['challenge', 'expiresAt', 'secondFactor']);
    expect(b.cookies.has('ejia_session')).toBe(false);
    expect(b.cookies.has('ejia_csrf')).toBe(false);
    expect((await b.send('GET', '/api/me')).status).toBe(401);

    const done = await b.secondStep(r.body.challenge, { code: code() });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ userId, mustChangePassword: false, idleMinutes: 30 });
    expect(b.cookies.has('ejia_session')).toBe(true);
    expect((await b.send('GET', '/api/me')).status).toBe(200);
  });

  it('a code is refused the second time (replay), even in another sign-in', async () => {
    nextMinutes();
    const used = code();
    const b1 = new Browser();
    expect((await b1.secondStep(await challengeOf(b1, 'totp.gw'), { code: used })).status).toBe(200);
    const b2 = new Browser();
    const replay = await b2.secondStep(await challengeOf(b2, 'totp.gw'), { code: used });
    expect(replay.status).toBe(401);
    expect(replay.body.error.reason).toBe('code_used');
    expect(replay.body.error.details[0].path).toBe('body.code');
    expect(b2.cookies.has('ejia_session')).toBe(false);
    // the code of the step before is older than the one used: refused too
    const older = await b2.secondStep(await challengeOf(b2, 'totp.gw'), { code: code(-30) });
    expect(older.status).toBe(401);
    await s.deps.db.passwordCredential.update({ where: { userId }, data: { failedAttempts: 0 } });
  });

  it('accepts a code one step either side of now, and refuses two steps off', async () => {
    for (const offset of [-30, 30]) {
      nextMinutes();
      const b = new Browser();
      const r = await b.secondStep(await challengeOf(b, 'totp.gw'), { code: code(offset) });
      expect(r.status, `${offset} s: ${JSON.stringify(r.body)}`).toBe(200);
    }
    for (const offset of [-60, 60]) {
      nextMinutes();
      const b = new Browser();
      const r = await b.secondStep(await challengeOf(b, 'totp.gw'), { code: code(offset) });
      expect(r.status, `${offset} s`).toBe(401);
      expect(r.body.error.reason).toBe('wrong_code');
    }
    await s.deps.db.passwordCredential.update({ where: { userId }, data: { failedAttempts: 0 } });
  });

  it('the challenge works only in the browser that typed the password, and for 5 minutes', async () => {
    nextMinutes();
    const b = new Browser();
    const challenge = await challengeOf(b, 'totp.gw');
    const other = new Browser();
    const elsewhere = await other.secondStep(challenge, { code: code() });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.error.reason).toBe('challenge_expired');
    expect(elsewhere.body.error.details[0].path).toBe('body.challenge');
    const forged = await b.secondStep(challenge.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), { code: code() });
    expect(forged.status).toBe(401);
    s.advance(5.1);
    const late = await b.secondStep(challenge, { code: code() });
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/expired/);
    // none of these was a guess at the code: no failure counted
    expect((await s.deps.db.passwordCredential.findUniqueOrThrow({ where: { userId } })).failedAttempts).toBe(0);
  });

  it('a recovery code signs in once (any case, without the dash), and the count goes down', async () => {
    nextMinutes();
    const b = new Browser();
    const r = await b.secondStep(await challengeOf(b, 'totp.gw'), { recoveryCode: ` ${recoveryCodes[0]!.toLowerCase().replace('-', '')} ` });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const again = new Browser();
    const twice = await again.secondStep(await challengeOf(again, 'totp.gw'), { recoveryCode: recoveryCodes[0]! });
    expect(twice.status).toBe(401);
    expect(twice.body.error.reason).toBe('wrong_recovery_code');
    expect(twice.body.error.details[0].path).toBe('body.recoveryCode');
    expect((await b.send('GET', '/api/auth/totp')).body.recoveryCodesLeft).toBe(9);
    const neither = await again.secondStep(await challengeOf(again, 'totp.gw'), {});
    expect(neither.status).toBe(400);
    expect(neither.body.error.details[0].path).toBe('body.code');
    await s.deps.db.passwordCredential.update({ where: { userId }, data: { failedAttempts: 0 } });
  });

  it(`wrong codes count with wrong passwords: ${MAX_FAILED_ATTEMPTS} in a row lock the account, the right code too`, async () => {
    nextMinutes();
    const b = new Browser();
    // two wrong passwords, then a right one (which does not clear the count while the code is to come)…
    for (let i = 0; i < 2; i++) expect((await b.signIn('totp.gw', 'not-the-password')).status).toBe(401);
    const challenge = await challengeOf(b, 'totp.gw');
    // …and wrong codes
    const wrong = String((Number(code()) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 3; i++) {
      const r = await b.secondStep(challenge, { code: wrong });
      expect(r.status).toBe(401);
      expect(r.body.error.reason).toBe('wrong_code');
    }
    const last = await b.secondStep(challenge, { code: wrong });
    expect(last.status).toBe(403);
    expect(last.body.error.reason).toBe('locked');
    const right = await b.secondStep(challenge, { code: code() });
    expect(right.status).toBe(403);
    expect(right.body.error.reason).toBe('locked');
    expect(b.cookies.has('ejia_session')).toBe(false);
    expect((await b.signIn('totp.gw')).body.error.reason).toBe('locked');
    // after 15 minutes: password, then code
    s.advance(16);
    nextMinutes(0);
    const after = new Browser();
    expect((await after.secondStep(await challengeOf(after, 'totp.gw'), { code: code() })).status).toBe(200);
    expect((await s.deps.db.passwordCredential.findUniqueOrThrow({ where: { userId } })).failedAttempts).toBe(0);
  });

  it(`answers 429 past ${10} codes a minute for one account from one address`, async () => {
    nextMinutes();
    const b = new Browser();
    const challenge = await challengeOf(b, 'totp.gw');
    // a made-up challenge of the same account: refused before any code is checked, so the lockout is not touched
    const forged = challenge.replace(/\.[^.]+$/, '.' + 'A'.repeat(43));
    let status = 0;
    for (let i = 0; i < 11; i++) status = (await b.secondStep(forged, { code: '000000' })).status;
    expect(status).toBe(429);
    s.advance(1);
  });
});

describe('turning it off, and an admin\'s reset', () => {
  it('off needs the current password and a code; wrong ones count; then the password alone signs in', async () => {
    nextMinutes();
    const { userId, browser: b } = await passwordAccount('demo-staff-huimin', 'totp.huimin');
    const { code } = await turnOn(b);
    nextMinutes();
    const noPassword = await b.send('POST', '/api/auth/totp/disable', { currentPassword: 'not-it', code: code() });
    expect(noPassword.status).toBe(403);
    expect(noPassword.body.error.details[0].path).toBe('body.currentPassword');
    const noCode = await b.send('POST', '/api/auth/totp/disable', { currentPassword: PASSWORD, code: String((Number(code()) + 1) % 1_000_000).padStart(6, '0') });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.details[0].path).toBe('body.code');
    expect((await s.deps.db.passwordCredential.findUniqueOrThrow({ where: { userId } })).failedAttempts).toBe(2);
    expect(await s.deps.db.totpCredential.count({ where: { userId } })).toBe(1);
    const off = await b.send('POST', '/api/auth/totp/disable', { currentPassword: PASSWORD, code: code() });
    expect(off.status, JSON.stringify(off.body)).toBe(204);
    expect(await s.deps.db.totpCredential.count({ where: { userId } })).toBe(0);
    expect(await s.deps.db.totpRecoveryCode.count({ where: { userId } })).toBe(0);
    const plain = await new Browser().signIn('totp.huimin');
    expect(plain.status).toBe(200);
    expect(plain.body.secondFactor).toBeUndefined();
    expect(plain.body.userId).toBe(userId);
  });

  it('a lost phone: the platform admin resets it, every session of the account ends, and the audit log says so', async () => {
    nextMinutes();
    const { userId, browser: b } = await passwordAccount('demo-street-admin', 'totp.street');
    await turnOn(b);
    const token = await s.login('demo-street-admin'); // the mini-program on the lost phone
    expect((await token.get('/api/me')).status).toBe(200);

    // nobody resets their own; community staff may not reset anyone's
    const own = await b.send('POST', `/api/auth/accounts/${userId}/totp/reset`);
    expect(own.status).toBe(403);
    const staff = await s.login('demo-staff');
    expect((await staff.post(`/api/auth/accounts/${userId}/totp/reset`)).status).toBe(403);
    expect(await s.deps.db.totpCredential.count({ where: { userId, enabledAt: { not: null } } })).toBe(1);

    const r = await admin.post(`/api/auth/accounts/${userId}/totp/reset`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ userId, twoStepEnabled: false });
    expect(r.body.sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await b.send('GET', '/api/me')).status).toBe(401);
    expect((await token.get('/api/me')).status).toBe(401);
    const entry = await s.deps.db.auditEntry.findFirstOrThrow({ where: { action: 'totp.reset', targetId: userId } });
    expect(entry.actorId).toBe(admin.userId);
    expect(JSON.parse(entry.before!)).toEqual({ twoStepEnabled: true });
    expect(JSON.parse(entry.after!)).toEqual({ twoStepEnabled: false, sessionsEnded: r.body.sessionsEnded });

    const twice = await admin.post(`/api/auth/accounts/${userId}/totp/reset`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.reason).toBe('not_enabled');
    // the password alone signs in again, and a new phone can be enrolled
    const again = new Browser();
    expect((await again.signIn('totp.street')).body.secondFactor).toBeUndefined();
    expect((await again.send('POST', '/api/auth/totp/enrol')).status).toBe(200);
  });
});

describe('nothing of the secret leaves the server after enrolment', () => {
  it('no answer but the enrolment holds it, nor does the log', () => {
    const enrolments = replies.filter((r) => typeof r.body === 'object' && r.body && 'otpauthUri' in r.body);
    const secretsOnly = enrolments.map((r) => (r.body.secret as string).replaceAll(' ', ''));
    expect(secretsOnly.length).toBe(5);
    const others = replies.filter((r) => !enrolments.includes(r)).map((r) => JSON.stringify(r.body)).join('\n');
    expect(replies.length).toBeGreaterThan(40);
    for (const secret of secretsOnly) {
      expect(others).not.toContain(secret);
      expect(others).not.toContain(secret.replace(/(.{4})(?=.)/g, '$1 '));
    }
    const log = workerLogFiles(inject('runDir')).log;
    if (!process.env.TEST_LOG_LEVEL) {
      const text = fs.readFileSync(log, 'utf8');
      expect(text).toContain('/api/auth/password/totp'); // the requests were logged, their bodies not
      for (const secret of secretsOnly) expect(text).not.toContain(secret);
      expect(text).not.toContain('otpauth://');
    }
  });
});

// The secret's sealing moved from this feature's own copy to the one shared with the
// 身份证号 (server/sealing.ts). A deployed database holds secrets the copy sealed: the
// copy is kept here, verbatim, to seal and open them as it did.
describe('secrets sealed before the sealing was shared', () => {
  const OLD_AAD = Buffer.from('TotpCredential.secretSealed');
  const OLD_SEALED = /^(v\d{1,4}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]+)$/;
  const keys = () => s.deps.config.idNumbers;
  function oldSealSecret(base32: string): string {
    const { version, key } = keys().keys[0]!;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(OLD_AAD);
    const ct = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
    return `${version}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ct.toString('base64url')}`;
  }
  function oldOpenSecret(stored: string): string {
    const m = OLD_SEALED.exec(stored)!;
    const key = keys().keys.find((k) => k.version === m[1])!;
    const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, Buffer.from(m[2]!, 'base64url'));
    decipher.setAAD(OLD_AAD);
    decipher.setAuthTag(Buffer.from(m[3]!, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(m[4]!, 'base64url')), decipher.final()]).toString('utf8');
  }

  it('one sealed by the old code still signs in; one sealed now opens with the old code (the same form)', async () => {
    const { userId } = await passwordAccount('demo-gridworker-2', 'totp.sealed');
    const secret = new Secret({ size: 20 }).base32;
    const now = s.now();
    await s.deps.db.totpCredential.create({ data: { userId, secretSealed: oldSealSecret(secret), enabledAt: now, lastUsedStep: null, createdAt: now } });
    nextMinutes();
    const b = new Browser();
    const code = new TOTP({ issuer: 'e家社区', label: 'x', algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: s.now().getTime() });
    const done = await b.secondStep(await challengeOf(b, 'totp.sealed'), { code });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ userId });

    // the other way: every secret this run's enrolments sealed opens with the old code
    const rows = await s.deps.db.totpCredential.findMany({ where: { userId: { not: userId } } });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(oldOpenSecret(r.secretSealed)).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('a key rotation (npm run keys:rotate-id-numbers) brings them to the new key: they open with it alone', async () => {
    const v1 = keys().keys[0]!;
    const v2 = { version: 'v2', key: crypto.randomBytes(32) };
    const withKeys = (ks: Array<typeof v1>) => ({ ...s.deps, config: { ...s.deps.config, idNumbers: { ...keys(), keys: ks } } });
    const before = await s.deps.db.totpCredential.findMany({ orderBy: { userId: 'asc' } });
    expect(before.length).toBeGreaterThan(1);
    const secrets = before.map((r) => oldOpenSecret(r.secretSealed));
    expect(await resealTotpSecrets(withKeys([v2, v1]))).toBe(before.length);
    expect(await resealTotpSecrets(withKeys([v2, v1]))).toBe(0); // resumable: nothing left
    const after = await s.deps.db.totpCredential.findMany({ orderBy: { userId: 'asc' } });
    after.forEach((r, i) => {
      expect(r.secretSealed.startsWith('v2:')).toBe(true);
      expect(openSealedText({ ...keys(), keys: [v2] }, r.secretSealed, OLD_AAD, 'a two-step secret')).toBe(secrets[i]);
    });
    // back under v1, the key this server runs with
    expect(await resealTotpSecrets(withKeys([v1, v2]))).toBe(before.length);
  });
});

describe('the 账号 list', () => {
  it('says whose 两步验证 is on, and offers its reset only to those who may (not to community staff)', async () => {
    nextMinutes();
    const { userId, browser } = await passwordAccount('demo-gridworker-huimin', 'totp.gwh');
    await turnOn(browser);
    const user = await s.deps.db.user.findUniqueOrThrow({ where: { id: userId }, include: { roles: true } });
    const communityId = user.roles.find((r) => r.communityId)!.communityId!;
    type Row = { id: string; twoStep: boolean; mayResetTwoStep: boolean };
    const rowsFor = async (who: { get: (path: string) => Promise<{ status: number; body: any }> }) => {
      const r = await who.get(`/api/accounts?communityId=${communityId}&pageSize=100`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return new Map<string, Row>(r.body.items.map((a: Row) => [a.id, a]));
    };
    const byAdmin = await rowsFor(admin);
    const byStaff = await rowsFor(await s.login('demo-staff-huimin'));
    expect(byAdmin.get(userId)).toMatchObject({ twoStep: true, mayResetTwoStep: true });
    expect(byStaff.get(userId)).toMatchObject({ twoStep: true, mayResetTwoStep: false });
    // accounts without it: nothing to reset, for anyone
    const without = [...byAdmin.values()].filter((a) => !a.twoStep);
    expect(without.length).toBeGreaterThan(0);
    expect(without.every((a) => !a.mayResetTwoStep)).toBe(true);
    // after the reset the list says so
    expect((await admin.post(`/api/auth/accounts/${userId}/totp/reset`)).status).toBe(200);
    expect((await rowsFor(admin)).get(userId)).toMatchObject({ twoStep: false, mayResetTwoStep: false });
  });
});
