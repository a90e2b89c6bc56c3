// 走访 in headless Chromium (issue #20): a grid worker opens 今日走访 in the
// mini-program's H5 build, taps the first household, records who was met and how
// they are, writes the need found and files it as an order (代报) in the same save;
// the order is on the household with the visit on its timeline. Then staff open
// the console's 走访 section: coverage per grid (the worker's visit counted), the
// overdue list and the frequencies. Screenshots: test-results/screenshots/visits-….
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleShot } from './support/consoleShots.js';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';
import { PHONE, SHOTS, shot, startApp, text, visible, type App } from './support/ui.js';

// other walks empty the shared screenshot folder when they start: a copy of ours is kept aside
const OWN_SHOTS = path.join(path.dirname(SHOTS), 'visits');
const keep = (name: string) => {
  fs.mkdirSync(OWN_SHOTS, { recursive: true });
  fs.copyFileSync(path.join(SHOTS, `${name}.png`), path.join(OWN_SHOTS, `${name}.png`));
};

describe.sequential('a grid worker records a visit that files an order', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  it('今日走访 → the first household → 户主, 需要帮助, the need → 代报 水电维修', async () => {
    const page = await app.signIn('网格员', PHONE);
    await text(page, '我的任务').waitFor();
    await visible(page.locator('.tabbar').getByText('走访', { exact: true })).click();
    await visible(page.locator('.visit-card')).waitFor();
    const due = await app.get<{ counts: { overdue: number; today: number }; items: Array<{ householdId: string; building: string; unit: string; room: string }> }>('demo-gridworker', '/visits/due');
    expect(due.counts.overdue).toBeGreaterThan(0);
    await text(page, due.items[0]!.building + `（${due.items.filter((i) => i.building === due.items[0]!.building).length}户）`).waitFor();
    await shot(page, 'visits-01-today');
    keep('visits-01-today');

    const first = due.items[0]!;
    await visible(page.locator(`[aria-label="${first.unit}${first.room} 记录走访"]`)).click();
    await text(page, '1. 见到谁').waitFor();
    await visible(page.locator('[aria-label="户主"]')).click();
    await visible(page.locator('[aria-label="需要帮助"]')).click();
    const textareas = page.locator('textarea').filter({ visible: true });
    await textareas.nth(0).fill('老人说最近腰疼，走路慢');
    await textareas.nth(1).fill('卫生间水龙头关不紧，一直滴水');
    await visible(page.locator('.cat-tile').filter({ hasText: '水电维修' })).click();
    await shot(page, 'visits-02-record');
    keep('visits-02-record');
    await visible(page.getByText('保存走访并代报', { exact: true })).click();
    // back on the list once saved
    await text(page, '今日走访').waitFor();

    const visits = await app.get<{ visits: Array<{ id: string; met: string; wellbeing: string; orderId: string | null; note: string }> }>('demo-gridworker', `/visits/households/${first.householdId}`);
    const v = visits.visits[0]!;
    expect(v).toMatchObject({ met: 'head', wellbeing: 'needs_help', note: '老人说最近腰疼，走路慢' });
    expect(v.orderId).toEqual(expect.any(String));
    const order = await app.get<{ description: string; filedOnBehalf: boolean; room: string; timeline: Array<{ note: string | null }> }>('demo-staff', `/orders/${v.orderId}`);
    expect(order).toMatchObject({ description: '卫生间水龙头关不紧，一直滴水', filedOnBehalf: true, room: `${first.unit} ${first.room}` });
    expect(order.timeline[0]!.note).toContain(`走访记录 ${v.id}`);
    // the household left today's overdue list
    const after = await app.get<{ items: Array<{ householdId: string; bucket: string }> }>('demo-gridworker', '/visits/due');
    expect(after.items.find((i) => i.householdId === first.householdId)?.bucket ?? 'later').not.toBe('overdue');
    expect(app.pageErrors).toEqual([]);
  });
});

describe.sequential('staff see coverage in the console', () => {
  let walk: ConsoleWalk;
  let page: Page;
  const problems: string[] = [];
  beforeAll(async () => {
    walk = await startConsoleWalk('ejia-console-visits-', problems);
    page = walk.page;
  });
  afterAll(() => walk?.stop());

  it('走访覆盖 per grid, 逾期未访 and 走访频次', async () => {
    const { backend } = walk;
    const login = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-staff' }) });
    const token = ((await login.json()) as { token: string }).token;
    const api = async <T,>(p: string) => (await (await fetch(`${backend.url}/api${p}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;

    await page.goto(`${backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '走访' }).click();
    await page.getByRole('tab', { name: '走访覆盖' }).waitFor();
    const table = page.getByTestId('coverage-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(page.url()).toMatch(/\/console\/visits$/);
    const coverage = await api<{ grids: Array<{ gridName: string; due: number; onTime: number; overdue: number }> }>('/visits/coverage');
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(coverage.grids.length);
    // each grid's row shows the server's figures
    for (const g of coverage.grids) {
      const row = table.locator('tbody tr.ant-table-row').filter({ hasText: g.gridName });
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[3]).toBe(String(g.due));
      expect(cells[4]).toBe(String(g.onTime));
      expect(cells[6]).toBe(String(g.overdue));
    }
    await consoleShot(page, 'visits-03-console-coverage');
    keep('visits-03-console-coverage');

    await page.getByRole('tab', { name: '逾期未访' }).click();
    const overdue = await api<{ items: unknown[] }>('/visits/overdue');
    await page.getByTestId('overdue-visits').locator('tbody tr.ant-table-row').first().waitFor();
    expect(overdue.items.length).toBeGreaterThan(0);
    await consoleShot(page, 'visits-04-console-overdue');
    keep('visits-04-console-overdue');

    await page.getByRole('tab', { name: '走访频次' }).click();
    const rules = page.getByTestId('visit-rules');
    await rules.locator('tbody tr.ant-table-row').filter({ hasText: '空巢老人' }).waitFor();
    // the elderly every 5 days instead of weekly
    const elderly = rules.locator('tbody tr.ant-table-row').filter({ hasText: '空巢老人' });
    await elderly.getByLabel('空巢老人 天数').fill('5');
    await elderly.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存：空巢老人').waitFor();
    const saved = await api<{ rules: Array<{ tag: string; intervalDays: number | null }> }>('/visits/rules');
    expect(saved.rules.find((r) => r.tag === 'EMPTY_NEST_ELDERLY')?.intervalDays).toBe(5);
    await consoleShot(page, 'visits-05-console-rules');
    keep('visits-05-console-rules');
    expect(problems).toEqual([]);
  });
});
