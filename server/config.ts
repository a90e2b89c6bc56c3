// All configuration is read and validated here, once, at start-up.
import path from 'node:path';
import { z } from 'zod';

/** The secret a development checkout runs with; production refuses it. */
export const DEFAULT_SESSION_SECRET = 'ejia-dev-secret-do-not-use-in-production-0000';

/**
 * The keys ID numbers are encrypted and hashed with in development and tests: fixed,
 * public (they are in this file), so a development database opens on any checkout.
 * Production refuses them (loadConfig). Not secrets: never use them for real data.
 */
export const DEV_ID_NUMBER_KEYS = 'v1:ZWppYS1kZXYtaWQtbnVtYmVyLWtleS1ub3NlY3JldCE=';
export const DEV_ID_NUMBER_HASH_KEY = 'ZWppYS1kZXYtaWQtbnVtYmVyLWhhc2gta2V5LW5vdC1zZWNyZXQ=';

/** `v2:<base64 of 32 bytes>,v1:<…>` → the keys, the current (first) one first. */
function parseIdNumberKeys(v: string, ctx: z.RefinementCtx): Array<{ version: string; key: Buffer }> {
  const keys: Array<{ version: string; key: Buffer }> = [];
  for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^(v\d{1,4}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    const key = m ? Buffer.from(m[2]!, 'base64') : null;
    if (!m || key!.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'each key must be v<number>:<base64 of 32 random bytes> (openssl rand -base64 32), comma-separated, the current key first' });
      return z.NEVER;
    }
    if (keys.some((k) => k.version === m[1])) {
      ctx.addIssue({ code: 'custom', message: `key version ${m[1]} is listed twice` });
      return z.NEVER;
    }
    keys.push({ version: m[1]!, key: key! });
  }
  if (!keys.length) ctx.addIssue({ code: 'custom', message: 'at least one key' });
  return keys;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default('file:./data/ejia.db')
    .refine((u) => u.startsWith('file:') || /^postgres(ql)?:\/\/./.test(u), 'must be a file: (SQLite) or postgres:// (PostgreSQL) URL'),
  // connections per server instance (PostgreSQL); instances × this must stay under max_connections
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** `off` compiles every query afresh (server/queryPlans.ts), for measuring the plan cache against. */
  QUERY_PLAN_CACHE: z.enum(['on', 'off']).default('on'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEFAULT_SESSION_SECRET),
  /** AES-256-GCM keys for ID numbers at rest, `v2:<base64 32 bytes>,v1:<…>`, the current one first (docs/deploy.md: rotation). */
  ID_NUMBER_KEYS: z.string().default(DEV_ID_NUMBER_KEYS).transform(parseIdNumberKeys),
  /** HMAC-SHA256 key (base64, at least 32 bytes) of the ID-number hash that search and uniqueness use; its own key, never rotated with the others. */
  ID_NUMBER_HASH_KEY: z
    .string()
    .default(DEV_ID_NUMBER_HASH_KEY)
    .refine((v) => /^[A-Za-z0-9+/=_-]+$/.test(v) && Buffer.from(v, 'base64').length >= 32, 'must be base64 of at least 32 random bytes (openssl rand -base64 32)')
    .transform((v) => Buffer.from(v, 'base64')),
  /** Full ID numbers a staff member may reveal per minute (POST /api/org/residents/:id/id-number/reveal). */
  REVEAL_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** How often the retention sweeper deletes what is past its retention period (server/retention); 0 turns it off. */
  RETENTION_SWEEP_MINUTES: z.coerce.number().int().min(0).default(60),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(24 * 30),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  /** WeChat's API origin; tests point it at a fake on 127.0.0.1. */
  WECHAT_API_URL: z.string().url().default('https://api.weixin.qq.com'),
  /** 消息推送's Token (mini-program console → 开发管理 → 消息推送): WeChat signs its pushes (photo verdicts) with it. */
  WECHAT_PUSH_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, '3–32 letters or digits, as WeChat allows').optional(),
  /** 消息推送's EncodingAESKey (43 characters) when the push is set to 安全模式 (encrypted; recommended). */
  WECHAT_PUSH_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, '43 letters or digits, as WeChat generates it').optional(),
  /** This server's public https origin (https://ejia.example.gov.cn): WeChat fetches photos from it to check them. */
  PUBLIC_URL: z.string().url().optional(),
  /** Where photos are stored: `disk` (UPLOAD_DIR) or `s3` (an S3-compatible bucket, shared by every instance). */
  STORAGE: z.enum(['disk', 's3']).default('disk'),
  UPLOAD_DIR: z.string().default('./data/uploads'),
  /**
   * The built web apps `npm start` serves: the staff console at /console/, the resident H5 app at / (scripts/build-web.ts).
   * Default: the production builds in production; elsewhere the builds with the demo sign-in compiled in
   * (dist/console-test, dist/h5-test), so a newcomer's `npm start` can sign in as the demo accounts.
   */
  CONSOLE_DIR: z.string().optional(),
  H5_DIR: z.string().optional(),
  /** The bucket; required with STORAGE=s3. */
  S3_BUCKET: z.string().optional(),
  /** MinIO, Tencent COS, Aliyun OSS… (e.g. https://cos.ap-guangzhou.myqcloud.com); unset: AWS S3. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://cos.ap-guangzhou.myqcloud.com' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Both, or neither: then the SDK's default credential chain (AWS_* variables, profile, instance role). */
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** host/bucket/key addressing; default true when S3_ENDPOINT is set (MinIO needs it), false for AWS. */
  S3_FORCE_PATH_STYLE: bool.optional(),
  /** Prepended to every object key ("ejia" becomes "ejia/"), so one bucket can serve several deployments. */
  S3_PREFIX: z.string().default(''),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the demo data set into an empty database at start. */
  DEMO_DATA: bool.default(true),
  /** How often the service-level sweeper looks for overdue orders. 0 turns it off. */
  SLA_SWEEP_SECONDS: z.coerce.number().int().min(0).default(60),
  /** How often expired points are booked, for communities that set an expiry. 0 turns it off. */
  POINTS_EXPIRY_SWEEP_MINUTES: z.coerce.number().int().min(0).default(60),
  /**
   * How many reverse proxies (nginx, a load balancer) stand between the clients
   * and this server. 0 (the default): none, X-Forwarded-For is ignored and the
   * client's address is the connection's. N: the address is read from
   * X-Forwarded-For, the entry the N-th proxy from here added (app.proxy, app.maxIpsCount).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('0')
    .refine((v) => /^\d+$/.test(v) && Number(v) <= 10, 'must be the number of proxies in front of the server (0 to 10; 0: none)')
    .transform(Number),
  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  CORS_ORIGINS: z.string().default(''),
  /** Login attempts per minute per client address. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** 扫码登录: how long a sign-in code in the console stays good, in seconds (2 minutes, as most consoles). */
  QR_SIGN_IN_SECONDS: z.coerce.number().int().min(20).max(600).default(120),
  /** Orders a user may file per minute. */
  ORDER_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Redemptions per household (or user without one) per minute. */
  REDEEM_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Account codes (账号绑定) a user may enter per minute, right or wrong. */
  LINK_RATE_PER_MINUTE: z.coerce.number().int().positive().default(5),
  /** Account codes a grid worker or staff member may give out per minute. */
  INVITE_RATE_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Open311 requests (reads and filings) per API key per minute (server/open311). */
  OPEN311_RATE_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Notices: the random gap between two group posts of one bot account, in seconds. */
  NOTICE_GAP_MIN_SECONDS: z.coerce.number().min(0).default(2),
  NOTICE_GAP_MAX_SECONDS: z.coerce.number().min(0).default(5),
  /** Group posts per bot account (or WeCom robot) per local day. */
  NOTICE_DAILY_CAP: z.coerce.number().int().positive().default(300),
  /** Local hours without posts except emergencies, "22-7"; "off" for none. */
  NOTICE_QUIET_HOURS: z
    .string()
    .default('22-7')
    .refine((v) => v === 'off' || /^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/.test(v), 'must be "HH-HH" (e.g. 22-7) or "off"'),
  /** Time zone of the quiet hours and of the daily cap's day. */
  NOTICE_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'unknown time zone'),
  NOTICE_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  /** First retry after this many seconds, doubling each time (capped at an hour). */
  NOTICE_RETRY_BASE_SECONDS: z.coerce.number().int().positive().default(60),
  /** Run the delivery worker in this process. */
  NOTICE_WORKER: bool.default(true),
  /** The WeCom group-robot API (tests point it at a local fake). */
  WECOM_BASE_URL: z.string().url().default('https://qyapi.weixin.qq.com'),
  /** Start the group bot in this process. */
  BOT_ENABLED: bool.default(true),
  /** Wechaty puppet module (e.g. wechaty-puppet-service); unset runs the bot in demo mode on wechaty-puppet-mock. */
  WECHATY_PUPPET: z.string().optional(),
  /** The puppet's token (WECHATY_TOKEN is accepted too). */
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  WECHATY_TOKEN: z.string().optional(),
  /** Group commands per member per minute. */
  BOT_COMMANDS_PER_MINUTE: z.coerce.number().int().positive().default(5),
  /** How long a #绑定 code from the mini-program stays valid. */
  BOT_LINK_CODE_MINUTES: z.coerce.number().int().positive().default(10),
  /**
   * The mini-program's 原始ID (gh_…): set it when the puppet sends mini-program cards (pad protocols),
   * and the bot's group posts are followed by a card opening the notice; unset, they carry a Short Link.
   */
  WECHAT_ORIGINAL_ID: z.string().regex(/^gh_[0-9a-f]{12}$/, 'gh_ and 12 hex digits, as the mini-program console shows it').optional(),
  /** The card's picture (an https address of a 5:4 image); WeChat draws a plain card without one. */
  BOT_CARD_THUMB_URL: z.string().url().optional(),
  /**
   * Check every JSON answer against its route's declared schema (server/http/route.ts):
   * an answer with a wrong or undeclared field becomes a 500 naming it. Default: on,
   * except in production (it costs time on every request).
   */
  RESPONSE_CHECK: bool.optional(),
  /** Subscribe-message template ids from the mini-program's 公众平台 (order status; emergency notice). */
  WECHAT_SUBSCRIBE_TEMPLATE_ORDER: z.string().optional(),
  WECHAT_SUBSCRIBE_TEMPLATE_EMERGENCY: z.string().optional(),
}).superRefine((c, ctx) => {
  if (c.STORAGE === 's3' && !c.S3_BUCKET) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when STORAGE=s3' });
  if (!c.S3_ACCESS_KEY_ID !== !c.S3_SECRET_ACCESS_KEY)
    ctx.addIssue({ code: 'custom', path: [c.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'], message: 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the default credential chain)' });
});

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  if (production) {
    const problems: string[] = [];
    if (c.SESSION_SECRET === DEFAULT_SESSION_SECRET) problems.push('SESSION_SECRET is the development default');
    if (!c.WECHAT_APPID || !c.WECHAT_SECRET) problems.push('WECHAT_APPID and WECHAT_SECRET are required');
    // the development keys are public: a production database encrypted with them is not encrypted
    if (!env.ID_NUMBER_KEYS || c.ID_NUMBER_KEYS.some((k) => DEV_ID_NUMBER_KEYS.includes(k.key.toString('base64'))))
      problems.push('ID_NUMBER_KEYS is required (not the development key): v1:<openssl rand -base64 32>');
    if (!env.ID_NUMBER_HASH_KEY || c.ID_NUMBER_HASH_KEY.equals(Buffer.from(DEV_ID_NUMBER_HASH_KEY, 'base64')))
      problems.push('ID_NUMBER_HASH_KEY is required (not the development key): openssl rand -base64 32');
    if (problems.length) throw new ConfigError(`refusing to start in production:\n  ${problems.join('\n  ')}`);
  }
  return {
    env: c.NODE_ENV,
    production,
    host: c.HOST,
    port: c.PORT,
    databaseUrl: normaliseDatabaseUrl(c.DATABASE_URL),
    databasePoolSize: c.DATABASE_POOL_SIZE,
    queryPlanCache: c.QUERY_PLAN_CACHE === 'on',
    sessionSecret: c.SESSION_SECRET,
    sessionTtlMs: c.SESSION_TTL_HOURS * 3600_000,
    /** Keys of the ID numbers at rest (server/org/idNumbers.ts): secrets, as sessionSecret. `keys[0]` is current. */
    idNumbers: { keys: c.ID_NUMBER_KEYS, hashKey: c.ID_NUMBER_HASH_KEY },
    revealRatePerMinute: c.REVEAL_RATE_PER_MINUTE,
    retentionSweepMs: c.RETENTION_SWEEP_MINUTES * 60_000,
    wechat: {
      appId: c.WECHAT_APPID,
      secret: c.WECHAT_SECRET,
      apiUrl: c.WECHAT_API_URL,
      /** both secrets, as sessionSecret */
      push: { token: c.WECHAT_PUSH_TOKEN, aesKey: c.WECHAT_PUSH_AES_KEY },
    },
    /** The origin WeChat fetches photos from for their check; without it photos are not sent for checking. */
    publicUrl: c.PUBLIC_URL?.replace(/\/$/, ''),
    uploadDir: path.resolve(c.UPLOAD_DIR),
    web: {
      consoleDir: path.resolve(c.CONSOLE_DIR ?? (production ? './dist/console' : './dist/console-test')),
      h5Dir: path.resolve(c.H5_DIR ?? (production ? './dist/h5' : './dist/h5-test')),
    },
    /** Config holds the S3 secret (as it holds sessionSecret): never log this object. */
    storage:
      c.STORAGE === 's3'
        ? {
            kind: 's3' as const,
            bucket: c.S3_BUCKET!,
            endpoint: c.S3_ENDPOINT,
            region: c.S3_REGION,
            accessKeyId: c.S3_ACCESS_KEY_ID || undefined,
            secretAccessKey: c.S3_SECRET_ACCESS_KEY || undefined,
            forcePathStyle: c.S3_FORCE_PATH_STYLE ?? Boolean(c.S3_ENDPOINT),
            prefix: c.S3_PREFIX && !c.S3_PREFIX.endsWith('/') ? `${c.S3_PREFIX}/` : c.S3_PREFIX,
          }
        : { kind: 'disk' as const },
    uploadMaxBytes: c.UPLOAD_MAX_BYTES,
    logLevel: c.LOG_LEVEL,
    checkResponses: c.RESPONSE_CHECK ?? !production,
    demoData: c.DEMO_DATA && !production,
    slaSweepMs: c.SLA_SWEEP_SECONDS * 1000,
    pointsExpirySweepMs: c.POINTS_EXPIRY_SWEEP_MINUTES * 60_000,
    /** Reverse proxies in front of the server whose X-Forwarded-For is trusted (0: none). */
    trustProxyHops: c.TRUST_PROXY,
    corsOrigins: c.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    loginRatePerMinute: c.LOGIN_RATE_PER_MINUTE,
    qrSignInMs: c.QR_SIGN_IN_SECONDS * 1000,
    orderRatePerMinute: c.ORDER_RATE_PER_MINUTE,
    redeemRatePerMinute: c.REDEEM_RATE_PER_MINUTE,
    linkRatePerMinute: c.LINK_RATE_PER_MINUTE,
    inviteRatePerMinute: c.INVITE_RATE_PER_MINUTE,
    open311RatePerMinute: c.OPEN311_RATE_PER_MINUTE,
    notices: {
      gapMinMs: Math.min(c.NOTICE_GAP_MIN_SECONDS, c.NOTICE_GAP_MAX_SECONDS) * 1000,
      gapMaxMs: Math.max(c.NOTICE_GAP_MIN_SECONDS, c.NOTICE_GAP_MAX_SECONDS) * 1000,
      dailyCap: c.NOTICE_DAILY_CAP,
      quietHours: c.NOTICE_QUIET_HOURS === 'off' ? null : parseHours(c.NOTICE_QUIET_HOURS),
      timeZone: c.NOTICE_TIMEZONE,
      maxAttempts: c.NOTICE_MAX_ATTEMPTS,
      retryBaseMs: c.NOTICE_RETRY_BASE_SECONDS * 1000,
      worker: c.NOTICE_WORKER,
      wecomBaseUrl: c.WECOM_BASE_URL,
    },
    bot: {
      enabled: c.BOT_ENABLED,
      puppet: c.WECHATY_PUPPET,
      token: c.WECHATY_PUPPET_SERVICE_TOKEN ?? c.WECHATY_TOKEN,
      commandsPerMinute: c.BOT_COMMANDS_PER_MINUTE,
      linkCodeMs: c.BOT_LINK_CODE_MINUTES * 60_000,
      /** a mini-program card after each post: needs the AppID and the 原始ID */
      card:
        c.WECHAT_ORIGINAL_ID && c.WECHAT_APPID
          ? { appid: c.WECHAT_APPID, username: c.WECHAT_ORIGINAL_ID, ...(c.BOT_CARD_THUMB_URL ? { thumbUrl: c.BOT_CARD_THUMB_URL } : {}) }
          : null,
    },
    subscribeTemplates: { order_status: c.WECHAT_SUBSCRIBE_TEMPLATE_ORDER, emergency_notice: c.WECHAT_SUBSCRIBE_TEMPLATE_EMERGENCY },
  };
}

/** "22-7" → { from: 22, to: 7 }: quiet from 22:00 until 07:00. */
function parseHours(v: string) {
  const [from, to] = v.split('-').map(Number) as [number, number];
  return { from, to };
}

/** `file:./data/x.db` → `file:/abs/path/data/x.db`, so the CLI and the server open the same file. */
export function normaliseDatabaseUrl(url: string): string {
  if (!url.startsWith('file:')) return url;
  const p = url.slice('file:'.length);
  return `file:${p === ':memory:' ? p : path.resolve(p)}`;
}

/** loadConfig for a command (the server, a script): a configuration mistake is printed as its one plain message, and the process exits 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
