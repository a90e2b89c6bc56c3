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

// ---- 扫码登录 (server/auth/qrSignIn.ts) ---------------------------------------------

/** A ticket as the code carries it: 22 base64url characters (WeChat's scene takes at most 32). */
export const qrTicketParams = z.object({
  ticket: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a sign-in code of 22 letters, digits, - or _'),
});

export const qrTicket = z
  .object({
    ticket: z.string(),
    expiresAt: isoDate,
    /** how long it is good from now: a countdown that does not trust the office PC's clock */
    seconds: z.number().int(),
    /** the code to show, as a data: URL (production: the mini-program code; development: a plain QR code of the H5 page) */
    image: z.string(),
  })
  .meta({ id: 'QrTicket' });

const qrStatus = z.enum(['waiting', 'scanned', 'confirmed', 'expired', 'refused', 'used']);

export const qrPoll = z
  .object({
    /** waiting: not scanned yet; scanned: confirm on the phone; confirmed: signed in (this answer set the cookies); expired, refused (cancelled), used: ask for a new code */
    status: qrStatus,
    expiresAt: isoDate,
    /** with `confirmed`: the console session this answer started */
    signedIn: consoleSignedIn.optional(),
  })
  .meta({ id: 'QrPoll' });

export const qrScan = z
  .object({
    status: qrStatus,
    /** the account that will be signed in: the one scanning */
    displayName: z.string(),
    /** the browser that asked for the code, in a few words (Chrome 131 · Windows) */
    browser: z.string(),
    /** its address as the server saw it */
    ip: z.string().nullable(),
    requestedAt: isoDate,
    expiresAt: isoDate,
  })
  .meta({ id: 'QrScan' });

export const qrDecision = z.object({ status: z.enum(['confirmed', 'refused']) });

// ---- 两步验证: TOTP second factor (server/auth/totp.ts) ---------------------------------

/** What an authenticator shows: 6 digits (spaces typed between them are dropped). */
const totpCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, '6 digits'));
/** A recovery code as printed (xxxxx-xxxxx); case, spaces and dashes do not matter. */
const recoveryCode = z.string().trim().min(1, 'required').max(40);

const secondFactor = { code: totpCode.optional(), recoveryCode: recoveryCode.optional() };
/** Exactly one of a code and a recovery code: a missing one is named as `code`. */
const oneOf = (b: { code?: string | undefined; recoveryCode?: string | undefined }) => (b.code === undefined) !== (b.recoveryCode === undefined);
const oneOfMessage = { path: ['code'], message: 'the 6-digit code, or else a recoveryCode (one of the two)' };

export const totpConfirmBody = z.object({ code: totpCode });

export const totpSignInBody = z
  .object({
    /** the challenge POST /api/auth/password answered */
    challenge: z.string().trim().min(1, 'required').max(400),
    ...secondFactor,
  })
  .refine(oneOf, oneOfMessage);

export const totpDisableBody = z.object({ currentPassword: z.string().min(1, 'required').max(128), ...secondFactor }).refine(oneOf, oneOfMessage);

/** A right password of an account with 两步验证 on: no session yet; the code goes to POST /api/auth/password/totp. */
export const secondStep = z
  .object({
    secondFactor: z.literal('totp'),
    /** signed, good for 5 minutes, and only in this browser (its httpOnly nonce cookie) */
    challenge: z.string(),
    expiresAt: isoDate,
  })
  .meta({ id: 'SecondStep' });

/** POST /api/auth/password: the console session, or the second step it still needs. */
export const passwordSignedIn = z.union([consoleSignedIn, secondStep]);

export const twoStepStatus = z
  .object({
    /** this account signs in with a password at all (两步验证 guards that sign-in) */
    passwordSignIn: z.boolean(),
    enabled: z.boolean(),
    enabledAt: isoDate.nullable(),
    /** recovery codes not yet used */
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'TwoStepStatus' });

/** Shown once, while enrolling: the secret is never sent again. */
export const totpEnrolment = z
  .object({
    /** base32, for typing into the authenticator by hand (grouped by 4 for reading) */
    secret: z.string(),
    /** otpauth://totp/… (SHA1, 6 digits, 30 s): what the QR code holds */
    otpauthUri: z.string(),
    /** the QR code as a data: URL */
    qrImage: z.string(),
  })
  .meta({ id: 'TotpEnrolment' });

export const totpEnabled = z
  .object({
    enabledAt: isoDate,
    /** ten one-time codes, shown this once (only their hashes are kept) */
    recoveryCodes: z.array(z.string()),
  })
  .meta({ id: 'TotpEnabled' });

export const totpReset = z.object({ userId: z.string(), twoStepEnabled: z.literal(false), sessionsEnded: z.number().int() });
