// The group bot's outage across the console (issue #18, 4): while the bot is logged out or
// waiting for a scan, staff and admins see a red banner on every page, with the way to 群管理;
// once it is logged in again the banner goes. The bot's state is written as the bot process
// writes it (recordBotState, on the walk's database). Screenshot: console-bot-banner-….
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBotState } from '../../server/bot/botState.js';
import type { Deps } from '../../server/context.js';
import { createDb, type Db } from '../../server/db.js';
import { DomainEvents } from '../../server/events.js';
import { consoleShot } from './support/consoleShots.js';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';

const problems: string[] = [];
let walk: ConsoleWalk;
let page: Page;
let db: Db;
let deps: Deps;

beforeAll(async () => {
  walk = await startConsoleWalk('ejia-bot-banner-', problems);
  page = walk.page;
  db = createDb(`file:${path.join(walk.backend.dir, 'e2e.db')}`);
  // what the bot process uses of its deps to record its state
  deps = { db, clock: () => new Date(), events: new DomainEvents(() => {}) } as unknown as Deps;
  // the backend answers before its demo bot is up (main.ts starts it after listening): its login
  // would overwrite the state this walk writes, so the walk starts once the bot has logged in
  for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 100))) {
    if ((await db.botAccountState.findUnique({ where: { id: 'wechaty' } }))?.state === 'logged_in') break;
    if (Date.now() > deadline) throw new Error(`the demo bot did not log in within 30 s:\n${walk.backend.log()}`);
  }
});
afterAll(async () => {
  await db?.$disconnect();
  await walk?.stop();
});

describe.sequential('the bot-out banner', () => {
  it('shows on every page for 社区干部 while the bot is out, and leads to 群管理', async () => {
    await recordBotState(deps, { state: 'logged_out', accountId: 'wxid_demo_bot', mode: 'wechat' });
    await page.goto(`${walk.backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    const banner = page.getByTestId('bot-out-banner');
    await banner.waitFor();
    await expect.poll(() => banner.textContent()).toContain('群机器人已退出登录');
    await page.locator('[data-testid="orders-table"] tbody tr.ant-table-row').first().waitFor();
    await consoleShot(page, 'console-bot-banner-01-orders');

    await banner.getByRole('button', { name: '去群管理' }).click();
    await expect.poll(() => page.url()).toContain('groups');
    await banner.waitFor();
    await consoleShot(page, 'console-bot-banner-02-groups');
  });

  it('says a scan is wanted while the bot waits for one, and goes once it is logged in', async () => {
    await recordBotState(deps, { state: 'waiting_scan', qrcode: 'https://login.weixin.qq.com/l/banner-test', mode: 'wechat' });
    await page.reload();
    const banner = page.getByTestId('bot-out-banner');
    await expect.poll(() => banner.textContent()).toContain('等待扫码登录');
    await consoleShot(page, 'console-bot-banner-03-waiting-scan');

    await recordBotState(deps, { state: 'logged_in', accountId: 'wxid_demo_bot', accountName: 'e家小助手', mode: 'wechat' });
    await page.reload();
    await page.getByRole('heading', { name: '惠泽社区' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await banner.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
