// 扫码登录: the staff console's sign-in by scanning a code with the mini-program.
//
//   browser  POST /api/auth/qr              a ticket (2 minutes) and its code; the browser's nonce cookie
//   phone    POST /api/auth/qr/:t/scan      who scanned it (a staff-side account), shown where/when/which browser
//   phone    POST /api/auth/qr/:t/confirm   …or /cancel
//   browser  GET  /api/auth/qr/:t           polled: waiting → scanned → confirmed (the console session, once)
//
// The ticket is in the code for anyone who sees the screen; what makes it safe is
// that only the account that scanned may confirm, only after its owner looked at
// the browser and place, and only the browser holding the nonce (an httpOnly
// cookie set with the ticket) may pick the session up, once. Both are kept only
// as HMACs. Nothing of the ticket, nonce or address goes into a log line.
import crypto from 'node:crypto';
import type { AppContext, Deps } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { mayUseConsole } from '../policies/index.js';
import { qrNonceOf, refuseForeignOrigin, setQrNonceCookie } from './consoleSession.js';
import { startConsoleSession } from './consoleSignIn.js';
import { describeBrowser } from './userAgent.js';
import { loadViewer, type Viewer } from './viewer.js';

/** The mini-program's confirm page (client/packages/signin/confirm): the code opens it with the ticket as `scene`. */
export const QR_CONFIRM_PAGE = 'packages/signin/confirm/index';
/** A confirmed ticket stays good this long for the browser to pick it up, even past its two minutes (the poll's gap). */
const PICKUP_GRACE_MS = 30_000;
/** Spent and expired tickets are deleted this long after they expire (the next ticket made sweeps them). */
const KEEP_MS = 3600_000;

export type QrStatus = 'waiting' | 'scanned' | 'confirmed' | 'expired' | 'refused' | 'used';

interface TicketRow {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  expiresAt: Date;
  scannedBy: string | null;
  scannedAt: Date | null;
  confirmedAt: Date | null;
  refusedAt: Date | null;
  consumedAt: Date | null;
  nonceHash: string;
}

const hmac = (deps: Deps, purpose: string, value: string) =>
  crypto.createHmac('sha256', deps.config.sessionSecret).update(`${purpose}:${value}`).digest('base64url');
const ticketHash = (deps: Deps, ticket: string) => hmac(deps, 'qr-ticket', ticket);
const nonceHash = (deps: Deps, nonce: string) => hmac(deps, 'qr-nonce', nonce);

function statusOf(t: TicketRow, now: Date): QrStatus {
  if (t.consumedAt) return 'used';
  if (t.refusedAt) return 'refused';
  if (t.expiresAt <= now) return 'expired';
  if (t.confirmedAt) return 'confirmed';
  if (t.scannedAt) return 'scanned';
  return 'waiting';
}

async function findTicket(deps: Deps, ticket: string): Promise<TicketRow | null> {
  return deps.db.qrSignInTicket.findUnique({ where: { ticketHash: ticketHash(deps, ticket) } });
}

/** POST /api/auth/qr: a new ticket for this browser, and the code that carries it. */
export async function createQrTicket(deps: Deps, ctx: AppContext) {
  // a page of another site may not start a sign-in for this browser (login CSRF)
  refuseForeignOrigin(ctx);
  const now = deps.clock();
  const ticket = crypto.randomBytes(16).toString('base64url'); // 22 characters: WeChat's scene takes 32
  const nonce = qrNonceOf(ctx) ?? crypto.randomBytes(32).toString('base64url');
  // the code first: when WeChat makes none, nothing is written
  const code = await deps.wechat.miniProgramCode({ scene: ticket, page: QR_CONFIRM_PAGE, h5Origin: ctx.origin });
  const expiresAt = new Date(now.getTime() + deps.config.qrSignInMs);
  await deps.db.qrSignInTicket.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
  await deps.db.qrSignInTicket.create({
    data: {
      ticketHash: ticketHash(deps, ticket),
      nonceHash: nonceHash(deps, nonce),
      userAgent: ctx.get('user-agent').slice(0, 200) || null,
      ip: ctx.ip || null,
      createdAt: now,
      expiresAt,
    },
  });
  setQrNonceCookie(ctx, nonce);
  ctx.set('Cache-Control', 'no-store');
  return { ticket, expiresAt, seconds: deps.config.qrSignInMs / 1000, image: `data:${code.contentType};base64,${code.image.toString('base64')}` };
}

/**
 * GET /api/auth/qr/:ticket, polled by the browser that asked for it. A confirmed
 * ticket is spent by the first poll that sees it: that poll starts the console
 * session (the cookies) exactly as a password sign-in does. Another browser, without
 * the nonce, learns nothing: 404 as for a ticket that never was.
 */
export async function pollQrTicket(deps: Deps, ctx: AppContext, ticket: string) {
  refuseForeignOrigin(ctx);
  // polled every second or two: never an answer from a cache
  ctx.set('Cache-Control', 'no-store');
  const nonce = qrNonceOf(ctx);
  const row = await findTicket(deps, ticket);
  if (!row || !nonce || !sameHash(row.nonceHash, nonceHash(deps, nonce))) throw notFound('sign-in code');
  const now = deps.clock();
  const status = statusOf(row, now);
  if (status !== 'confirmed') return { status, expiresAt: row.expiresAt };
  // spent here, once: of two polls racing, one wins the update
  const spent = await deps.db.qrSignInTicket.updateMany({ where: { id: row.id, consumedAt: null, refusedAt: null }, data: { consumedAt: now } });
  if (spent.count !== 1) return { status: 'used' as const, expiresAt: row.expiresAt };
  const account = row.scannedBy ? await loadViewer(deps.db, row.scannedBy) : null;
  // a role taken away between the scan and now: no session
  if (!account || !mayUseConsole(account)) return { status: 'refused' as const, expiresAt: row.expiresAt };
  const cred = await deps.db.passwordCredential.findUnique({ where: { userId: account.userId }, select: { mustChange: true } });
  const signedIn = await startConsoleSession(deps, ctx, account, cred?.mustChange ?? false);
  return { status: 'confirmed' as const, expiresAt: row.expiresAt, signedIn };
}

const sameHash = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

function refused(status: QrStatus): AppError {
  switch (status) {
    case 'expired':
      return new AppError('conflict', 'this sign-in code has expired: refresh it in the browser and scan again', undefined, 'expired');
    case 'refused':
      return new AppError('conflict', 'this sign-in was cancelled: refresh the code in the browser and scan again', undefined, 'refused');
    default:
      return new AppError('conflict', 'this sign-in code has been used: refresh it in the browser and scan again', undefined, 'used');
  }
}

function mustBeStaff(viewer: Viewer) {
  if (!mayUseConsole(viewer)) {
    throw new AppError('forbidden', 'this account has no staff-side role (网格员, 社区干部, 党组织, 管理员): it cannot sign in to the console', undefined, 'no_console_role');
  }
}

/** What the phone shows before its owner confirms: which account, which browser, where, when. */
function scanView(viewer: Viewer, row: TicketRow, status: QrStatus) {
  return {
    status,
    displayName: viewer.displayName,
    browser: describeBrowser(row.userAgent),
    ip: row.ip,
    requestedAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

/**
 * POST /api/auth/qr/:ticket/scan: the confirm page opened with the ticket. The first
 * staff-side account to scan holds it; scanning again (the page reopened) is fine,
 * another account's scan is refused (taken).
 */
export async function scanQrTicket(deps: Deps, viewer: Viewer, ticket: string) {
  mustBeStaff(viewer);
  const row = await findTicket(deps, ticket);
  if (!row) throw notFound('sign-in code');
  const now = deps.clock();
  const status = statusOf(row, now);
  if (row.scannedBy && row.scannedBy !== viewer.userId) throw new AppError('conflict', 'another account has scanned this code', undefined, 'taken');
  if (status === 'scanned' || status === 'confirmed') return scanView(viewer, row, status);
  if (status !== 'waiting') throw refused(status);
  const r = await deps.db.qrSignInTicket.updateMany({
    where: { id: row.id, scannedBy: null, refusedAt: null, consumedAt: null, expiresAt: { gt: now } },
    data: { scannedBy: viewer.userId, scannedAt: now },
  });
  if (r.count !== 1) throw new AppError('conflict', 'another account has scanned this code', undefined, 'taken');
  return scanView(viewer, { ...row, scannedBy: viewer.userId, scannedAt: now }, 'scanned');
}

/** POST /api/auth/qr/:ticket/confirm: the account that scanned signs the browser in (it picks the session up at its next poll). */
export async function confirmQrTicket(deps: Deps, viewer: Viewer, ticket: string) {
  mustBeStaff(viewer);
  const row = await findTicket(deps, ticket);
  // scanned by someone else: as if it did not exist for this account
  if (!row || (row.scannedBy && row.scannedBy !== viewer.userId)) throw notFound('sign-in code');
  const now = deps.clock();
  const status = statusOf(row, now);
  if (status === 'waiting') throw new AppError('conflict', 'scan the code first (POST …/scan)', undefined, 'not_scanned');
  if (status !== 'scanned') throw refused(status);
  const expiresAt = new Date(Math.max(row.expiresAt.getTime(), now.getTime() + PICKUP_GRACE_MS));
  const r = await deps.db.qrSignInTicket.updateMany({
    where: { id: row.id, scannedBy: viewer.userId, confirmedAt: null, refusedAt: null, consumedAt: null, expiresAt: { gt: now } },
    data: { confirmedAt: now, expiresAt },
  });
  if (r.count !== 1) throw refused('used');
  return { status: 'confirmed' as const };
}

/** POST /api/auth/qr/:ticket/cancel: the account that scanned says no; the browser shows it and offers a new code. */
export async function cancelQrTicket(deps: Deps, viewer: Viewer, ticket: string) {
  mustBeStaff(viewer);
  const row = await findTicket(deps, ticket);
  if (!row || (row.scannedBy && row.scannedBy !== viewer.userId)) throw notFound('sign-in code');
  const now = deps.clock();
  const status = statusOf(row, now);
  if (status === 'refused') return { status: 'refused' as const };
  // only the account that scanned it: a code seen over a shoulder cannot be cancelled by a colleague
  if (status === 'waiting') throw new AppError('conflict', 'scan the code first (POST …/scan)', undefined, 'not_scanned');
  if (status !== 'scanned') throw refused(status);
  const r = await deps.db.qrSignInTicket.updateMany({
    where: { id: row.id, scannedBy: viewer.userId, confirmedAt: null, refusedAt: null, consumedAt: null },
    data: { refusedAt: now },
  });
  if (r.count !== 1) throw refused('used');
  return { status: 'refused' as const };
}
