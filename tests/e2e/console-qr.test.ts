// 扫码登录 to the staff console in headless Chromium (issue #17, item 3): the console at
// 1440×900 shows the code; a 社区干部's phone (the H5 test build of the mini-program, as
// the code's development URL opens it) scans it and confirms on the real confirm page;
// the console lands signed in on the cookie session. The same code confirmed again is
// refused; a code left alone expires in the console and is refused on the phone; a
// refreshed code confirmed through the mini-program's API with a 网格员's token signs in.
// Screenshots: test-results/screenshots/console-qr-….
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDir, ensureConsoleTestBuild } from '../../scripts/build-web.js';
import { startBackend, type Backend } from './support/backend.js';
import { launchChromium } from './support/browser.js';
import { consoleShot } from './support/consoleShots.js';
import { H5_TEST_DIR } from './support/h5Build.js';
import { serveH5, type StaticServer } from './support/staticServer.js';
import { PHONE, shot, text } from './support/ui.js';

const VIEWPORT = { width: 1440, height: 900 };
/** the codes of this walk are good for 30 s (QR_SIGN_IN_SECONDS), so the expiry is seen without a 2-minute wait */
const CODE_SECONDS = 30;

let tmp: string;
let backend: Backend;
let web: StaticServer;
let browser: Browser;
let consoleContext: BrowserContext;
let desk: Page;
const problems: string[] = [];

/**
 * The H5 test build, copied to this walk's own folder once it is whole (every script its
 * index.html names is there): another run's build empties dist/h5-test while it works.
 */
async function h5Copy(to: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    try {
      fs.rmSync(to, { recursive: true, force: true });
      fs.cpSync(H5_TEST_DIR, to, { recursive: true });
      const html = fs.readFileSync(path.join(to, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
      if (assets.length && assets.every((a) => fs.existsSync(path.join(to, a)))) return to;
    } catch {
      // mid-build: try again
    }
    await new Promise((r) => setTimeout(r, 5000));
  }
  throw new Error(`no whole H5 test build in ${H5_TEST_DIR} after 5 minutes`);
}

async function token(openid: string) {
  const r = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  return ((await r.json()) as { token: string }).token;
}

/** A phone with the mini-program (H5 test build), signed in as a demo account through the role picker. */
async function phoneSignedIn(label: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`phone script error: ${e.message}`));
  await page.goto(web.url);
  const me = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me' && r.request().method() === 'GET');
  await text(page, label).click();
  const consent = ((await (await me).json()) as { consent?: { agreed: boolean } }).consent;
  if (consent && !consent.agreed) {
    await text(page, '同意并继续').click();
    await page.locator('[aria-label="用户隐私保护提示"]').filter({ visible: true }).first().waitFor({ state: 'hidden' });
  }
  return page;
}

/** The console's next code, as the page received it from POST /api/auth/qr. */
const nextCode = (p: Page) =>
  p.waitForResponse((r: Response) => new URL(r.url()).pathname === '/api/auth/qr' && r.request().method() === 'POST').then(async (r) => {
    expect(r.status()).toBe(200);
    return (await r.json()) as { ticket: string; image: string };
  });

/** The mini-program's calls, as the confirm page makes them, with a demo account's token. */
async function phoneCall(openid: string, ticket: string, step: 'scan' | 'confirm' | 'cancel') {
  const r = await fetch(`${backend.url}/api/auth/qr/${ticket}/${step}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(openid)}`, 'content-type': 'application/json' },
    body: '{}',
  });
  return { status: r.status, body: (await r.json()) as any };
}

beforeAll(async () => {
  const ms = ensureConsoleTestBuild();
  if (ms) console.log(`built the console for the walk in ${(ms / 1000).toFixed(1)} s`);
  // the server serves the console's test build at /console/; its codes are short-lived for this walk
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-console-qr-'));
  process.env.CONSOLE_DIR = consoleDir('test');
  process.env.QR_SIGN_IN_SECONDS = String(CODE_SECONDS);
  try {
    backend = await startBackend(path.join(tmp, 'server'));
  } finally {
    delete process.env.QR_SIGN_IN_SECONDS;
  }
  web = await serveH5(await h5Copy(path.join(tmp, 'h5')), backend.url);
  browser = await launchChromium();
  consoleContext = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', deviceScaleFactor: 1 });
  desk = await consoleContext.newPage();
  desk.on('pageerror', (e) => problems.push(`console script error: ${e.message}`));
  desk.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await backend?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.sequential('扫码登录 to the console', () => {
  it('the console shows the code; the phone scans and confirms on the confirm page; the console is signed in', async () => {
    // the phone first: a 社区干部 signed in to the mini-program (H5 test build)
    const phone = await phoneSignedIn('社区干部');

    const code = nextCode(desk);
    await desk.goto(`${backend.url}/console/`);
    const { ticket, image } = await code;
    expect(image).toMatch(/^data:image\/png;base64,/);
    await desk.getByRole('tab', { name: '扫码登录', selected: true }).waitFor();
    await desk.getByAltText('扫码登录二维码').waitFor();
    await desk.getByText(/二维码 0:\d\d 后过期/).waitFor();
    await consoleShot(desk, 'console-qr-01-code');
    // the code is bound to this browser by an httpOnly cookie
    expect((await consoleContext.cookies()).find((c) => c.name === 'ejia_qr')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // the code's development URL: the confirm page of the H5 build, with the ticket as its scene
    await phone.goto(`${web.url}/#/packages/signin/confirm/index?scene=${encodeURIComponent(ticket)}`);
    await text(phone, '在电脑上登录社区工作台？').waitFor();
    await text(phone, /^Chrome \d+ · Linux$/).waitFor();
    await text(phone, '127.0.0.1').waitFor();
    await shot(phone, 'console-qr-02-phone-confirm');

    await desk.getByText('已扫码，请在手机上确认').waitFor();
    await consoleShot(desk, 'console-qr-03-scanned');

    await text(phone, '确认登录').click();
    await text(phone, '已确认，电脑上马上就能用了').waitFor();
    await shot(phone, 'console-qr-04-phone-done');

    await desk.locator('[data-testid="account"]').waitFor();
    await expect.poll(() => desk.locator('[data-testid="account"]').textContent()).toContain('社区干部');
    await consoleShot(desk, 'console-qr-05-signed-in');
    const session = (await consoleContext.cookies()).find((c) => c.name === 'ejia_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // the page holds no token of its own
    expect(await desk.evaluate(() => JSON.stringify(sessionStorage) + document.cookie)).not.toContain(session!.value);

    // the same code again: refused on the phone's side, whoever tries
    const again = await phoneCall('demo-staff', ticket, 'confirm');
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe('used');
    expect((await phoneCall('demo-gridworker', ticket, 'scan')).status).toBe(409);
  });

  it('a code left alone expires: the console offers a new one, the phone is refused', async () => {
    const code = nextCode(desk);
    await desk.getByRole('button', { name: /退\s*出/ }).click();
    await desk.getByRole('tab', { name: '扫码登录', selected: true }).waitFor();
    const { ticket } = await code;
    await desk.getByText('二维码已过期').waitFor({ timeout: (CODE_SECONDS + 10) * 1000 });
    await desk.getByRole('button', { name: /刷新二维码/ }).waitFor();
    await consoleShot(desk, 'console-qr-06-expired');
    const late = await phoneCall('demo-gridworker', ticket, 'scan');
    expect(late.status).toBe(409);
    expect(late.body.error.reason).toBe('expired');
    expect((await consoleContext.cookies()).map((c) => c.name)).not.toContain('ejia_session');
  }, 60_000);

  it('refreshed, the new code is confirmed through the mini-program\'s API by a 网格员 and the console opens for them', async () => {
    const code = nextCode(desk);
    await desk.getByRole('button', { name: /刷新二维码/ }).click();
    const { ticket } = await code;
    await desk.getByText(/二维码 0:\d\d 后过期/).waitFor();
    // a resident's WeChat cannot
    const resident = await phoneCall('demo-resident', ticket, 'scan');
    expect(resident.status).toBe(403);
    expect(resident.body.error.reason).toBe('no_console_role');
    expect((await phoneCall('demo-gridworker', ticket, 'scan')).body.status).toBe('scanned');
    await desk.getByText('已扫码，请在手机上确认').waitFor();
    expect((await phoneCall('demo-gridworker', ticket, 'confirm')).body).toEqual({ status: 'confirmed' });
    await expect.poll(() => desk.locator('[data-testid="account"]').textContent(), { timeout: 10_000 }).toContain('网格员');
  });

  it('the password sign-in is the second tab, and the demo accounts stay in the test build', async () => {
    await desk.getByRole('button', { name: /退\s*出/ }).click();
    await desk.getByRole('tab', { name: '账号密码登录' }).click();
    await desk.getByLabel('用户名').waitFor();
    await desk.getByText('开发和测试环境：演示账号').waitFor();
    await consoleShot(desk, 'console-qr-07-password-tab');
  });

  it('showed no script error and no CSP refusal', () => {
    expect(problems).toEqual([]);
  });
});
