// A broadcast to 109 building groups (平远新城's count) through the real bot on
// wechaty-puppet-mock, on a simulated clock. Prints how long the broadcast takes
// at the configured throttle (the sum of the random gaps: simulated time) and
// how much real time the project's own code spends per post.
//
//   npm run bench:broadcast -- [rounds=5]
//
// Environment variables of server/config.ts apply (NOTICE_GAP_MIN_SECONDS …).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../../server/config.js';
import { createDb, tuneSqlite } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { seedDemo } from '../../server/demo/seed.js';
import { startMockBot } from '../../server/bot/mockBot.js';
import type { Channel } from '../../server/notices/channel.js';
import { createNotice } from '../../server/notices/composeNotice.js';
import { DeliveryWorker } from '../../server/notices/deliveryWorker.js';
import { nextLocalHour } from '../../server/notices/throttle.js';
import { schemaSql } from '../../scripts/prisma-cli.js';

const GROUPS = 109;
const rounds = Number(process.argv[2] ?? 5);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-bench-'));
const file = path.join(dir, 'bench.db');
const raw = new Database(file);
raw.exec(schemaSql());
raw.close();

const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: `file:${file}`, UPLOAD_DIR: path.join(dir, 'uploads'), LOG_LEVEL: 'silent' });
const db = createDb(config.databaseUrl);
await tuneSqlite(db);
// a weekday 10:00 in China, outside the quiet hours
let now = nextLocalHour(new Date(), 10, config.notices.timeZone).getTime();
const deps = buildDeps(config, db, createLogger('silent'), { clock: () => new Date(now) });
await seedDemo(deps);

// one community with 109 buildings, each linked to its own group
const community = await db.community.create({ data: { name: '平远e家测试社区', estate: '平远新城', district: '贵州省毕节市织金县' } });
const grid = await db.grid.create({ data: { communityId: community.id, name: '第1网格' } });
const buildings = await Promise.all(
  Array.from({ length: GROUPS }, (_, i) => db.building.create({ data: { communityId: community.id, gridId: grid.id, name: `平远${i + 1}栋` } })),
);
const BOT = 'bench-bot';
for (const b of buildings) {
  const g = await db.chatGroup.create({
    data: { channel: 'wechaty', senderId: BOT, externalId: `bench-${b.id}@chatroom`, topic: `${b.name}居民群`, communityId: community.id, seenAt: new Date(now), createdAt: new Date(now) },
  });
  await db.buildingGroup.create({ data: { buildingId: b.id, communityId: community.id, groupId: g.id, linkedAt: new Date(now) } });
}

const m = await startMockBot(deps, {
  selfId: BOT,
  selfName: 'bench',
  mode: 'demo',
  groups: buildings.map((b) => ({ id: `bench-${b.id}@chatroom`, topic: `${b.name}居民群` })),
  members: (mocker) => [mocker.createContact({ name: '居民' })],
});

// time spent inside Wechaty and the mock puppet, to tell it apart from the project's own
let channelMs = 0;
const timed: Channel = {
  name: 'wechaty',
  minGapMs: m.bot.channel.minGapMs,
  senders: () => m.bot.channel.senders(),
  send: async (t, p) => {
    const t0 = performance.now();
    try {
      await m.bot.channel.send(t, p);
    } finally {
      channelMs += performance.now() - t0;
    }
  },
};

const results: Array<{ simulatedS: number; realMs: number; channelMs: number; stepMs: number; steps: number }> = [];
for (let r = 0; r < rounds; r++) {
  now = nextLocalHour(new Date(now + 86400_000 - 3600_000), 10, config.notices.timeZone).getTime(); // a fresh day: the cap resets
  const start = now;
  await db.$transaction((tx) =>
    createNotice(tx, {
      communityId: community.id,
      kind: 'policy',
      title: `惠民政策第${r + 1}期`,
      body: '2026年度城乡居民医保开始缴费，每人380元，低保户、特困人员由政府资助。'.repeat(3),
      imageId: null,
      pagePath: null,
      audience: 'community',
      audienceIds: [],
      buildingIds: buildings.map((b) => b.id),
      sendAt: new Date(now),
      createdById: null,
      source: null,
      now: new Date(now),
    }),
  );
  channelMs = 0;
  let last = start;
  const worker = new DeliveryWorker(deps, {
    channels: [timed],
    idleMs: 3600_000,
    sleep: async (ms) => {
      now += ms;
    },
  });
  // the worker's own steps (what production runs), apart from the benchmark's end-of-run check
  let stepMs = 0;
  let steps = 0;
  const step = worker.step.bind(worker);
  worker.step = async () => {
    const s0 = performance.now();
    try {
      return await step();
    } finally {
      stepMs += performance.now() - s0;
      steps++;
    }
  };
  const t0 = performance.now();
  await worker.runUntilIdle();
  const realMs = performance.now() - t0;
  const sent = await db.noticeDelivery.findMany({ where: { notice: { title: `惠民政策第${r + 1}期` } }, select: { status: true, sentAt: true } });
  if (sent.length !== GROUPS || sent.some((d) => d.status !== 'sent')) throw new Error(`round ${r + 1}: not every group got it`);
  last = Math.max(...sent.map((d) => d.sentAt!.getTime()));
  results.push({ simulatedS: (last - start) / 1000, realMs, channelMs, stepMs, steps });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sim = results.map((r) => r.simulatedS);
const own = results.map((r) => (r.stepMs - r.channelMs) / GROUPS);
const chan = results.map((r) => r.channelMs / GROUPS);
const gapMean = (config.notices.gapMinMs + config.notices.gapMaxMs) / 2000;
console.log(`broadcast to ${GROUPS} groups, gap ${config.notices.gapMinMs / 1000}–${config.notices.gapMaxMs / 1000} s, ${rounds} rounds`);
console.log(`  simulated duration (first post → last): mean ${mean(sim).toFixed(0)} s (${(mean(sim) / 60).toFixed(1)} min), min ${Math.min(...sim).toFixed(0)} s, max ${Math.max(...sim).toFixed(0)} s; expected ≈ ${GROUPS - 1} × ${gapMean} s = ${((GROUPS - 1) * gapMean).toFixed(0)} s`);
console.log(`  real time per post: project code (claim, throttle, record, and the look for more work while a gap runs) ${mean(own).toFixed(2)} ms; Wechaty + mock puppet ${mean(chan).toFixed(2)} ms`);
console.log(`  project overhead for the whole broadcast: ${(mean(own) * GROUPS / 1000).toFixed(2)} s of ${mean(sim).toFixed(0)} s (${((mean(own) * GROUPS) / 10 / mean(sim)).toFixed(2)} %)`);
for (const [i, r] of results.entries()) {
  console.log(`  round ${i + 1}: simulated ${r.simulatedS.toFixed(0)} s; real ${r.realMs.toFixed(0)} ms in all, ${r.stepMs.toFixed(0)} ms in ${r.steps} worker steps, of which ${r.channelMs.toFixed(0)} ms in the channel`);
}

await m.bot.stop();
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
