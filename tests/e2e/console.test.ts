// The staff console (client/console) in headless Chromium at 1440×900, served by the real
// server itself at /console/ (server/web.ts: its caching, SPA fallback and CSP), on a fresh
// demo database: sign in, filter the orders, 批量派单 several of them (one claimed meanwhile,
// so one is refused and said so), export what the filter shows to Excel and read it back
// with exceljs, open an order, 超时督办, 数据看板 with a chart turned into its table.
// Screenshots: test-results/screenshots/console-….
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { CONSOLE_VIEWPORT, startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './support/backend.js';
import { closeDrawer, consoleShot } from './support/consoleShots.js';
import { SHOTS } from './support/ui.js';

const PHRASE = '七号声控灯';

let tmp: string;
let backend: Backend;
let page: Page;
const problems: string[] = [];

async function token(openid: string) {
  const r = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  return ((await r.json()) as { token: string }).token;
}

async function call<T>(openid: string, method: 'GET' | 'POST', apiPath: string, body?: unknown): Promise<T> {
  const r = await fetch(`${backend.url}/api${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${await token(openid)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!r.ok) throw new Error(`${method} ${apiPath}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

const shot = (name: string) => consoleShot(page, name);

let walk: ConsoleWalk;
beforeAll(async () => {
  walk = await startConsoleWalk('ejia-console-', problems);
  ({ tmp, backend, page } = walk);
});

afterAll(() => walk?.stop());

const rows = () => page.locator('[data-testid="orders-table"] tbody tr.ant-table-row');

describe.sequential('the staff console', () => {
  const filed: string[] = [];

  it('signs in as 社区干部 and lands on 工单, with the account and community in the header', async () => {
    // four requests about the same broken light, from two buildings
    for (const [openid, room] of [['demo-resident', '3楼'], ['demo-resident', '5楼'], ['demo-resident-2', '2楼'], ['demo-resident-2', '6楼']] as const) {
      const o = await call<{ id: string }>(openid, 'POST', '/orders', { category: 'repair', description: `${room}楼道的${PHRASE}坏了，晚上上下楼看不见。` });
      filed.push(o.id);
    }
    await call('demo-resident-2', 'POST', '/orders', { category: 'repair', urgency: 'emergency', description: '楼下闻到很重的煤气味，请马上来看看。' });

    const res = await page.goto(`${backend.url}/console/`);
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByText('开发和测试环境：演示账号').waitFor();
    await shot('console-01-sign-in');
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await rows().first().waitFor();
    const header = page.locator('[data-testid="account"]');
    await expect.poll(() => header.textContent()).toContain('社区干部');
    await page.getByRole('heading', { name: '惠泽社区' }).waitFor();
    await shot('console-02-orders');
    // on a 1280 px office screen the title keeps room to be read (squeezed by the other columns'
    // widths it had about 50 px: three characters); the whole row still fits, nothing scrolls
    await page.setViewportSize({ width: 1280, height: 800 });
    const title = rows().first().locator('td.ant-table-cell').nth(1);
    await expect.poll(async () => (await title.boundingBox())?.width).toBeGreaterThanOrEqual(170);
    const table = page.locator('[data-testid="orders-table"] .ant-table-content');
    expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    await page.setViewportSize(CONSOLE_VIEWPORT);
  });

  it('filters by text and state on the server', async () => {
    await page.getByPlaceholder('搜索标题、描述').fill(PHRASE);
    await page.locator('[data-testid="filter-status"]').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '待派单' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('apply-filters').click();
    await expect.poll(() => rows().count()).toBe(4);
    const shown = await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    expect(new Set(shown)).toEqual(new Set(filed));
    await shot('console-03-filtered');
  });

  it('bulk-dispatches the selection; an order claimed meanwhile is refused and named', async () => {
    await page.locator('[data-testid="orders-table"] thead .ant-checkbox-input').check();
    await page.getByTestId('bulk-dispatch').getByText('（4）').waitFor();
    // meanwhile the last one is dispatched and claimed from the mini-program
    const taken = filed[3]!;
    await call('demo-staff', 'POST', `/orders/${taken}/dispatch`, {});
    await call('demo-gridworker-2', 'POST', `/orders/${taken}/claim`, {});

    await page.getByTestId('bulk-dispatch').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '批量派单' });
    await dialog.getByText('各工单所在网格的网格员（建议）').waitFor();
    await dialog.getByPlaceholder('例如：请今天下午上门').fill('今晚前换好');
    await dialog.getByRole('button', { name: /派\s*单/ }).click();
    await dialog.getByTestId('dispatch-result').getByText('派出 3 张，1 张没有派出').waitFor();
    const refused = dialog.getByTestId('dispatch-refused');
    await refused.getByText('已被接单、办好或撤销，不能再派').waitFor();
    // named by its title, as in the list
    await refused.getByText(new RegExp(`6楼楼道的${PHRASE}`)).waitFor();
    await shot('console-04-bulk-dispatch');
    await dialog.getByRole('button', { name: '知道了' }).click();

    for (const id of filed.slice(0, 3)) {
      const o = await call<{ status: string; assignee: { name: string } | null; timeline: Array<{ action: string; note: string | null }> }>('demo-staff', 'GET', `/orders/${id}`);
      expect(o.status).toBe('dispatched');
      expect(o.timeline.at(-1)).toMatchObject({ action: 'dispatch', note: '今晚前换好' });
    }
    // the list (still 待派单 only) has emptied of them
    await expect.poll(() => rows().count()).toBe(0);
  });

  it('exports what the filter shows to Excel, read back with exceljs', async () => {
    // all states now: the same four, three dispatched and one being worked on
    // the clear icon shows on hover
    await page.locator('[data-testid="filter-status"]').hover();
    await page.locator('[data-testid="filter-status"] .ant-select-clear').click();
    await expect.poll(() => page.locator('[data-testid="filter-status"]').getByText('待派单').count()).toBe(0);
    await page.getByTestId('apply-filters').click();
    await expect.poll(() => rows().count()).toBe(4);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/^工单-\d{4}-\d\d-\d\d\.xlsx$/);
    const file = path.join(tmp, 'export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('工单')!;
    const values = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1).map((v) => String(v ?? '')));
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(0, 5)).toEqual(['工单编号', '标题', '类别', '紧急程度', '状态']);
    expect(new Set(values.map((r) => r[0]))).toEqual(new Set(filed));
    expect(values.map((r) => r[4]).sort()).toEqual(['办理中', '已派单', '已派单', '已派单']);
    expect(values.every((r) => r.join(' ').includes(PHRASE))).toBe(true);
  });

  it('opens an order with its timeline', async () => {
    await rows().first().locator('a').first().click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByText('办理经过').waitFor();
    await expect.poll(() => drawer.getByTestId('timeline-entry').count()).toBeGreaterThanOrEqual(2);
    await drawer.getByText('社区派单').first().waitFor();
    expect(page.url()).toMatch(/\/console\/orders\/[^/?]+$/);
    await shot('console-05-order');
    // a link to the order opens it straight away (the server answers /console/* with the app)
    await page.reload();
    await drawer.getByText('办理经过').waitFor();
    await closeDrawer(page);
    await drawer.waitFor({ state: 'hidden' });
    expect(page.url()).toMatch(/\/console\/orders$/);
  });

  it('超时督办 lists the emergencies still open and the overdue orders', async () => {
    await page.locator('.ant-menu-item').filter({ hasText: '超时督办' }).click();
    await page.getByText('每 30 秒自动刷新').waitFor();
    await page.locator('[data-testid="emergencies"] tbody tr.ant-table-row').filter({ hasText: '煤气' }).waitFor();
    expect(page.url()).toMatch(/\/console\/overdue$/);
    await shot('console-06-overdue');
  });

  it('数据看板 draws the figures, and each chart turns into its table', async () => {
    await page.locator('.ant-menu-item').filter({ hasText: '数据看板' }).click();
    for (const id of ['chart-over-time', 'chart-status', 'chart-speed', 'chart-quality', 'chart-employment', 'chart-points']) await page.getByTestId(id).locator('canvas').first().waitFor();
    await shot('console-07-dashboard');
    const stats = await call<{ byStatus: Record<string, number> }>('demo-staff', 'GET', '/orders/stats?days=30');
    const card = page.getByTestId('chart-status');
    await card.getByText('表格').click();
    await card.locator('tbody tr').filter({ hasText: '已派单' }).getByText(String(stats.byStatus.dispatched), { exact: true }).waitFor();
    // the day-by-day chart's table: today's row holds today's filings
    await page.getByTestId('chart-over-time').getByText('表格').click();
    await page.getByTestId('chart-over-time').locator('tbody tr').last().waitFor();
    await page.getByTestId('chart-employment').getByText('表格').click();
    await page.getByTestId('chart-employment').locator('tbody tr').first().waitFor();
    await shot('console-08-dashboard-tables');
  });

  it('showed no script error and no CSP refusal on any page', () => {
    expect(problems).toEqual([]);
  });
});
