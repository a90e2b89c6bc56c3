// Signing in: through WeChat, or (outside production) as a known openid.
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
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
