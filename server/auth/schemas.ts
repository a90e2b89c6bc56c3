import { z } from 'zod';
import { isoDate } from '../http/fields.js';

export const wechatLoginBody = z.object({
  code: z.string().trim().min(1, 'required').max(128),
});

export const devLoginBody = z.object({
  openid: z.string().trim().min(1, 'required').max(64),
});

// ---- answers -------------------------------------------------------------------

/** A new session: the bearer token to send from now on, and whose it is. */
export const signedIn = z
  .object({
    token: z.string(),
    expiresAt: isoDate,
    userId: z.string(),
    /** A first WeChat sign-in made the account: it belongs to no resident until linked (POST /api/me/link). */
    isNewUser: z.boolean(),
  })
  .meta({ id: 'SignedIn' });

export type WechatLoginBody = z.infer<typeof wechatLoginBody>;
export type DevLoginBody = z.infer<typeof devLoginBody>;
