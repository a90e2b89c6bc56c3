import type { Config } from './config.js';
import type { Deps } from './context.js';
import { sqlOf, type Db } from './db.js';
import { DomainEvents } from './events.js';
import type { Logger } from './logger.js';
import { FakeWechatClient, HttpWechatClient, type WechatClient } from './auth/index.js';
import { FakeContentSecurity, HttpContentSecurity, type ContentSecurity } from './contentSecurity.js';
import { LocalDiskStorage, S3Storage, type Storage } from './uploads/index.js';
import { WechatApi } from './wechatApi.js';

/** Production wiring; tests pass their own clock and WeChat fake. */
export function buildDeps(
  config: Config,
  db: Db,
  logger: Logger,
  overrides: Partial<{ clock: () => Date; wechat: WechatClient; storage: Storage; contentSecurity: ContentSecurity }> = {},
): Deps {
  const clock = overrides.clock ?? (() => new Date());
  const wechat =
    overrides.wechat ??
    (config.wechat.appId && config.wechat.secret
      ? // the database keeps the access token every instance shares (mini-program codes need it)
        new HttpWechatClient(config.wechat.appId, config.wechat.secret, fetch, config.wechat.apiUrl,
          new WechatApi({ db, clock }, config.wechat.appId, config.wechat.secret, fetch, config.wechat.apiUrl))
      : new FakeWechatClient());
  const contentSecurity =
    overrides.contentSecurity ??
    (config.wechat.appId && config.wechat.secret
      ? new HttpContentSecurity({ db, clock }, config.wechat.appId, config.wechat.secret, fetch, config.wechat.apiUrl)
      : new FakeContentSecurity());
  return {
    config,
    db,
    sql: sqlOf(db),
    logger,
    clock,
    wechat,
    contentSecurity,
    storage: overrides.storage ?? buildStorage(config),
    events: new DomainEvents((err, name) => logger.error({ err, event: name }, 'event listener failed')),
  };
}

/** STORAGE=s3: the bucket every instance shares; otherwise files under UPLOAD_DIR. */
export function buildStorage(config: Config): Storage {
  const { storage } = config;
  if (storage.kind === 's3') {
    const { kind: _, ...opts } = storage;
    return new S3Storage(opts);
  }
  return new LocalDiskStorage(config.uploadDir);
}
