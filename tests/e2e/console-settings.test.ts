// The console's 社区设置 (issue #19 item 4, #21 item 3) in headless Chromium at 1440×900,
// against the real server on a fresh demo database: the platform admin picks 惠泽社区,
// changes 水电维修's response deadline in the table (a resident's app then shows the new
// one), adds a 常用回复 the grid worker is then offered, switches a notice automation off,
// and reads the 修改记录 with before and after. Screenshots of every tab:
// test-results/screenshots/console-settings-….
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './support/backend.js';
import { consoleShot } from './support/consoleShots.js';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';

let walk: ConsoleWalk;
let backend: Backend;
let page: Page;
const problems: string[] = [];
// the refusals the console meets and handles (a 4xx, and the browser's console line about it) are
// not problems here; a 5xx, a script error or any other console error is
const unexpected = () => problems.filter((p) => !/^4\d\d /.test(p) && !(p.startsWith('console: ') && /status of 40\d/.test(p)));

async function token(openid: string) {
  const r = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  return ((await r.json()) as { token: string }).token;
}
async function get(openid: string, apiPath: string) {
  const r = await fetch(`${backend.url}/api${apiPath}`, { headers: { authorization: `Bearer ${await token(openid)}` } });
  return (await r.json()) as any;
}

const shot = (name: string) => consoleShot(page, `console-settings-${name}`);
const categoryRow = (name: string) => page.locator('[data-testid="categories-table"] tbody tr.ant-table-row').filter({ hasText: name });

beforeAll(async () => {
  walk = await startConsoleWalk('ejia-console-settings-', problems);
  ({ backend, page } = walk);
});

afterAll(() => walk?.stop());

describe.sequential('社区设置 in the console', () => {
  it('the platform admin opens 社区设置 and picks 惠泽社区: its categories with icons and deadlines', async () => {
    await page.goto(`${backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '平台管理员' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '社区设置' }).click();
    await page.waitForURL(/\/console\/settings$/);
    await page.getByTestId('community').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '惠泽社区' }).click();
    await categoryRow('水电维修').getByText('2 小时').waitFor();
    await expect.poll(() => page.locator('[data-testid="categories-table"] tbody tr.ant-table-row').count()).toBe(12);
    await shot('01-categories');
  });

  it('changes 水电维修’s response deadline in the table; the resident’s app has the new one', async () => {
    await categoryRow('水电维修').getByTestId('edit-category').click();
    // one row is edited at a time; its name is now in an input (not the row's text)
    const minutes = page.locator('input[data-testid="response-input"], [data-testid="response-input"] input').first();
    await expect.poll(() => minutes.inputValue()).toBe('120');
    await minutes.fill('90');
    await shot('02-editing');
    await page.getByTestId('save-category').click();
    await page.getByText('已保存「水电维修」').waitFor();
    await categoryRow('水电维修').getByText('1.5 小时').waitFor();
    const repair = ((await get('demo-resident', '/categories')) as any[]).find((c) => c.code === 'repair');
    expect(repair.responseMinutes).toBe(90);
  });

  it('adds a 常用回复 for 水电维修; the grid worker is offered it', async () => {
    await page.getByRole('tab', { name: '常用回复' }).click();
    await page.waitForURL(/\/console\/settings\/replies$/);
    await page.getByTestId('reply-category').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '水电维修' }).click();
    await page.getByTestId('new-reply-ask').fill('请拍一张漏水位置的照片，我们带对工具上门。');
    await page.getByTestId('add-reply-ask').click();
    await page.getByTestId('replies-ask').getByText('请拍一张漏水位置的照片，我们带对工具上门。').waitFor();
    await page.getByTestId('new-reply-resolve').fill('已上门更换水龙头，请您试一试，有问题再报。');
    await page.getByTestId('add-reply-resolve').click();
    await page.getByTestId('replies-resolve').getByText('已上门更换水龙头').waitFor();
    await shot('03-replies');
    const offered = (await get('demo-gridworker', '/categories/replies?category=repair&purpose=ask')) as any[];
    expect(offered.map((r) => r.text)).toContain('请拍一张漏水位置的照片，我们带对工具上门。');
  });

  it('switches 新招聘自动发通知 off', async () => {
    await page.getByRole('tab', { name: '通知自动化' }).click();
    const jobs = page.getByTestId('switch-jobs');
    await expect.poll(() => jobs.getAttribute('aria-checked')).toBe('true');
    await jobs.click();
    await page.getByText('新招聘自动发通知：已关闭').waitFor();
    await expect.poll(() => jobs.getAttribute('aria-checked')).toBe('false');
    await shot('04-automation');
    expect((await get('demo-staff', '/notices/automation')).jobs).toBe(false);
  });

  it('积分与货架 points to the 积分 page', async () => {
    await page.getByRole('tab', { name: '积分与货架' }).click();
    await page.getByText('积分规则（做什么事得多少分）').waitFor();
    await shot('05-points');
  });

  it('修改记录 shows each change, who made it, before and after', async () => {
    await page.getByRole('tab', { name: '修改记录' }).click();
    const rows = page.locator('[data-testid="history-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    const deadline = rows.filter({ hasText: '修改服务类别' });
    await deadline.getByText('响应时限(分钟)：').waitFor();
    expect(await deadline.textContent()).toContain('120 → 90');
    expect(await deadline.textContent()).toContain('水电维修');
    expect(await deadline.textContent()).toContain('平台管理员');
    expect(await rows.filter({ hasText: '修改通知自动化' }).textContent()).toContain('是 → 否');
    await shot('06-history');
  });

  it('社区干部 read the categories without changing them, and reach 积分规则 from 积分与货架', async () => {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '社区设置' }).click();
    await page.getByText('服务类别由社区的管理员（平台、街道、县）设置，您可以查看。').waitFor();
    await categoryRow('水电维修').getByText('1.5 小时').waitFor();
    expect(await page.getByTestId('edit-category').count()).toBe(0);
    expect(await page.getByTestId('add-category').count()).toBe(0);
    await shot('07-staff-categories');
    await page.getByRole('tab', { name: '积分与货架' }).click();
    await page.getByTestId('to-points-rules').click();
    await page.waitForURL(/\/console\/points\/rules$/);
    expect(unexpected()).toEqual([]);
  });
});
