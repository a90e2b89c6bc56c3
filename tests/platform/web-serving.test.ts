// npm start serves the built apps beside the API (server/web.ts): the console at /console/
// with its routes falling back to index.html, the H5 app at /, hashed assets cached for a
// year, HTML revalidated, a CSP that fits each page, nothing outside the build folders.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-web-'));
const consoleDir = path.join(dir, 'console');
const h5Dir = path.join(dir, 'h5');
const SCRIPT = 'console.log("entry")'.repeat(100);
const INLINE = '!function(){document.documentElement.style.fontSize="20px"}()';

let s: TestServer;
beforeAll(async () => {
  fs.mkdirSync(path.join(consoleDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(consoleDir, 'index.html'), '<!DOCTYPE html><html><head><script type="module" src="/console/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(consoleDir, 'assets/index-Ab12Cd34.js'), SCRIPT);
  fs.writeFileSync(path.join(consoleDir, 'assets/index-Ab12Cd34.js.gz'), zlib.gzipSync(SCRIPT));
  fs.writeFileSync(path.join(consoleDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.mkdirSync(path.join(h5Dir, 'js'), { recursive: true });
  fs.writeFileSync(path.join(h5Dir, 'index.html'), `<!DOCTYPE html><html><head><script>${INLINE}</script><script src="/js/app.1234abcd.js"></script></head><body></body></html>`);
  fs.writeFileSync(path.join(h5Dir, 'js/app.1234abcd.js'), 'console.log("h5")');
  s = await startServer({ CONSOLE_DIR: consoleDir, H5_DIR: h5Dir });
});
afterAll(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(s.url + p, { headers, redirect: 'manual' });

describe('the console at /console/', () => {
  it('answers its page and every route of it with index.html, revalidated, under a strict CSP', async () => {
    for (const p of ['/console/', '/console/orders', '/console/orders/ord_123', '/console/dashboard']) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toContain('<div id="root">');
      const csp = r.headers.get('content-security-policy')!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("connect-src 'self'");
    }
    const bare = await get('/console');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('serves hashed assets for a year, gzipped when the browser takes it, and 304 when unchanged', async () => {
    const plain = await get('/console/assets/index-Ab12Cd34.js', { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-type')).toContain('text/javascript');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
    // fetch decompresses by itself: the header and the smaller length say it came gzipped
    const zipped = await get('/console/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(SCRIPT.length);
    expect(await zipped.text()).toBe(SCRIPT);
    // as a browser revalidates (fetch alone would add Cache-Control: no-cache, which always wants the body)
    const again = await get('/console/assets/index-Ab12Cd34.js', { 'if-none-match': plain.headers.get('etag')!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
    // not hashed: revalidated
    expect((await get('/console/favicon.svg')).headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing asset with 404, never the page, and nothing outside the build folder', async () => {
    const missing = await get('/console/assets/index-gone.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type') ?? '').not.toContain('text/html');
    for (const p of ['/console/..%2f..%2fpackage.json', '/console/%2e%2e/%2e%2e/package.json', '/console/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e/package.json']) {
      const r = await get(p);
      expect(await r.text(), p).not.toContain('"name"');
    }
  });
});

describe('the resident H5 app at /', () => {
  it('serves its page with its one inline script allowed by hash', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy')!;
    const hash = crypto.createHash('sha256').update(INLINE).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(csp).not.toContain('unsafe-inline\'; script');
    expect((await get('/js/app.1234abcd.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/nothing-here.js')).status).toBe(404);
  });

  it('leaves /api to the API', async () => {
    const health = await get('/api/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toContain('json');
    const unknown = await get('/api/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});

describe('before the apps are built', () => {
  it('says how to build them', async () => {
    const bare = await startServer({ CONSOLE_DIR: path.join(dir, 'none'), H5_DIR: path.join(dir, 'none') });
    try {
      const r = await fetch(`${bare.url}/console/`);
      expect(r.status).toBe(503);
      expect(await r.text()).toContain('npm run build:console');
      expect(await (await fetch(`${bare.url}/`)).text()).toContain('npm run build:h5');
    } finally {
      await bare.close();
    }
  });
});
