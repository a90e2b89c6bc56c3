// Signing in: through WeChat, or (outside production) as a known openid.
import type { AppContext, Deps } from '../context.js';
import { AppError } from '../errors.js';
import { mayHaveConsolePassword } from '../policies/index.js';
import { refuseForeignOrigin } from './consoleSession.js';
import { startConsoleSession } from './consoleSignIn.js';
import { loadViewer } from './viewer.js';
import { presentSignIn } from './presenter.js';
import { issueSession } from './sessions.js';

/** wx.login code → openid → user (created on first sight, unlinked until staff link them to a resident). */
export async function loginWithWechat(deps: Deps, code: string) {
  const { openid, unionid } = await deps.wechat.code2Session(code);
  const existing = await deps.db.wechatIdentity.findUnique({ where: { openid } });
  const userId =
    existing?.userId ??
    (
      await deps.db.user.create({
        data: { displayName: '微信用户', identities: { create: { openid, ...(unionid ? { unionid } : {}) } } },
      })
    ).id;
  return presentSignIn(await issueSession(deps, userId), userId, !existing);
}

/** Development and tests only: sign in as an existing openid without WeChat. */
export async function devLogin(deps: Deps, openid: string) {
  if (deps.config.production) throw new AppError('not_found', 'dev-login is not available in production');
  const identity = await deps.db.wechatIdentity.findUnique({ where: { openid } });
  if (!identity) throw new AppError('not_found', `openid: no account ${openid}`);
  return presentSignIn(await issueSession(deps, identity.userId), identity.userId, false);
}

/**
 * Development and tests only: the console's demo accounts sign in to the same cookie
 * session a password or a scan starts (httpOnly cookie, CSRF token on every write, the
 * Origin checked), so every console walk goes the way production does.
 */
export async function devConsoleLogin(deps: Deps, ctx: AppContext, openid: string) {
  if (deps.config.production) throw new AppError('not_found', 'dev-login is not available in production');
  refuseForeignOrigin(ctx);
  const identity = await deps.db.wechatIdentity.findUnique({ where: { openid } });
  if (!identity) throw new AppError('not_found', `openid: no account ${openid}`);
  const account = await loadViewer(deps.db, identity.userId);
  if (!account || !mayHaveConsolePassword(account)) {
    throw new AppError('forbidden', 'this account has no staff-side role: the console is not for it', undefined, 'no_console_role');
  }
  return startConsoleSession(deps, ctx, account, false);
}
