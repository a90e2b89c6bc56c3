import type { Config } from './config.js';
import type { Deps } from './context.js';
import { sqlOf, type Db } from './db.js';
import { DomainEvents } from './events.js';
import type { Logger } from './logger.js';
import { FakeWechatClient, HttpWechatClient, type WechatClient } from './auth/index.js';
import { LocalDiskStorage, S3Storage, type Storage } from './uploads/index.js';

/** Production wiring; tests pass their own clock and WeChat fake. */
export function buildDeps(
  config: Config,
  db: Db,
  logger: Logger,
  overrides: Partial<{ clock: () => Date; wechat: WechatClient; storage: Storage }> = {},
): Deps {
  const wechat =
    overrides.wechat ??
    (config.wechat.appId && config.wechat.secret
      ? new HttpWechatClient(config.wechat.appId, config.wechat.secret)
      : new FakeWechatClient());
  return {
    config,
    db,
    sql: sqlOf(db),
    logger,
    clock: overrides.clock ?? (() => new Date()),
    wechat,
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
