// 账号绑定 (POST /api/me/link) and the codes for it (POST /api/org/residents/:id/invite):
// a working account never becomes a resident's, and entering and giving out codes are
// rate-limited per user like sign-in (429 + Retry-After, nothing linked or written).
import type { Role } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentsByAddress, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type Client, type Reply, type TestServer } from '../support/server.js';

let n = 0;
/** A first WeChat sign-in: an account that belongs to nobody yet. */
async function newAccount(s: TestServer) {
  const r = await s.request('POST', '/api/auth/wechat', { body: { code: `fake:link-test-${++n}` } });
  expect(r.status).toBe(200);
  return { token: r.body.token as string, userId: r.body.userId as string };
}
const link = (s: TestServer, token: string, code: string) => s.request('POST', '/api/me/link', { token, body: { code } });

/** Residents of 惠泽1栋 (第1网格) without an account: the ones codes are given for. */
async function residentsWithoutAccount(s: TestServer, take: number) {
  return residentsByAddress(s.deps.db, { user: null, household: { building: { name: '惠泽1栋' } } }, take);
}

describe('a working account cannot link itself to a resident', () => {
  let s: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    s = await startServer();
    cast = await signInAll(s);
  });
  afterAll(() => s.close());

  it('the grid worker who makes a code cannot enter it with the same account; a second WeChat account can', async () => {
    const [target] = await residentsWithoutAccount(s, 1);
    const invite = await cast.gridWorker.post(`/api/org/residents/${target!.id}/invite`);
    expect(invite.status).toBe(201);

    const r = await cast.gridWorker.post('/api/me/link', { code: invite.body.code });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'forbidden', reason: 'working_account', message: expect.stringMatching(/working account.*second WeChat account/) });
    // nothing linked, the code not spent, and the household stays out of the worker's reach
    const me = (await cast.gridWorker.get('/api/me')).body;
    expect(me).toMatchObject({ linked: false, resident: null });
    expect((await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.gridWorker.userId } })).residentId).toBeNull();
    expect((await s.deps.db.residentInvite.findFirstOrThrow({ where: { residentId: target!.id } })).usedAt).toBeNull();
    expect((await cast.gridWorker.get('/api/points/me')).status).toBe(403);

    // the person's own resident account: a second WeChat account enters the same code
    const own = await newAccount(s);
    expect((await link(s, own.token, invite.body.code)).status).toBe(200);
    expect((await s.request('GET', '/api/me', { token: own.token })).body).toMatchObject({ linked: true, resident: { id: target!.id } });
  });

  it('whichever working role the account holds (楼栋长, 网格员, staff, reviewer, admin)', async () => {
    const db = s.deps.db;
    const community = await db.community.findFirstOrThrow({ where: { name: '惠泽社区' } });
    const building = await db.building.findFirstOrThrow({ where: { name: '惠泽1栋' } });
    const grants: Array<{ role: Role; communityId?: string; gridId?: string; buildingId?: string }> = [
      { role: 'BUILDING_HEAD', communityId: community.id, buildingId: building.id },
      { role: 'GRID_WORKER', communityId: community.id, gridId: building.gridId },
      { role: 'STAFF', communityId: community.id },
      { role: 'REVIEWER', communityId: community.id },
      { role: 'ADMIN' },
    ];
    const [target] = await residentsWithoutAccount(s, 1);
    const code = (await cast.staff.post(`/api/org/residents/${target!.id}/invite`)).body.code as string;
    for (const grant of grants) {
      const openid = `link-test-working-${grant.role}`;
      await db.user.create({ data: { displayName: grant.role, identities: { create: { openid } }, roles: { create: [grant] } } });
      const worker = await s.login(openid);
      const r = await worker.post('/api/me/link', { code });
      expect([grant.role, r.status, r.body.error?.reason]).toEqual([grant.role, 403, 'working_account']);
    }
    // none of the five spent it: a plain new account still can
    expect((await link(s, (await newAccount(s)).token, code)).status).toBe(200);
  });

  it('an account already linked is told so first (409), working role or not', async () => {
    const [target] = await residentsWithoutAccount(s, 1);
    const code = (await cast.staff.post(`/api/org/residents/${target!.id}/invite`)).body.code as string;
    expect((await cast.buildingHead.post('/api/me/link', { code })).status).toBe(409);
    expect((await cast.resident.post('/api/me/link', { code })).status).toBe(409);
  });
});

describe('rate limits on account codes, per user', () => {
  const LINKS = 5;
  const INVITES = 3;
  let s: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    s = await startServer({ LINK_RATE_PER_MINUTE: String(LINKS), INVITE_RATE_PER_MINUTE: String(INVITES) });
    cast = await signInAll(s);
  });
  afterAll(() => s.close());

  /** Whole seconds to the end of the server's (fake) minute window, as Retry-After must say. */
  const secondsLeft = () => Math.max(1, Math.ceil((60_000 - (s.now().getTime() % 60_000)) / 1000));
  /** Moves the fake clock to the very start of the next minute window. */
  const toNextWindow = () => s.advance((60_000 - (s.now().getTime() % 60_000)) / 60_000);
  function expectRefused(r: Reply) {
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe(String(secondsLeft()));
    expect(r.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String), reason: 'rate_limited' } });
  }

  it(`entering codes: a burst of 40 wrong ones lets ${LINKS} through, then even the right code waits for the next minute`, async () => {
    toNextWindow();
    const [target] = await residentsWithoutAccount(s, 1);
    const code = (await cast.staff.post(`/api/org/residents/${target!.id}/invite`)).body.code as string;
    const guesser = await newAccount(s);

    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => link(s, guesser.token, `WRONG${String(i).padStart(3, '2')}`)));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(LINKS).fill(404), ...Array(40 - LINKS).fill(429)]);
    for (const r of burst.filter((x) => x.status === 429)) expectRefused(r);

    // the right code, later in the same minute: still refused, nothing linked, the code unspent
    s.advance(0.5);
    expectRefused(await link(s, guesser.token, code));
    expect((await s.request('GET', '/api/me', { token: guesser.token })).body.linked).toBe(false);
    expect((await s.deps.db.residentInvite.findFirstOrThrow({ where: { residentId: target!.id } })).usedAt).toBeNull();

    // another account has an allowance of its own: a wrong code is simply wrong for it
    expect((await link(s, (await newAccount(s)).token, 'WRONGXYZ')).status).toBe(404);

    toNextWindow();
    expect((await link(s, guesser.token, code)).status).toBe(200);
    expect((await s.request('GET', '/api/me', { token: guesser.token })).body).toMatchObject({ linked: true, resident: { id: target!.id } });
  });

  it(`giving out codes: the ${INVITES + 1}th in a minute is 429 and writes no code; others are not affected; the next minute gives again`, async () => {
    toNextWindow();
    const people = await residentsWithoutAccount(s, INVITES + 3);
    const invite = (c: Client, i: number) => c.post(`/api/org/residents/${people[i]!.id}/invite`);
    for (let i = 0; i < INVITES; i++) expect((await invite(cast.staff, i)).status).toBe(201);
    const codes = await s.deps.db.residentInvite.count();
    expectRefused(await invite(cast.staff, INVITES));
    expect(await s.deps.db.residentInvite.count()).toBe(codes);
    expect((await invite(cast.gridWorker, INVITES + 1)).status).toBe(201); // the grid worker counts apart
    toNextWindow();
    expect((await invite(cast.staff, INVITES)).status).toBe(201);
  });
});
