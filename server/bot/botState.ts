// The group bot account's state (logged in, or waiting for a scan with its login QR),
// written by the process that runs the bot on each puppet event and read by any
// instance for the console's 群管理 page, with today's count against the daily cap.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { localDay, sentTodayBy } from '../notices/index.js';
import { groupLinkPolicy, maySeeBotLoginQr } from '../policies/index.js';

const CHANNEL = 'wechaty';

export type BotLoginState = 'logged_in' | 'waiting_scan' | 'logged_out';

export async function recordBotState(
  deps: Deps,
  s: { state: BotLoginState; mode: 'wechat' | 'demo'; accountId?: string; accountName?: string; qrcode?: string },
): Promise<void> {
  const row = {
    state: s.state,
    mode: s.mode,
    // a new scan keeps the account it last knew; logged in or out, the QR is spent
    ...(s.accountId !== undefined ? { accountId: s.accountId } : {}),
    ...(s.accountName !== undefined ? { accountName: s.accountName } : {}),
    qrcode: s.state === 'waiting_scan' ? (s.qrcode ?? null) : null,
    updatedAt: deps.clock(),
  };
  await deps.db.botAccountState.upsert({ where: { id: CHANNEL }, create: { id: CHANNEL, ...row }, update: row });
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
