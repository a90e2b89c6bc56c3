// Consent to the 隐私政策 and 用户协议 (POST /api/me/consents, GET /api/me's `consent`):
// recorded on the server with the version shown and the time; only an agreement to the
// current version (shared/consent.ts) counts, so a new version asks again; another
// version is refused; the user's copy of their data lists every agreement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_KINDS, CONSENT_VERSIONS } from '../../shared/consent.js';
import type { Client, TestServer } from '../support/server.js';
import { startServer } from '../support/server.js';
import { writeMark, writesSince } from '../support/writeLog.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

/** A WeChat account seen for the first time (the fake WeChat's `fake:<openid>` codes). */
async function newUser(openid: string): Promise<Client> {
  const r = await s.request('POST', '/api/auth/wechat', { body: { code: `fake:${openid}` } });
  expect(r.status).toBe(200);
  const token = r.body.token as string;
  return {
    token,
    userId: r.body.userId,
    get: (p) => s.request('GET', p, { token }),
    post: (p, b) => s.request('POST', p, { token, body: b ?? {} }),
  };
}

const consentOf = async (c: Client) => {
  const r = await c.get('/api/me');
  expect(r.status).toBe(200);
  return r.body.consent;
};

const agreeAll = async (c: Client) => {
  let last;
  for (const kind of CONSENT_KINDS) {
    last = await c.post('/api/me/consents', { kind, version: CONSENT_VERSIONS[kind] });
    expect(last.status).toBe(201);
  }
  return last!.body;
};

describe('consent to the 隐私政策 and 用户协议', () => {
  it('a new user has agreed to nothing: GET /api/me asks for each text at its current version', async () => {
    const c = await newUser('consent-new-1');
    expect(await consentOf(c)).toEqual({
      agreed: false,
      items: CONSENT_KINDS.map((kind) => ({ kind, version: CONSENT_VERSIONS[kind], agreedAt: null })),
    });
  });

  it('agreeing records the version and the time on the server; both texts agreed is agreed', async () => {
    const c = await s.login('demo-resident');
    const first = await c.post('/api/me/consents', { kind: 'privacy_policy', version: CONSENT_VERSIONS.privacy_policy });
    expect(first.status).toBe(201);
    expect(first.body.agreed).toBe(false); // the 用户协议 is still to agree
    expect(first.body.items.find((i: { kind: string }) => i.kind === 'privacy_policy').agreedAt).toBe(s.now().toISOString());

    s.advance(1);
    const answer = await agreeAll(c);
    expect(answer.agreed).toBe(true);
    expect(await consentOf(c)).toEqual(answer);

    const rows = await s.deps.db.privacyConsent.findMany({ where: { userId: c.userId }, orderBy: { agreedAt: 'asc' } });
    expect(rows.map((r) => [r.kind, r.policyVersion])).toEqual([
      ['privacy_policy', CONSENT_VERSIONS.privacy_policy],
      ['privacy_policy', CONSENT_VERSIONS.privacy_policy],
      ['user_agreement', CONSENT_VERSIONS.user_agreement],
    ]);
    // in the user's copy of their data (PIPL Art. 45)
    const copy = await c.get('/api/me/data');
    expect(copy.status).toBe(200);
    expect(copy.body.account.consents).toEqual(rows.map((r) => ({ kind: r.kind, version: r.policyVersion, agreedAt: r.agreedAt.toISOString() })));
    // one user's agreement is not another's
    expect((await consentOf(await s.login('demo-resident-2'))).agreed).toBe(false);
  });

  it('a new version asks again: an agreement to an earlier version does not count', async () => {
    const c = await newUser('consent-new-2');
    // agreed to the texts as they were before (as a user of the previous version would have)
    for (const kind of CONSENT_KINDS) {
      await s.deps.db.privacyConsent.create({ data: { userId: c.userId, kind, policyVersion: '2025-01-01', agreedAt: s.now() } });
    }
    const before = await consentOf(c);
    expect(before.agreed).toBe(false);
    expect(before.items.every((i: { agreedAt: string | null }) => i.agreedAt === null)).toBe(true);
    // the app shows the current text; agreeing to it is agreeing
    expect((await agreeAll(c)).agreed).toBe(true);
    expect((await consentOf(c)).agreed).toBe(true);
  });

  it('agreeing to a version that is not the current one (an app opened before the text changed) is 409 and writes nothing', async () => {
    const c = await newUser('consent-new-3');
    const mark = await writeMark(s.deps.db);
    const r = await c.post('/api/me/consents', { kind: 'privacy_policy', version: '2025-01-01' });
    expect(r.status).toBe(409);
    expect(r.body.error.reason).toBe('not_current_version');
    expect(r.body.error.message).toContain(CONSENT_VERSIONS.privacy_policy);
    expect(await writesSince(s.deps.db, mark)).toEqual({});
    expect((await consentOf(c)).agreed).toBe(false);
  });

  it('the separate tick for sensitive information (申请更正) is recorded on its own and is not the pop-up’s agreement', async () => {
    const c = await newUser('consent-new-5');
    const r = await c.post('/api/me/consents', { kind: 'sensitive_info', version: CONSENT_VERSIONS.sensitive_info });
    expect(r.status).toBe(201);
    expect(r.body.agreed).toBe(false);
    const rows = await s.deps.db.privacyConsent.findMany({ where: { userId: c.userId } });
    expect(rows.map((row) => [row.kind, row.policyVersion, row.agreedAt.toISOString()])).toEqual([['sensitive_info', CONSENT_VERSIONS.sensitive_info, s.now().toISOString()]]);
  });

  it('bad input is a 400 naming the field, and writes nothing', async () => {
    const c = await newUser('consent-new-4');
    const cases: Array<[unknown, string]> = [
      [{ version: CONSENT_VERSIONS.privacy_policy }, 'body.kind'],
      [{ kind: 'marketing', version: CONSENT_VERSIONS.privacy_policy }, 'body.kind'],
      [{ kind: 'privacy_policy' }, 'body.version'],
      [{ kind: 'privacy_policy', version: 'latest' }, 'body.version'],
      [{ kind: 'privacy_policy', version: 20261205 }, 'body.version'],
    ];
    const mark = await writeMark(s.deps.db);
    for (const [body, field] of cases) {
      const r = await c.post('/api/me/consents', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(field);
    }
    expect(await writesSince(s.deps.db, mark)).toEqual({});
  });

  it('without a session: 401', async () => {
    const r = await s.request('POST', '/api/me/consents', { body: { kind: 'privacy_policy', version: CONSENT_VERSIONS.privacy_policy } });
    expect(r.status).toBe(401);
  });
});
