// The console's 账号 and 群管理 (#17 item 4, #19 item 3) in headless Chromium at 1440×900,
// against the real server (its demo group bot and delivery worker running) on a fresh demo
// database: staff give a 楼栋长 to an account of the community, invite a new 网格员 (the code
// entered through the mini-program's API gives the role), move a building to another grid,
// remove the new worker's role (their next request is refused); 群管理 shows the demo bot's
// groups and state. Screenshots: test-results/screenshots/console-accounts-….
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDir, ensureConsoleTestBuild } from '../../scripts/build-web.js';
import { startBackend, type Backend } from './support/backend.js';
import { launchChromium } from './support/browser.js';
import { confirmPopconfirm, consoleShot } from './support/consoleShots.js';
import { SHOTS } from './support/ui.js';

const VIEWPORT = { width: 1440, height: 900 };

let tmp: string;
let backend: Backend;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

async function token(openid: string) {
  const r = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  return ((await r.json()) as { token: string }).token;
}

async function api(tok: string, method: string, apiPath: string, body?: unknown) {
  const r = await fetch(`${backend.url}/api${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${tok}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

const shot = (name: string) => consoleShot(page, `console-accounts-${name}`);
const tableRows = (testId: string) => page.locator(`[data-testid="${testId}"] tbody tr.ant-table-row`);
/** Picks an option of an AntD Select by its text, in the dropdown opened last (each is added on first opening; the one before may still be fading out). */
async function choose(selectTestId: string, text: string | RegExp) {
  await page.locator(`[data-testid="${selectTestId}"]`).click();
  await page.locator('.ant-select-dropdown').last().locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

beforeAll(async () => {
  const ms = ensureConsoleTestBuild();
  if (ms) console.log(`built the console for the walk in ${(ms / 1000).toFixed(1)} s`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-console-accounts-'));
  process.env.CONSOLE_DIR = consoleDir('test');
  backend = await startBackend(tmp);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', deviceScaleFactor: 1 });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await backend?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.sequential('账号 and 群管理 in the console', () => {
  let staffToken: string;
  let newWorkerToken: string;

  it('signs in as 社区干部 and opens 账号: the 楼栋长 and 网格员 of 惠泽社区', async () => {
    staffToken = await token('demo-staff');
    await page.goto(`${backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('[data-testid="account"]').waitFor();
    await page.locator('.ant-menu-item').filter({ hasText: '账号' }).click();
    await expect.poll(() => tableRows('accounts-table').count()).toBe(12);
    await shot('01-list');
  });

  it('gives 楼栋长 of 惠泽5栋 to an account of the community', async () => {
    const workers = (await api(staffToken, 'GET', '/accounts?role=GRID_WORKER')).body.items as Array<{ id: string; name: string; roles: Array<{ grid: { name: string } | null }> }>;
    const worker2 = workers.find((w) => w.roles.some((r) => r.grid?.name === '第2网格'))!;
    await page.getByTestId('assign').click();
    await page.locator('[data-testid="account-select"]').click();
    await page.keyboard.type(worker2.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: worker2.name }).first().click();
    await choose('role-select', '楼栋长');
    await choose('building-select', '惠泽5栋');
    await shot('02-assign');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(`已安排 ${worker2.name} 为楼栋长（惠泽5栋）`).waitFor();
    const row = tableRows('accounts-table').filter({ hasText: worker2.name });
    await row.getByText('楼栋长 · 惠泽5栋').waitFor();
    const me = (await api(await token('demo-gridworker-2'), 'GET', '/me')).body;
    expect(me.roles.map((r: { role: string }) => r.role).sort()).toEqual(['BUILDING_HEAD', 'GRID_WORKER']);
  });

  it('invites a new 网格员 for 第2网格; the code entered in the mini-program gives the role', async () => {
    await page.getByTestId('invite').click();
    await page.getByTestId('invite-name').fill('赵新来');
    await choose('role-select', '网格员');
    await choose('grid-select', '第2网格');
    await page.getByRole('dialog').getByRole('button', { name: /生成邀请码/ }).click();
    const codeEl = page.getByTestId('invite-code');
    await codeEl.waitFor();
    const code = (await codeEl.textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    await shot('03-invite-code');
    await page.getByRole('button', { name: /好\s*的/ }).click();

    // the person signs in to the mini-program with WeChat for the first time and enters the code
    const signIn = await fetch(`${backend.url}/api/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'fake:e2e-new-grid-worker' }) });
    newWorkerToken = ((await signIn.json()) as { token: string }).token;
    const linked = await api(newWorkerToken, 'POST', '/me/link', { code });
    expect(linked.status).toBe(200);
    expect(linked.body.role).toMatchObject({ role: 'GRID_WORKER', grid: { name: '第2网格' } });

    await page.getByTestId('accounts-q').locator('input').fill('赵新来');
    await page.getByTestId('accounts-q').locator('input').press('Enter');
    await tableRows('accounts-table').filter({ hasText: '赵新来' }).getByText('网格员 · 第2网格').waitFor();
    await shot('04-new-worker');
  });

  it('moves 惠泽1栋 from 第1网格 to 第2网格 on 网格划分', async () => {
    await page.getByRole('tab', { name: '网格划分' }).click();
    await page.getByTestId('grid-第1网格').getByText('惠泽1栋').waitFor();
    await shot('05-grids');
    await page.getByTestId('move-building').click();
    await choose('move-building-select', '惠泽1栋');
    await choose('move-grid-select', /^第2网格$/);
    await page.getByRole('dialog').getByRole('button', { name: /确定调整/ }).click();
    await page.getByText(/惠泽1栋 已从 第1网格 调到 第2网格/).waitFor();
    await shot('06-moved');
    await page.getByRole('button', { name: /知\s*道\s*了|确\s*定|OK/ }).last().click();
    await page.getByTestId('grid-第2网格').getByText('惠泽1栋').waitFor();
    const grids = (await api(staffToken, 'GET', '/org/grids')).body as Array<{ name: string; buildings: Array<{ name: string }> }>;
    expect(grids.find((g) => g.name === '第2网格')!.buildings.map((b) => b.name)).toContain('惠泽1栋');
    await shot('07-grids-after');
  });

  it("removes the new worker's role: their next request is refused", async () => {
    expect((await api(newWorkerToken, 'GET', '/org/households?limit=1')).status).toBe(200);
    await page.getByRole('tab', { name: '账号与角色' }).click();
    const row = tableRows('accounts-table').filter({ hasText: '赵新来' });
    await row.getByRole('button', { name: /撤\s*销/ }).click();
    await confirmPopconfirm(page, /撤\s*销/);
    await page.getByText(/已撤销 赵新来 的网格员/).waitFor();
    await shot('08-removed');
    expect((await api(newWorkerToken, 'GET', '/org/households?limit=1')).status).toBe(401);
  });

  it('群管理 shows the demo bot logged in and its building groups', async () => {
    await page.locator('.ant-menu-item').filter({ hasText: '群管理' }).click();
    await page.getByTestId('bot-status').getByText('已登录，正常发送').waitFor();
    await page.getByText('演示模式，不会真的发到微信').waitFor();
    await expect.poll(() => tableRows('groups-table').count()).toBeGreaterThan(5);
    await tableRows('groups-table').filter({ hasText: '惠泽1栋居民群' }).first().waitFor();
    await shot('09-groups');
    expect(problems).toEqual([]);
  });
});
