// The group bot account's state (logged in, or waiting for a scan with its login QR),
// written by the process that runs the bot on each puppet event and read by any
// instance for the console's 群管理 page, with today's count against the daily cap.
// The first event of an outage (logged out, or a scan wanted, after being logged in or at
// the first start) raises `bot.out` once: staff are alerted (server/notices/botAlerts.ts)
// and the console shows a banner until the bot logs in again.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { localDay, sentTodayBy } from '../notices/index.js';
import { groupLinkPolicy, maySeeBotBanner, maySeeBotLoginQr } from '../policies/index.js';

const CHANNEL = 'wechaty';

export type BotLoginState = 'logged_in' | 'waiting_scan' | 'logged_out';

export async function recordBotState(
  deps: Deps,
  s: { state: BotLoginState; mode: 'wechat' | 'demo'; accountId?: string; accountName?: string; qrcode?: string },
): Promise<void> {
  const now = deps.clock();
  const before = await deps.db.botAccountState.findUnique({ where: { id: CHANNEL }, select: { state: true, outSince: true } });
  const out = s.state !== 'logged_in';
  // a QR refresh (another scan event) or a logout after the scan wanted is the same outage
  const newOutage = out && !(before && before.state !== 'logged_in' && before.outSince);
  const outSince = out ? (newOutage ? now : before!.outSince) : null;
  const row = {
    state: s.state,
    mode: s.mode,
    // a new scan keeps the account it last knew; logged in or out, the QR is spent
    ...(s.accountId !== undefined ? { accountId: s.accountId } : {}),
    ...(s.accountName !== undefined ? { accountName: s.accountName } : {}),
    qrcode: s.state === 'waiting_scan' ? (s.qrcode ?? null) : null,
    updatedAt: now,
    outSince,
  };
  await deps.db.botAccountState.upsert({ where: { id: CHANNEL }, create: { id: CHANNEL, ...row }, update: row });
  if (newOutage && s.state !== 'logged_in') {
    const accountName = s.accountName ?? (await deps.db.botAccountState.findUnique({ where: { id: CHANNEL }, select: { accountName: true } }))?.accountName ?? null;
    deps.events.emit('bot.out', { since: now, state: s.state, accountName });
  }
}

/**
 * The console's banner while the bot is out: for platform admins and community staff (the
 * console asks for them only). Reading it never alerts anyone: the alert went at the outage's start.
 */
export async function botBanner(deps: Deps, v: Viewer) {
  if (!maySeeBotBanner(v)) throw forbidden('only staff and admins see the group bot banner');
  const row = await deps.db.botAccountState.findUnique({ where: { id: CHANNEL }, select: { state: true, outSince: true, updatedAt: true } });
  if (!row || row.state === 'logged_in') return { out: false, state: (row?.state ?? 'not_running') as BotLoginState | 'not_running', since: null, message: null };
  const state = row.state as BotLoginState;
  return {
    out: true,
    state,
    since: row.outSince ?? row.updatedAt,
    message:
      state === 'waiting_scan'
        ? '群机器人等待扫码登录：在它登录之前，通知发不进微信群。请管理员到「群管理」用机器人的微信扫码。'
        : '群机器人已退出登录：在它重新登录之前，通知发不进微信群。请管理员到「群管理」处理。',
  };
}

/** 群管理: the bot account's state and today's posts against the daily cap; the login QR only to admins. */
export async function botStatus(deps: Deps, v: Viewer) {
  if (!groupLinkPolicy.use(v)) throw forbidden('only community staff see the group bot');
  const now = deps.clock();
  const row = await deps.db.botAccountState.findUnique({ where: { id: CHANNEL } });
  const { dailyCap, timeZone } = deps.config.notices;
  const sentToday = row?.accountId ? await sentTodayBy(deps.db, CHANNEL, row.accountId, localDay(now, timeZone)) : 0;
  const showQr = row?.state === 'waiting_scan' && !!row.qrcode && maySeeBotLoginQr(v);
  return {
    // no row: no process has run the bot on this database (not configured, or not started yet)
    state: (row?.state ?? 'not_running') as BotLoginState | 'not_running',
    mode: (row?.mode ?? null) as 'wechat' | 'demo' | null,
    accountName: row?.accountName ?? null,
    since: row?.updatedAt ?? null,
    ...(showQr ? { loginQr: row!.qrcode! } : {}),
    /** whether this viewer would see the QR while the bot waits for a scan */
    mayScan: maySeeBotLoginQr(v),
    dailyCap,
    sentToday,
  };
}
