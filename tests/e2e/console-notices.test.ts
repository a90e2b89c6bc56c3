// The console's 通知 section in headless Chromium at 1440×900, against the real server
// (its delivery worker and demo group bot running, as `npm start` runs them) on a fresh
// demo database: the list, 写通知 to one grid with the group-post and mini-program
// previews and live counts, the delivery board filling as the bot posts, 重发失败的群 and
// 可能已发出 (its warning, the confirmation, the one group sent again), and withdrawing a
// scheduled notice. Screenshots: test-results/screenshots/console-notices-….
//
// A crash mid-send is what makes a group 可能已发出 (tests/notices/resend.test.ts and
// tests/reliability/crash.test.ts make it happen for real); here the board is shown one by
// writing that outcome into the database, as the worker of a restarted server would.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db.js';
import { REASON_INTERRUPTED } from '../../server/notices/deliveryWorker.js';
import type { Backend } from './support/backend.js';
import { confirmPopconfirm, consoleShot } from './support/consoleShots.js';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';

const TITLE = '第1网格停水通知';

let walk: ConsoleWalk;
let backend: Backend;
let db: Db;
let page: Page;
const problems: string[] = [];

async function call<T>(openid: string, method: 'GET' | 'POST', apiPath: string, body?: unknown): Promise<T> {
  const login = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  const { token } = (await login.json()) as { token: string };
  const r = await fetch(`${backend.url}/api${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!r.ok) throw new Error(`${method} ${apiPath}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

const shot = (name: string) => consoleShot(page, name);
const board = () => page.getByTestId('deliveries-table');
const summary = () => page.getByTestId('board-summary').textContent();

beforeAll(async () => {
  walk = await startConsoleWalk('ejia-console-notices-', problems);
  ({ backend, page } = walk);
  db = createDb(`file:${path.join(walk.tmp, 'e2e.db')}`);
}, 240_000);

afterAll(async () => {
  await db?.$disconnect();
  await walk?.stop();
});

describe.sequential('通知 in the staff console', () => {
  let noticeId = '';

  it('lists the community’s notices with their delivery, filtered on the server', async () => {
    await page.goto(`${backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('.ant-menu-item').filter({ hasText: '通知' }).click();
    const rows = page.locator('[data-testid="notices-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(page.url()).toContain('/console/notices');
    expect(await rows.count()).toBeGreaterThan(0);
    // by state: the demo's notice set for tomorrow
    await page.getByTestId('filter-state').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '定时发送' }).click();
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes('定时发送'))).toBe(true);
    await page.getByTestId('filter-state').locator('.ant-select-clear').click({ force: true });
    await shot('console-notices-01-list');
  });

  it('writes a notice to one grid, with the post and the mini-program page previewed and who it reaches counted', async () => {
    await page.getByTestId('compose').click();
    await page.getByTestId('compose-form').waitFor();
    await page.getByTestId('notice-title-input').fill(TITLE);
    await page.getByTestId('notice-body-input').fill('因管网维修，12月8日（周一）9:00—17:00 第1网格各楼停水，请提前储水。\n有困难的老人请联系楼栋长。');
    await page.locator('.ant-select').filter({ hasText: '不附' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '我要报事' }).click();
    await page.getByTestId('audience-type').getByText('按网格').click();
    await page.getByTestId('audience-grids').getByText('第1网格').click();
    // 惠泽1–3栋, each with its group and 24 households
    await expect.poll(() => page.getByTestId('audience-reach').textContent()).toBe('将发到 3 个群，覆盖 3 栋楼、72 户');
    const post = await page.getByTestId('group-preview').locator('.chat__bubble').textContent();
    expect(post).toBe(`【惠民政策】${TITLE}\n\n因管网维修，12月8日（周一）9:00—17:00 第1网格各楼停水，请提前储水。\n有困难的老人请联系楼栋长。\n\n👉 详情请打开「e家社区」小程序查看\n\n—— 惠泽社区`);
    await page.getByTestId('mp-preview').getByText('去看看 ›').waitFor();
    await shot('console-notices-02-compose');

    await page.getByTestId('send-notice').click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '现在发送这条通知？' });
    await confirm.getByText('将发到 3 个微信群，覆盖 3 栋楼、72 户').waitFor();
    await confirm.getByRole('button', { name: /发\s*送/ }).click();
    await page.getByTestId('deliveries-table').waitFor();
    noticeId = decodeURIComponent(page.url().split('/console/notices/')[1]!);
    expect(noticeId).toMatch(/^c/);
  });

  it('watches the delivery board fill as the bot posts, group by group', async () => {
    await page.getByTestId('live').waitFor(); // refreshes itself while posts are going out
    // the bot posts a group every 2–5 s and the board looks every 3 s: it is seen part-way
    await expect.poll(summary, { timeout: 30_000, interval: 200 }).toMatch(/^已发送 [12]\/3 个群$/);
    await shot('console-notices-03-board-filling');
    await expect.poll(summary, { timeout: 40_000, interval: 500 }).toBe('已发送 3/3 个群');
    await page.getByTestId('live').waitFor({ state: 'detached' });
    const states = await board().locator('tbody tr.ant-table-row td:nth-child(3)').allTextContents();
    expect(states).toEqual(['已发送', '已发送', '已发送']);
    expect(await page.getByTestId('notice-state').textContent()).toBe('已发完');
    await shot('console-notices-04-board-sent');
  });

  it('shows an interrupted send as 可能已发出, apart: not in 重发失败的群, and sent again only after a warning', async () => {
    // what a restarted server's worker records: 惠泽1栋's send cut off mid-way, 惠泽2栋 refused by WeChat
    const ds = await db.noticeDelivery.findMany({ where: { noticeId }, include: { group: { select: { topic: true } } }, orderBy: { group: { topic: 'asc' } } });
    const [unsure, refused, fine] = ds;
    await db.noticeDelivery.update({ where: { id: unsure!.id }, data: { status: 'possibly_sent', sentAt: null, lastError: REASON_INTERRUPTED } });
    await db.noticeDelivery.update({ where: { id: refused!.id }, data: { status: 'failed', sentAt: null, lastError: '机器人已不在该群（可能被移出），请把它拉回群后重发' } });
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await page.getByTestId('possibly-sent-warning').waitFor();
    await expect.poll(summary).toBe('已发送 1/3 个群，1 个失败：机器人已不在该群（可能被移出），请把它拉回群后重发，1 个可能已发出（请到群里看一看）');
    expect(await page.getByTestId('retry-failed').textContent()).toContain('重发失败的群（1）');
    await shot('console-notices-05-board-possibly-sent');

    // 重发失败的群: the refused group only
    await page.getByTestId('retry-failed').click();
    await expect.poll(summary, { timeout: 30_000, interval: 500 }).toBe('已发送 2/3 个群，1 个可能已发出（请到群里看一看）');
    expect((await db.noticeDelivery.findUniqueOrThrow({ where: { id: unsure!.id } })).status).toBe('possibly_sent');
    expect((await db.noticeDelivery.findUniqueOrThrow({ where: { id: fine!.id } })).attempts).toBe(1);

    // the one group, knowingly: the warning first, and 不重发 sends nothing
    await page.getByTestId('resend-possibly_sent').click();
    const warn = page.locator('.ant-modal-confirm').filter({ hasText: `「${unsure!.group.topic}」可能已经收到了` });
    await warn.getByText('请先打开这个群看一看。').waitFor();
    await shot('console-notices-06-resend-warning');
    await warn.getByRole('button', { name: '不重发' }).click();
    await warn.waitFor({ state: 'detached' });
    expect((await db.noticeDelivery.findUniqueOrThrow({ where: { id: unsure!.id } })).status).toBe('possibly_sent');
    await page.getByTestId('resend-possibly_sent').click();
    await page.getByRole('button', { name: '我看过了，群里没有，重发' }).click();
    await expect.poll(summary, { timeout: 30_000, interval: 500 }).toBe('已发送 3/3 个群');
    await page.getByTestId('possibly-sent-warning').waitFor({ state: 'detached' });
  });

  it('withdraws a scheduled notice: its groups are not sent to', async () => {
    const later = await call<{ id: string }>('demo-staff', 'POST', '/notices', {
      kind: 'activity',
      title: '元旦联欢会报名',
      body: '1月1日下午社区广场联欢会，欢迎报名节目。',
      audience: { type: 'community' },
      sendAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
    });
    await page.locator('.ant-menu-item').filter({ hasText: '通知' }).click();
    await page.getByTestId('filter-q').locator('input').fill('元旦联欢');
    await page.getByTestId('filter-q').locator('input').press('Enter');
    const rows = page.locator('[data-testid="notices-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByTestId('notice-title').click();
    await page.getByTestId('notice-state').getByText('定时发送').waitFor();
    await page.getByTestId('withdraw').click();
    await confirmPopconfirm(page, /^撤\s*回$/);
    await page.getByTestId('notice-state').getByText('已撤回').waitFor();
    expect(await summary()).toBe('已发送 0/8 个群，8 个已撤回');
    expect(await db.noticeDelivery.count({ where: { noticeId: later.id, status: { not: 'cancelled' } } })).toBe(0);
    await shot('console-notices-07-withdrawn');
    expect(problems).toEqual([]);
  });
});
