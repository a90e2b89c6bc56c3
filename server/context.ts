import type Koa from 'koa';
import type Router from '@koa/router';
import type { Config } from './config.js';
import type { Db } from './db.js';
import type { Sql } from './sql.js';
import type { Logger } from './logger.js';
import type { WechatClient } from './auth/wechat.js';
import type { Storage } from './uploads/storage.js';
import type { DomainEvents } from './events.js';
import type { ContentSecurity } from './contentSecurity.js';
import type { Viewer } from './auth/viewer.js';

/** Everything a request handler or service may reach, passed explicitly (tests swap the outside-world ones). */
export interface Deps {
  config: Config;
  db: Db;
  /** Hand-written SQL on db's connections, for the hot paths only (server/sql.ts). */
  sql: Sql;
  logger: Logger;
  /** The current time; tests move it instead of sleeping. */
  clock: () => Date;
  wechat: WechatClient;
  /** WeChat's content security: residents' texts and photos (server/contentSecurity.ts) */
  contentSecurity: ContentSecurity;
  storage: Storage;
  events: DomainEvents;
}

export interface AppState {
  viewer?: Viewer;
}

export interface AppCustom {
  deps: Deps;
}

export type AppContext = Koa.ParameterizedContext<AppState, AppCustom>;
export type AppRouter = Router<AppState, AppCustom>;
