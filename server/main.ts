// `npm start`: migrate, load the demo data into an empty database, serve.
import crypto from 'node:crypto';
import os from 'node:os';
import { loadConfigOrExit } from './config.js';
import { holdLease, releaseLeases } from './leases.js';
import { createApp } from './app.js';
import { keepConnectionsLongerThanProxy } from './httpServer.js';
import { createDb, kindOf, redactDatabaseUrl, tuneSqlite, type Db } from './db.js';
import { startWalCheckpointer } from './walCheckpointer.js';
import type { Logger } from './logger.js';
import { buildDeps } from './deps.js';
import { createLogger } from './logger.js';
import { DatabaseLockedError, migrateDatabase } from './migrate.js';
import { databaseIsEmpty, seedDemo } from './demo/index.js';
import { escalateOverdueOrders, forgetOldOrderPhotos, sendOverdueDigests } from './orders/index.js';
import { forgetOldAccessLog } from './accessLog/index.js';
import { FakeWechatClient } from './auth/index.js';
import { startGroupBot } from './bot/index.js';
import { startNotices } from './notices/index.js';
import { startBackgroundTasks } from './background.js';
import { expirePoints } from './points/index.js';
import { generateMonthlySurveys } from './employment/index.js';
import { resealIdNumbers } from './org/index.js';

async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);

  await migrateDatabase(config.databaseUrl);
  const db = createDb(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    cachePlans: config.queryPlanCache,
    onPoolError: (err) => logger.warn({ err }, 'an idle database connection was closed by the server; it is replaced on next use'),
  });
  await tuneSqlite(db);
  const checkpointer = await startCheckpointsOffThread(db, config.databaseUrl, logger);
  const deps = buildDeps(config, db, logger);
  if (deps.wechat instanceof FakeWechatClient) {
    logger.warn('WECHAT_APPID/WECHAT_SECRET not set: WeChat login is the development fake (code "fake:<openid>")');
  }

  // ID numbers written before they were encrypted (a database from before 2026-12-05, or rows
  // loaded by hand) are sealed before the first request: a row without a hash is one of them
  const sealed = await resealIdNumbers(deps, { onlyPlaintext: true });
  if (sealed.resealed) logger.info({ ...sealed }, 'ID numbers in plain text encrypted');
  if (sealed.duplicates) logger.warn({ duplicates: sealed.duplicates }, 'residents share an ID number with another: encrypted, not searchable until staff correct them');

  if (config.demoData && (await databaseIsEmpty(db))) {
    const t = performance.now();
    await seedDemo(deps);
    logger.info({ ms: Math.round(performance.now() - t) }, 'demo data loaded (dev-login openids: demo-resident, demo-staff, …)');
  }

  const app = createApp(deps);
  const server = app.listen(config.port, config.host, () => {
    logger.info({ url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`, db: redactDatabaseUrl(config.databaseUrl) }, 'e家社区 server listening');
  });
  keepConnectionsLongerThanProxy(server);

  const instanceId = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const stopTasks = startBackgroundTasks(
    [
      { name: 'sla-escalation', everyMs: config.slaSweepMs, run: () => escalateOverdueOrders(deps) },
      // 超时工单日报 at 08:30 local time, once per community and day (an OverdueDigest row each)
      { name: 'overdue-digest', everyMs: config.slaSweepMs, run: () => sendOverdueDigests(deps) },
      { name: 'points-expiry', everyMs: config.pointsExpirySweepMs, run: () => expirePoints(deps) },
      // 就业摸底: this month's survey of every community, generated once the month begins (on the 1st); hourly, and a no-op once generated
      { name: 'employment-survey', everyMs: 3600_000, run: () => generateMonthlySurveys(deps) },
      // retention (shared/retention.ts): order photos a year after the order closed, access-log entries after three years
      { name: 'retention', everyMs: config.retentionSweepMs, run: async () => ({ orderPhotos: await forgetOldOrderPhotos(deps), accessLogEntries: await forgetOldAccessLog(deps) }) },
    ],
    logger,
    // held for three periods: a holder that died is replaced within that
    (task) => holdLease(deps, task.name, instanceId, task.everyMs * 3),
  );

  // automatic notices and subscribe messages follow the domain events from the first request on
  const notices = startNotices(deps);
  // the group bot, started while the API already answers (loading wechaty takes a second or more);
  // one that fails to start must not take the API down (WeCom robot groups still get their notices)
  const botStarted = startGroupBot(deps)
    .catch((err) => {
      logger.error({ err }, 'group bot did not start');
      return null;
    })
    .then((bot) => {
      notices.startDelivery(bot ? [bot.channel] : []);
      return bot;
    });

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // a bot still starting is let finish (for a few seconds: a puppet's service may not answer), then stopped
    const bot = await Promise.race([botStarted, new Promise<null>((r) => setTimeout(() => r(null), 5000).unref())]);
    await notices.stop(); // finishes and records the group post in hand
    await bot?.stop();
    stopTasks();
    await releaseLeases(deps, instanceId).catch(() => {}); // another instance takes over at once
    server.close();
    await checkpointer?.stop();
    await db.$disconnect();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** SQLite on a file: WAL checkpoints in a worker thread (server/walCheckpointer.ts). */
async function startCheckpointsOffThread(db: Db, databaseUrl: string, logger: Logger) {
  const file = databaseUrl.slice('file:'.length);
  if (kindOf(db) !== 'sqlite' || file === ':memory:') return null;
  await db.$queryRawUnsafe('PRAGMA wal_autocheckpoint = 0');
  return startWalCheckpointer(file, logger, () => db.$queryRawUnsafe('PRAGMA wal_autocheckpoint = 1000'));
}

main().catch((err) => {
  // a database file held by another process is said in one plain sentence, not a stack
  console.error(err instanceof DatabaseLockedError ? `cannot start: ${err.message}` : err);
  process.exit(1);
});
