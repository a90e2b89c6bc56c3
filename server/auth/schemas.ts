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

// ---- password sign-in and console sessions (server/auth/passwords.ts) ------------

const username = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
/** What a person types as a new password: long enough to resist guessing at the lockout's pace. */
const newPassword = z.string().min(10, 'at least 10 characters').max(128, 'at most 128 characters');

export const passwordSignInBody = z.object({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(128),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, 'required').max(128),
  newPassword,
});

export const setPasswordParams = z.object({ userId: z.string().trim().min(1, 'required').max(40) });
export const setPasswordBody = z.object({ username, password: newPassword });

/** A console sign-in: the session is in the httpOnly cookie set with this answer; no token is in it. */
export const consoleSignedIn = z
  .object({
    userId: z.string(),
    displayName: z.string(),
    expiresAt: isoDate,
    /** the session ends after this many minutes without a request */
    idleMinutes: z.number().int(),
    /** a first password: every route but POST /api/auth/password/change is refused until it is changed */
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'ConsoleSignedIn' });

export const passwordSet = z.object({ userId: z.string(), username: z.string(), mustChangePassword: z.boolean() });

export const sessionList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      /** token: the mini-program; console: a browser */
      kind: z.enum(['token', 'console']),
      createdAt: isoDate,
      expiresAt: isoDate,
      lastSeenAt: isoDate.nullable(),
      userAgent: z.string().nullable(),
      /** the session this request came with */
      current: z.boolean(),
    }),
  ),
});
