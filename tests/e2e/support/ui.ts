// What every end-to-end walk shares: the real server on a fresh demo database,
// the H5 build served with /api passed through, headless Chromium, sign-in
// through the development role picker, and full-page screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startBackend, type Backend } from './backend.js';
import { launchChromium } from './browser.js';
import { H5_TEST_DIR } from './h5Build.js';
import { serveH5, type StaticServer } from './staticServer.js';

export const SHOTS = path.resolve('test-results/screenshots');
export const PHONE = { width: 390, height: 844 };
export const OFFICE_PC = { width: 1280, height: 800 };

export const visible = (l: Locator) => l.filter({ visible: true }).first();
export const text = (page: Page, t: string | RegExp) => visible(page.getByText(t, typeof t === 'string' ? { exact: true } : {}));

/**
 * A screenshot of the whole current page. Taro's H5 pages scroll inside their own
 * container, so the window is made as tall as the page for the picture, once the
 * page has finished sliding in and any toast has gone.
 */
export async function shot(page: Page, name: string) {
  // settled: no page transition running, and the current page has stayed where it is for two looks
  // (a redirect slides the new page in a frame after it is mounted, when no transition runs yet)
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __shotLeft?: number };
      const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => p.getClientRects().length > 0);
      const left = pages.length ? pages[pages.length - 1]!.getBoundingClientRect().left : 0;
      const still = w.__shotLeft === left;
      w.__shotLeft = left;
      return still && document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running');
    },
    undefined,
    { polling: 100 },
  );
  await page.locator('.taro__toast').filter({ visible: true }).first().waitFor({ state: 'hidden' });
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const current = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => p.offsetParent !== null || p.getClientRects().length > 0).pop();
    return current ? current.scrollHeight : document.documentElement.scrollHeight;
  });
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, height), 2400) });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.setViewportSize(size);
}

export interface App {
  backend: Backend;
  web: StaticServer;
  /**
   * Opens the app in a fresh browser profile as a demo account, through the development role picker.
   * The privacy pop-up that a first sign-in shows (GET /api/me: consent not agreed) is agreed to,
   * unless `privacy: 'leave'` (the walk of the pop-up itself, privacy-flow.test.ts).
   */
  signIn(label: string, viewport?: { width: number; height: number }, opts?: { privacy?: 'agree' | 'leave' }): Promise<Page>;
  /** A demo account's bearer token, for checks the screens cannot show. */
  token(openid: string): Promise<string>;
  /** GET one API path as a demo account. */
  get<T>(openid: string, apiPath: string): Promise<T>;
  /** Script errors thrown in any page so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startApp(): Promise<App> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-e2e-'));
  let backend: Backend | undefined;
  let web: StaticServer | undefined;
  // Chromium starts while the backend does (each takes a second or more)
  const browser = launchChromium();
  browser.catch(() => {}); // a failed launch is thrown below, where it is awaited
  try {
    // the mini-program's walks look at a notice's delivery once it is done, not while it goes out
    backend = await startBackend(tmp, {}, { NOTICE_GAP_MIN_SECONDS: '0.1', NOTICE_GAP_MAX_SECONDS: '0.3' });
    web = await serveH5(H5_TEST_DIR, backend.url);
    return app(tmp, backend, web, await browser);
  } catch (e) {
    // whatever started must not outlive a failed start
    await browser.then((b) => b.close()).catch(() => {});
    await web?.close();
    await backend?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

function app(tmp: string, backend: Backend, web: StaticServer, browser: Browser): App {
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const token = async (openid: string) => {
    const login = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
    return ((await login.json()) as { token: string }).token;
  };
  return {
    backend,
    web,
    pageErrors,
    token,
    async signIn(label, viewport = PHONE, opts = {}) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${label}: ${e.message}`));
      await page.goto(web.url);
      const me = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me' && r.request().method() === 'GET');
      await text(page, label).click();
      const consent = ((await (await me).json()) as { consent?: { agreed: boolean } }).consent;
      if (consent && !consent.agreed && opts.privacy !== 'leave') {
        await text(page, '同意并继续').click();
        await page.locator('[aria-label="用户隐私保护提示"]').filter({ visible: true }).first().waitFor({ state: 'hidden' });
      }
      return page;
    },
    async get<T>(openid: string, apiPath: string) {
      const res = await fetch(`${backend.url}/api${apiPath}`, { headers: { authorization: `Bearer ${await token(openid)}` } });
      return (await res.json()) as T;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await web.close();
      await backend.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
