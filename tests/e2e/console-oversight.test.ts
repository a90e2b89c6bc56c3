// 辖区总览 and 操作日志 in headless Chromium at 1440×900 (issue #19), served by the real
// server at /console/ on a fresh demo database: a 街道 official signs in and lands on the
// communities of 惠民街道 side by side (bars and the ranking), sorts the table on the server,
// exports the month's 通报 and reads it back with exceljs, drills down into a community,
// makes a community under the 街道, and finds that change in 操作日志.
// Screenshots: test-results/screenshots/oversight-….
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './support/backend.js';
import { consoleShot } from './support/consoleShots.js';
import { SHOTS } from './support/ui.js';


let tmp: string;
let backend: Backend;
let page: Page;
const problems: string[] = [];

async function call<T>(openid: string, apiPath: string): Promise<T> {
  const login = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  const { token } = (await login.json()) as { token: string };
  const r = await fetch(`${backend.url}/api${apiPath}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`GET ${apiPath}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

const shot = (name: string) => consoleShot(page, name);
const rankingRows = () => page.locator('[data-testid="ranking"] tbody tr.ant-table-row');

let walk: ConsoleWalk;
beforeAll(async () => {
  walk = await startConsoleWalk('ejia-oversight-', problems);
  ({ tmp, backend, page } = walk);
});

afterAll(() => walk?.stop());

describe.sequential('辖区总览 for a 街道 official', () => {
  it('signs in as 街道管理员 and lands on the communities of 惠民街道 side by side, ranked', async () => {
    await page.goto(`${backend.url}/console/`);
    await page.getByText('开发和测试环境：演示账号').waitFor();
    await page.locator('.demo-account').filter({ hasText: '街道管理员 · 惠民街道' }).getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => rankingRows().count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => page.locator('[data-testid="account"]').textContent()).toContain('街道管理员');
    // no 工单 for a 街道 official: the menu starts at 辖区总览
    const menu = await page.locator('.ant-menu').textContent();
    expect(menu).toContain('辖区总览');
    expect(menu).toContain('操作日志');
    expect(menu).not.toContain('超时督办');
    const names = await rankingRows().locator('td:nth-child(2)').allTextContents();
    expect(names.sort()).toEqual(['恒大社区', '惠民社区', '惠泽社区']);
    const ranks = await rankingRows().locator('td:nth-child(1)').allTextContents();
    expect(ranks).toEqual(['1', '2', '3']);
    await page.locator('[data-testid="chart-orders"] canvas').waitFor();
    await shot('oversight-01-side-by-side');
  });

  it('sorts the table on the server by the column clicked, up then down', async () => {
    const counts = async () => (await rankingRows().locator('td:nth-child(3)').allTextContents()).map(Number);
    for (const [order, cmp] of [['asc', (a: number, b: number) => a - b], ['desc', (a: number, b: number) => b - a]] as const) {
      const asked = page.waitForRequest((r) => r.url().includes('/api/oversight/communities?') && r.url().includes('sort=orders') && r.url().includes(`order=${order}`));
      await page.locator('[data-testid="ranking"] th').filter({ hasText: /^工单$/ }).click();
      await asked;
      await expect.poll(async () => {
        const c = await counts();
        return c.join(',') === [...c].sort(cmp).join(',') ? order : c.join(',');
      }).toBe(order);
    }
    expect(new Set(await counts()).size).toBeGreaterThan(1);
  });

  it('exports the month’s 通报 and it reads back with the figures on screen', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ranking').click()]);
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    expect(download.suggestedFilename()).toBe(`社区通报-${month}.xlsx`);
    const file = path.join(tmp, 'ranking.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`${month} 社区工作通报（3 个社区`);
    expect(sheet.getRow(2).getCell(2).value).toBe('社区');
    const side = await call<{ items: Array<{ name: string; rank: number; orders: { orders: number }; score: number | null }> }>('demo-street-admin', `/oversight/communities?month=${month}`);
    for (const c of side.items) {
      const row = sheet.getRow(2 + c.rank);
      expect(row.getCell(1).value).toBe(c.rank);
      expect(row.getCell(2).value).toBe(c.name);
      expect(row.getCell(3).value).toBe('惠民街道');
      expect(row.getCell(5).value).toBe(c.orders.orders);
      expect(row.getCell(18).value).toBe(c.score);
    }
  });

  it('drills down into 惠泽社区: its figures, its grids and its last six months', async () => {
    await rankingRows().filter({ hasText: '惠泽社区' }).getByText('惠泽社区').click();
    const figures = page.getByTestId('community-figures');
    await figures.getByRole('heading', { name: '惠泽社区' }).waitFor();
    await figures.getByText('织金县 · 惠民街道 · 平远新城').waitFor();
    await expect.poll(() => figures.locator('tbody tr.ant-table-row').count()).toBe(3);
    expect(await figures.locator('tbody tr.ant-table-row td:first-child').allTextContents()).toEqual(['第1网格', '第2网格', '第3网格']);
    expect(page.url()).toMatch(/\/console\/oversight\/[^/]+$/);
    await shot('oversight-02-drill-down');
    await page.getByRole('button', { name: /返回对比/ }).click();
    await expect.poll(() => rankingRows().count()).toBe(3);
  });

  it('makes a community under 惠民街道 from the 县/街道管理 tab', async () => {
    await page.getByRole('tab', { name: '县/街道管理' }).click();
    const street = page.getByTestId('street-惠民街道');
    await street.waitFor();
    await shot('oversight-03-regions');
    await street.getByRole('button', { name: /新建社区/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('惠民新苑社区');
    await dialog.getByLabel('安置点').fill('平远新城');
    await shot('oversight-04-new-community');
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    await street.getByText('惠民新苑社区').waitFor();
  });

  it('finds that change in 操作日志, and exports it', async () => {
    await page.locator('.ant-menu').getByText('操作日志').click();
    const table = page.getByTestId('audit-table');
    await table.getByText('新建社区').first().waitFor();
    await table.getByText('社区：惠民新苑社区').waitFor();
    await shot('oversight-05-audit');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-audit').click()]);
    const file = path.join(tmp, 'audit.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('操作记录')!;
    const actions = sheet.getColumn(4).values.slice(2);
    expect(actions).toContain('新建社区');
  });

  // H2: 邀请 beside 任命 — a code for an official not on e家社区 yet, shown once; entered in the
  // mini-program (here through its API) it gives the role; 积分 rule and shelf changes are in 操作日志 too
  it('invites a 街道督查 with a one-time code that gives the role, and finds it and a points change in 操作日志', async () => {
    await page.locator('.ant-menu').getByText('辖区总览').click();
    await page.getByRole('tab', { name: '县/街道管理' }).click();
    const street = page.getByTestId('street-惠民街道');
    // antd spaces a two-character label (邀 请)
    await street.getByRole('button', { name: /^邀\s*请$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('被邀请人姓名').fill('罗督查');
    await shot('oversight-06-invite');
    await dialog.getByRole('button', { name: /生成邀请码/ }).click();
    const code = (await page.getByTestId('region-invite-code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    await shot('oversight-07-invite-code');
    await page.getByRole('dialog').getByRole('button', { name: /好\s*的/ }).click();

    const wechat = await fetch(`${backend.url}/api/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'fake:walk-invited-official' }) });
    const { token } = (await wechat.json()) as { token: string };
    const linked = await fetch(`${backend.url}/api/me/link`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(linked.status).toBe(200);
    expect(await linked.json()).toMatchObject({ regionRole: { role: 'STREET_OVERSIGHT', region: { name: '惠民街道' } } });
    // a 社区干部 of 惠泽社区 (under 惠民街道) adds a points rule
    const staff = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-staff' }) });
    const rule = await fetch(`${backend.url}/api/points/rules`, {
      method: 'POST',
      headers: { authorization: `Bearer ${((await staff.json()) as { token: string }).token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'walk_planting', name: '植树（每棵）', points: 5 }),
    });
    expect(rule.status).toBe(201);

    await page.reload();
    await page.getByRole('tab', { name: '县/街道管理' }).click();
    await street.getByText('街道督查：罗督查').waitFor();
    await page.locator('.ant-menu').getByText('操作日志').click();
    const table = page.getByTestId('audit-table');
    await table.getByText('领取县/街道任职邀请').first().waitFor();
    await table.getByText('邀请县/街道任职').first().waitFor();
    await table.getByText('新增积分规则').first().waitFor();
    await shot('oversight-08-audit-invite-points');
  });

  it('met no script error and no refused request on the way', () => {
    expect(problems).toEqual([]);
  });
});
