// Crash test: the real server (server/main.ts, a child process, with its notice
// worker, demo group bot and SLA sweeper running) is killed with SIGKILL three
// times in the middle of a load of redemptions and order transitions and of a
// broadcast into the building groups, and started again on the same database each
// time. Every kill cuts requests off in flight (counted). Whatever got a 2xx before
// a kill must be there afterwards, retrying an Idempotency-Key must never charge
// twice, every invariant must hold, and the broadcast ends with no group posted
// twice and no delivery lost silently: each is sent, or marked 可能已发出 (possibly_sent), which
// "resend the failed" leaves alone (checked at the end).
// Only HTTP, the Prisma client and the server's log: the same on SQLite and PostgreSQL.
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db.js';
import { api, prepareRedemptions, residentAccounts, signIn, startAppServer, stopAllChildren, type ResidentAccount } from '../bench/support.js';
import { REASON_INTERRUPTED, REASON_TIMEOUT } from '../../server/notices/deliveryWorker.js';
import { freshDatabase, type FreshDatabase } from '../support/database.js';
import { orderTimelineProblems, pointsInvariantProblems } from './invariants.js';

const REDEEMERS = 12; // concurrent clients redeeming
const FILERS = 6; // concurrent clients taking orders through create → dispatch → claim → resolve
const HOUSEHOLDS = 24;
const LIVES = 3; // killed this many times, then started once more for the checks

type Step = 'submitted' | 'dispatched' | 'accepted' | 'resolved';
const RANK: Record<string, number> = { submitted: 0, dispatched: 1, accepted: 2, resolved: 3, closed: 4 };

interface Redeem {
  key: string;
  account: ResidentAccount;
  itemId: string;
  /** the 201's redemption, or null when the request got no answer (the server died) */
  id: string | null;
  points?: number;
}

let fresh: FreshDatabase | undefined;
let db: Db | undefined;
afterAll(async () => {
  await db?.$disconnect();
  await stopAllChildren(); // also one still starting, should the test have timed out in a restart
  await fresh?.drop();
});

/** Every post the demo bot made, by group, from its log line, over every life of the server. */
const posted = new Map<string, number>();
/** Called as the line of a post is read: to kill the server right after a post, before it may record it. */
let onPost: (() => void) | null = null;
function readLog(line: string) {
  if (!line.includes('posted to group')) return;
  try {
    const j = JSON.parse(line) as { msg?: string; groupId?: string };
    if (j.msg?.startsWith('[DEMO bot') && j.groupId) {
      posted.set(j.groupId, (posted.get(j.groupId) ?? 0) + 1);
      onPost?.();
    }
  } catch {
    // not a log line
  }
}

/**
 * The database's demo data is there already; the server must not load it again. Everything in the background runs, as deployed.
 * The bot posts about a second apart while the server is to be killed, so that the broadcast spans the kills; the last life,
 * which nothing kills, only finishes it and is checked, so it posts ten times as often.
 */
async function start(url: string, dir: string, life: 'killed' | 'last' = 'killed') {
  return startAppServer(
    url,
    {
      DEMO_DATA: 'false',
      UPLOAD_DIR: path.join(dir, 'uploads'),
      LOG_LEVEL: 'info', // the demo bot logs each post it makes
      BOT_ENABLED: 'true', // demo mode: wechaty-puppet-mock, one group per building
      NOTICE_WORKER: 'true',
      NOTICE_GAP_MIN_SECONDS: life === 'killed' ? '0.6' : '0.06',
      NOTICE_GAP_MAX_SECONDS: life === 'killed' ? '1' : '0.1',
      NOTICE_QUIET_HOURS: 'off',
      SLA_SWEEP_SECONDS: '1',
    },
    { onLine: readLog },
  );
}

/** A request the dying server never answered (as opposed to a wrong answer, which fails the test). */
const cutOff = (e: unknown) => e instanceof TypeError && /fetch failed|terminated|socket/i.test(`${e.message} ${String((e as { cause?: unknown }).cause ?? '')}`);

it('SIGKILL three times during redemptions, order transitions and a broadcast: every 2xx survives, no key charges twice, no group posted twice, invariants hold', async () => {
  const t0 = performance.now();
  fresh = await freshDatabase();
  // a copy of the demo template, migrated as `npm start` migrates: the server finds nothing to apply
  const url = fresh.url;
  db = createDb(url);
  // the demo's own queued notices would mix their posts with the broadcast's
  await db.noticeDelivery.updateMany({ where: { status: { in: ['pending', 'retrying'] } }, data: { status: 'cancelled' } });
  await db.$disconnect();
  let server = await start(url, fresh.dir);
  db = createDb(url);
  try {
    // the cast: households with points, two items (one that sells out), and the 四单 roles
    let base = server.url;
    const accounts = await residentAccounts(db, base, HOUSEHOLDS, { prefix: 'crash' });
    const staff = await signIn(base, 'demo-staff');
    const plenty = await prepareRedemptions(base, staff, accounts.map((a) => a.householdId), { points: 10_000, stock: 100_000, name: '崩溃测试大米' });
    const scarce = (await api(base, 'POST', '/api/shop/items', { token: staff, body: { name: '崩溃测试限量', pointsPrice: 7, stock: 25 } })).body.id as string;
    const lanes = [
      { resident: await signIn(base, 'demo-resident'), worker: await signIn(base, 'demo-gridworker') },
      { resident: await signIn(base, 'demo-resident-2'), worker: await signIn(base, 'demo-gridworker-2') },
    ];
    // the broadcast: every linked group of both communities, about a second apart, so it spans the kills
    const broadcast: string[] = [];
    const composers = [staff, await signIn(base, 'demo-staff-huimin')];
    for (const who of composers) {
      const n = await api(base, 'POST', '/api/notices', { token: who, body: { kind: 'policy', title: '崩溃测试广播', body: '断电重启也只发一次。', audience: { type: 'community' } } });
      expect(n.status, JSON.stringify(n.body)).toBe(201);
      broadcast.push(n.body.id);
    }
    const deliveries = () => db!.noticeDelivery.findMany({ where: { noticeId: { in: broadcast } }, include: { group: { select: { externalId: true } } } });
    const groups = (await deliveries()).length;
    const totalPosts = () => [...posted.values()].reduce((a, b) => a + b, 0);
    expect(groups).toBeGreaterThan(10);

    // the load, until the server dies under it
    let dead = false;
    let cut = 0; // requests sent and never answered, this life
    const redeems: Redeem[] = [];
    const reached = new Map<string, Step>(); // order → the furthest state a 2xx answer reported
    let answered = 0;
    let n = 0;
    const redeemer = async (w: number) => {
      while (!dead) {
        const account = accounts[(n * 5 + w) % accounts.length]!;
        const r: Redeem = { key: `crash-${w}-${n++}`, account, itemId: n % 5 === 0 ? scarce : plenty, id: null };
        redeems.push(r);
        let res;
        try {
          res = await api(base, 'POST', '/api/shop/redemptions', { token: account.token, body: { itemId: r.itemId }, headers: { 'idempotency-key': r.key } });
        } catch (e) {
          if (!dead || !cutOff(e)) throw e;
          cut++;
          return; // no answer: the server is gone; r stays unanswered
        }
        if (res.status === 201) {
          r.id = res.body.id;
          r.points = res.body.points;
          answered++;
        } else {
          expect(res.status, JSON.stringify(res.body)).toBe(409); // sold out: nothing to remember
          redeems.splice(redeems.indexOf(r), 1);
        }
      }
    };
    const filer = async (w: number) => {
      const lane = lanes[w % lanes.length]!;
      const steps: Array<[Step, string, string]> = [
        ['dispatched', staff, 'dispatch'],
        ['accepted', lane.worker, 'claim'],
        ['resolved', lane.worker, 'resolve'],
      ];
      const send = async (p: string, token: string, body: unknown) => {
        try {
          return await api(base, 'POST', p, { token, body });
        } catch (e) {
          if (dead && cutOff(e)) {
            cut++;
            return null;
          }
          throw e;
        }
      };
      while (!dead) {
        const created = await send('/api/orders', lane.resident, { category: 'repair', description: `崩溃测试 ${w}：水管漏水。` });
        if (!created) return;
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const id = created.body.id as string;
        reached.set(id, 'submitted');
        answered++;
        for (const [to, token, action] of steps) {
          const r = await send(`/api/orders/${id}/${action}`, token, action === 'resolve' ? { note: '已处理' } : {});
          if (!r) return;
          expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
          expect(r.body.status).toBe(to);
          reached.set(id, to);
          answered++;
        }
      }
    };

    const lives: Array<{ answered: number; cut: number; sentBefore: number; postedBefore: number; openAfter: number; afterPost: boolean }> = [];
    for (let life = 0; life < LIVES; life++) {
      if (life > 0) {
        // back up on the same database (nothing else may hold it open while it migrates)
        await db.$disconnect();
        server = await start(url, fresh.dir);
        base = server.url;
        db = createDb(url);
      }
      dead = false;
      cut = 0;
      let failure: unknown = null;
      const guard = (work: Promise<void>) =>
        work.catch((e) => {
          failure ??= e;
          dead = true;
        });
      const answeredBefore = answered;
      const postsBefore = totalPosts();
      const load = Promise.all([...Array.from({ length: REDEEMERS }, (_, w) => guard(redeemer(w))), ...Array.from({ length: FILERS }, (_, w) => guard(filer(w)))]);

      // kill it with the load in full swing and the broadcast under way, at a different point each life:
      // first once orders have gone all the way and the bot has posted; then the moment the bot has
      // posted again, most likely before its worker recorded the post (a send interrupted)
      const deadline = Date.now() + 30_000;
      const ready = () =>
        answered - answeredBefore >= 40 &&
        (life > 0 || (totalPosts() > postsBefore && [...reached.values()].filter((st) => st === 'resolved').length >= 3));
      while (!ready()) {
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error(`life ${life}: the load or the broadcast did not get going: ${answered - answeredBefore} answers\n${server.output().slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      const victim = server;
      let killedAfterPost = false;
      if (life === 0) {
        await new Promise((r) => setTimeout(r, Math.random() * 100));
      } else {
        // the next post, or (the broadcast done) a few seconds more of load
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 8_000);
          onPost = () => {
            killedAfterPost = true;
            dead = true;
            victim.child.kill('SIGKILL'); // here and now, from the line's own callback
            clearTimeout(timer);
            resolve();
          };
        });
        onPost = null;
      }
      dead = true;
      await victim.kill();
      await load;
      if (failure) throw failure;
      // the leases of the dead worker would run out in two minutes; the test does not wait for that
      // (the worker of the next life reads them as a worker that died: delivery.test.ts)
      await db.noticeDelivery.updateMany({ where: { claimedBy: { contains: `-${server.pid}-` } }, data: { claimedUntil: new Date(0) } });
      const open = (await deliveries()).filter((d) => d.status === 'pending' || d.status === 'retrying').length;
      // posts the bot made in this life (its log lines): a post whose send the worker had not yet recorded counts here, not in `sent`
      lives.push({ answered: answered - answeredBefore, cut, sentBefore: groups - open, postedBefore: totalPosts() - postsBefore, openAfter: open, afterPost: killedAfterPost });
    }
    const tLoad = performance.now();
    // every kill cut requests off mid-way, and the broadcast was under way at the first one
    expect(lives.map((l) => l.cut > 0)).toEqual(lives.map(() => true));
    expect(lives[0]!.postedBefore).toBeGreaterThan(0);
    expect(lives[0]!.openAfter).toBeGreaterThan(0);

    await db.$disconnect();
    const lastStart = new Date();
    server = await start(url, fresh.dir, 'last');
    base = server.url;
    db = createDb(url);
    const tRestart = performance.now();

    // the broadcast finishes: each group posted once at most; each delivery sent, or marked interrupted
    const end = Date.now() + 60_000;
    while ((await deliveries()).some((d) => d.status === 'pending' || d.status === 'retrying')) {
      if (Date.now() > end) throw new Error(`the broadcast never finished: ${JSON.stringify((await deliveries()).map((d) => d.status))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const final = await deliveries();
    // The mock WeChat lives and dies inside the server: its log line is the only witness of a post,
    // and a kill between the post and its line loses the line. So a post is known for certain only
    // in the last life, which nothing kills; its lines may trail the recorded sends by a moment.
    const lastLife = final.filter((d) => d.status === 'sent' && d.sentAt! >= lastStart);
    const seenBy = Date.now() + 10_000;
    while (lastLife.some((d) => !posted.has(d.group.externalId)) && Date.now() < seenBy) await new Promise((r) => setTimeout(r, 50));
    // (the grids' work groups also get the sweeper's alerts on the demo's overdue emergencies: not counted here)
    const broadcastGroups = new Set(final.map((d) => d.group.externalId));
    expect([...posted.entries()].filter(([g, k]) => broadcastGroups.has(g) && k > 1)).toEqual([]); // no group posted twice
    expect(lastLife.filter((d) => posted.get(d.group.externalId) !== 1).map((d) => d.group.externalId)).toEqual([]);
    // none lost silently: sent, or 可能已发出 for staff to see (it may or may not have reached the group)
    const unsure = (d: { status: string; lastError: string | null }) =>
      d.status === 'possibly_sent' && (d.lastError === REASON_INTERRUPTED || d.lastError === REASON_TIMEOUT);
    const unsettled = final.filter((d) => d.status !== 'sent' && !unsure(d));
    expect(unsettled.map((d) => [d.status, d.lastError])).toEqual([]);
    // staff pressing 重发失败的群 on the broadcast sends none of those again: nothing failed plainly
    for (const [i, id] of broadcast.entries()) {
      const retry = await api(base, 'POST', `/api/notices/${id}/retry`, { token: composers[i]!, body: {} });
      expect(retry.status, JSON.stringify(retry.body)).toBe(409);
    }
    expect((await deliveries()).filter((d) => d.status === 'pending' || d.status === 'retrying')).toEqual([]);
    expect(final.filter((d) => d.status === 'sent').length).toBeGreaterThan(groups / 2);

    const done = redeems.filter((r) => r.id);
    const unanswered = redeems.filter((r) => !r.id);
    expect(done.length).toBeGreaterThan(20);

    // every answered redemption is there, reserved, with its one ledger entry
    const rows = await db.redemption.findMany({ where: { id: { in: done.map((r) => r.id!) } }, select: { id: true, status: true, points: true, householdId: true } });
    expect(rows.length).toBe(done.length);
    expect(rows.every((r) => r.status === 'reserved')).toBe(true);
    const entries = await db.pointsEntry.findMany({ where: { reference: { in: done.map((r) => `redeem:${r.id}`) } }, select: { reference: true, amount: true } });
    const booked = new Map(entries.map((e) => [e.reference, e.amount]));
    for (const r of done) expect(booked.get(`redeem:${r.id}`), r.key).toBe(-r.points!);

    // retrying any key, answered or not, ends with one redemption per key and charges nothing again
    const balances = async () =>
      new Map((await db!.pointsAccount.findMany({ where: { householdId: { in: accounts.map((a) => a.householdId) } } })).map((a) => [a.householdId, a.balance]));
    const before = await balances();
    const retry = (r: Redeem) => api(base, 'POST', '/api/shop/redemptions', { token: r.account.token, body: { itemId: r.itemId }, headers: { 'idempotency-key': r.key } });
    for (let i = 0; i < done.length; i += 10) {
      const replies = await Promise.all(done.slice(i, i + 10).map(retry));
      replies.forEach((res, j) => {
        const r = done[i + j]!;
        expect(res.status, r.key).toBe(201);
        expect(res.body.id, r.key).toBe(r.id);
        expect(res.headers.get('idempotent-replayed'), r.key).toBe('true');
      });
    }
    expect(await balances()).toEqual(before);
    // a key whose answer was lost either committed (replayed now) or did not (done now)
    let replayed = 0;
    for (const r of unanswered) {
      const res = await retry(r);
      if (res.status === 409 && res.body.error?.reason === 'sold_out') continue;
      expect(res.status, `${r.key}: ${JSON.stringify(res.body)}`).toBe(201);
      if (res.headers.get('idempotent-replayed') === 'true') replayed++;
      r.id = res.body.id;
    }
    const ours = await db.redemption.findMany({ where: { householdId: { in: accounts.map((a) => a.householdId) } }, select: { id: true } });
    expect(ours.map((r) => r.id).sort()).toEqual(redeems.filter((r) => r.id).map((r) => r.id!).sort());

    // every order transition that was answered is there, and no timeline skips a state
    const orders = await db.order.findMany({ where: { id: { in: [...reached.keys()] } }, select: { id: true, status: true } });
    expect(orders.length).toBe(reached.size);
    for (const o of orders) expect(RANK[o.status]!, `order ${o.id}: answered ${reached.get(o.id)}, now ${o.status}`).toBeGreaterThanOrEqual(RANK[reached.get(o.id)!]!);
    expect(await orderTimelineProblems(db)).toEqual([]);
    expect(await pointsInvariantProblems(db)).toEqual([]);

    // and the restarted server carries on
    const after = await api(base, 'POST', '/api/orders', { token: lanes[0]!.resident, body: { category: 'repair', description: '重启之后再报一单。' } });
    expect(after.status).toBe(201);

    console.info(
      `crash test on ${url.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}: ${done.length} redemptions and ${[...reached.values()].length} orders answered over ${LIVES} SIGKILLs ` +
        `(requests cut off per kill: ${lives.map((l) => l.cut).join(', ')}; ${unanswered.length} redemptions unanswered, ${replayed} of them had committed); ` +
        `broadcast to ${groups} groups (killed right after a post: ${lives.filter((l) => l.afterPost).length}): ${final.filter((d) => d.status === 'sent').length} sent, ${final.filter((d) => d.status === 'possibly_sent').length} 可能已发出, sent before the first kill ${lives[0]!.sentBefore}; ` +
        `setup and ${LIVES} lives ${((tLoad - t0) / 1000).toFixed(1)} s, restart ${((tRestart - tLoad) / 1000).toFixed(1)} s, checks ${((performance.now() - tRestart) / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    // what the server said last: a crash of its own is not one of ours
    console.error(`the server's last output:\n${server.output().slice(-6000)}`);
    throw e;
  }
}, 400_000);
