// The built web apps, served beside the API: the staff console at /console/ and the
// resident H5 app at / (scripts/build-web.ts builds both into dist/). Hashed assets
// are cached for a year, index.html revalidated on every visit (so a deploy shows at
// once), /console/* routes fall back to the console's index.html (the console routes in
// the browser), and each app's HTML carries a Content-Security-Policy that fits it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import type { AppCustom, AppState } from './context.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface WebApp {
  /** URL prefix, ending in `/`. */
  base: string;
  dir: string;
  /** Folders (under `dir`) whose file names carry a content hash. */
  hashed: string[];
  /** A path without a file of its own answers with index.html (the app routes in the browser). */
  spaFallback: boolean;
  /** What `npm run …` builds it, for the page that says it is missing. */
  build: string;
}

/**
 * The CSP of an app's HTML: only its own scripts (and the inline ones its index.html
 * really contains, by hash), styles inline too (Ant Design and Taro write <style> at run
 * time), images from the API (signed photo URLs) and data:/blob:, no framing at all.
 */
function contentSecurityPolicy(html: string, production: boolean): string {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => m[1]!)
    .filter((body) => body.trim())
    .map((body) => `'sha256-${crypto.createHash('sha256').update(body).digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self'${inline.length ? ` ${inline.join(' ')}` : ''}`,
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
        // blob: a picked file is read back by its object URL before it is uploaded (console and H5 uploads)
    "connect-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // over plain HTTP on an office LAN in development this would break every asset
    ...(production ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** index.html and its CSP, read once per change of the file (a rebuild while running is picked up). */
function indexCache(production: boolean) {
  const cache = new Map<string, { mtimeMs: number; html: Buffer; csp: string }>();
  return (file: string) => {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return { ...hit, st };
    const html = fs.readFileSync(file);
    const entry = { mtimeMs: st.mtimeMs, html, csp: contentSecurityPolicy(html.toString('utf8'), production) };
    cache.set(file, entry);
    return { ...entry, st };
  };
}

/** The file under `dir` that `rel` names, or undefined (never anything outside `dir`). */
function fileIn(dir: string, rel: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.resolve(dir, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== dir && !file.startsWith(dir + path.sep)) return undefined;
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st?.isFile() ? file : undefined;
}

export function serveWebApps(opts: { consoleDir: string; h5Dir: string; production: boolean }): Koa.Middleware<AppState, AppCustom> {
  const apps: WebApp[] = [
    { base: '/console/', dir: opts.consoleDir, hashed: ['assets/'], spaFallback: true, build: 'npm run build:console' },
    // the H5 app routes by hash (#/pages/…): only / is a page; js/ and css/ names carry a content hash
    { base: '/', dir: opts.h5Dir, hashed: ['js/', 'css/'], spaFallback: false, build: 'npm run build:h5' },
  ];
  const readIndex = indexCache(opts.production);

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path === '/api' || ctx.path.startsWith('/api/')) return next();
    if (ctx.path === '/console') {
      ctx.status = 301;
      ctx.redirect('/console/');
      return;
    }
    const app = apps.find((a) => ctx.path.startsWith(a.base))!;
    const rel = ctx.path.slice(app.base.length);
    const asset = rel && rel !== 'index.html' ? fileIn(app.dir, rel) : undefined;

    if (asset) {
      const st = fs.statSync(asset);
      ctx.type = TYPES[path.extname(asset).toLowerCase()] ?? 'application/octet-stream';
      ctx.set('Cache-Control', app.hashed.some((h) => rel.startsWith(h)) ? IMMUTABLE : REVALIDATE);
      ctx.lastModified = st.mtime;
      ctx.etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
      ctx.status = 200; // ctx.fresh compares validators only on a 2xx
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
      // scripts and styles are gzipped at build time (scripts/build-web.ts) where that saved bytes
      const gz = `${asset}.gz`;
      ctx.vary('Accept-Encoding');
      if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip' && fs.existsSync(gz)) {
        ctx.set('Content-Encoding', 'gzip');
        ctx.length = fs.statSync(gz).size;
        ctx.body = ctx.method === 'HEAD' ? null : fs.createReadStream(gz);
      } else {
        ctx.length = st.size;
        ctx.body = ctx.method === 'HEAD' ? null : fs.createReadStream(asset);
      }
      return;
    }

    // a missing script or image is a 404, never the HTML page in its place
    const isPage = rel === '' || rel === 'index.html' || (app.spaFallback && !/\.[a-z0-9]{1,8}$/i.test(rel));
    if (!isPage) return next();
    const index = readIndex(path.join(app.dir, 'index.html'));
    if (!index) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = `This app is not built yet: run \`${app.build}\` (or \`npm run build:web\` for both), then reload.\n`;
      return;
    }
    ctx.set('Content-Security-Policy', index.csp);
    ctx.set('Cache-Control', REVALIDATE);
    ctx.type = TYPES['.html']!;
    ctx.lastModified = index.st.mtime;
    ctx.etag = `W/"${index.html.length.toString(16)}-${Math.floor(index.mtimeMs).toString(16)}"`;
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = ctx.method === 'HEAD' ? null : index.html;
  };
}
