// The console's 对接 (Open311) page and the 四单月报 button of 数据看板 (issue #21 items 4–5),
// in headless Chromium at 1440×900 against the real server: 社区干部 issues a key for the
// 12345 hotline (shown once), the key works on /open311/v2, the list shows it by its first
// characters only, revoking it stops it; the dashboard's month picker downloads the
// month's report, read back with exceljs. Screenshots: test-results/screenshots/console-open311-….
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './support/backend.js';
import { confirmPopconfirm, consoleShot } from './support/consoleShots.js';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';

let walk: ConsoleWalk;
let backend: Backend;
let page: Page;
const problems: string[] = [];
const shot = (name: string) => consoleShot(page, name);

beforeAll(async () => {
  walk = await startConsoleWalk('ejia-console-open311-', problems);
  ({ backend, page } = walk);
});
afterAll(() => walk?.stop());

describe.sequential('对接 and 四单月报 in the console', () => {
  let apiKey = '';

  it('issues a hotline key, shown once, and it answers on /open311/v2', async () => {
    await page.goto(`${backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('.ant-menu-item').filter({ hasText: '对接' }).click();
    await page.getByText('还没有发放密钥').waitFor();
    await page.getByTestId('issue-key').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '发放对接密钥' });
    await dialog.getByTestId('key-name').fill('12345热线');
    await dialog.getByTestId('purpose-hotline').click();
    await shot('console-open311-01-issue');
    await dialog.getByRole('button', { name: /发\s*放/ }).click();
    const shown = page.getByTestId('issued-key');
    await shown.waitFor();
    apiKey = (await shown.textContent())!.trim();
    expect(apiKey).toMatch(/^e311_/);
    await shot('console-open311-02-key-once');
    await page.getByRole('button', { name: '我已保存' }).click();
    const row = page.locator('[data-testid="keys"] tbody tr.ant-table-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('热线转办');
    expect(await page.locator('[data-testid="keys"]').textContent()).not.toContain(apiKey);
    const services = await fetch(`${backend.url}/open311/v2/services.json?api_key=${apiKey}`);
    expect(services.status).toBe(200);
    expect(((await services.json()) as Array<{ service_code: string }>).map((s) => s.service_code)).toContain('repair');
    await page.reload();
    await page.locator('[data-testid="keys"] tbody tr.ant-table-row').first().waitFor();
    await shot('console-open311-03-keys');
  });

  it('revokes the key: refused from then on', async () => {
    await page.getByTestId(`revoke-${apiKey.slice(0, 9)}`).click();
    await confirmPopconfirm(page, /吊\s*销/);
    await page.locator('[data-testid="keys"]').getByText('已吊销').waitFor();
    const r = await fetch(`${backend.url}/open311/v2/services.json?api_key=${apiKey}`);
    expect(r.status).toBe(403);
    await shot('console-open311-04-revoked');
  });

  it('数据看板 downloads the month’s 四单月报', async () => {
    await page.locator('.ant-menu-item').filter({ hasText: '数据看板' }).click();
    await page.getByTestId('monthly-report').waitFor();
    await shot('console-open311-05-dashboard-report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^四单月报-惠泽社区-\d{4}-\d\d\.xlsx$/);
    const file = path.join(walk.tmp, 'report.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '按网格', '按类别', '紧急工单']);
    expect(problems).toEqual([]);
  });
});
