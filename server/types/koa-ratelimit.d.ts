declare module 'koa-ratelimit' {
  import type Koa from 'koa';
  interface Options {
    driver: 'memory' | 'redis';
    db: unknown;
    duration?: number;
    max?: number;
    id?: (ctx: Koa.Context) => string | false;
    errorMessage?: string;
    disableHeader?: boolean;
    throw?: boolean;
    whitelist?: (ctx: Koa.Context) => boolean | Promise<boolean>;
  }
  export default function ratelimit(opts: Options): Koa.Middleware;
}
