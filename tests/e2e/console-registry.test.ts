// 户籍台账 in the staff console at 1440×900 (issue #19, item 2): the platform
// admin picks a new community, downloads the template, uploads a generated
// workbook with rows wrong on purpose, sees each named by row and reason,
// confirms, exports the registry (with a reason) and reads it back with exceljs,
// uploads the export again (all unchanged), then a workbook without one person:
// they are listed and marked 迁出. Screenshots: test-results/screenshots/registry-….
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db.js';
import { sampleRows, sampleWorkbook, type SampleWorkbook } from '../../server/registry/sampleWorkbook.js';
import { writeRegistryWorkbook } from '../../server/registry/workbookOut.js';
import type { Backend } from './support/backend.js';
import { confirmPopconfirm, consoleShot, consoleStill } from './support/consoleShots.js';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';

const SAMPLE = { buildings: 4, flats: 40, people: 160, prefix: '新城', bad: 9, seed: 11, region: '520504' };

let walk: ConsoleWalk;
let tmp: string;
let backend: Backend;
let page: Page;
let sample: SampleWorkbook;
const problems: string[] = [];

const shot = (name: string) => consoleShot(page, name);

beforeAll(async () => {
  walk = await startConsoleWalk('ejia-console-registry-', problems);
  ({ tmp, backend, page } = walk);
  // a community with nothing in it yet (creating one is the levels' page)
  const db = createDb(`file:${path.join(tmp, 'e2e.db')}`);
  await db.community.create({ data: { name: '新城社区', estate: '平远新城', district: '贵州省毕节市织金县' } });
  await db.$disconnect();
  sample = await sampleWorkbook(SAMPLE);
  fs.writeFileSync(path.join(tmp, '新城社区户籍台账.xlsx'), sample.file);
});

afterAll(() => walk?.stop());

const preview = () => page.getByTestId('registry-preview');

async function pickCommunity(name: string) {
  await page.getByTestId('registry-community').click();
  await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
}

async function uploadFile(file: string) {
  await page.locator('input[type="file"]').setInputFiles(file);
}

describe.sequential('户籍台账 in the console', () => {
  it('the platform admin opens 户籍台账, picks the new community and downloads its template', async () => {
    await page.goto(`${backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '平台管理员' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '户籍台账' }).click();
    await page.waitForURL(/\/console\/registry$/);
    await pickCommunity('新城社区');
    await page.getByText('当前社区：').getByText('新城社区').waitFor();
    await shot('registry-01-start');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('registry-template').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['下拉选项', '楼栋单元', '户籍人口']);
    expect(download.suggestedFilename()).toBe('户籍台账模板-新城社区.xlsx');
  });

  it('uploads a workbook with bad rows: each is named by row and reason, and nothing is imported yet', async () => {
    await uploadFile(path.join(tmp, '新城社区户籍台账.xlsx'));
    await preview().waitFor();
    await page.waitForURL(/\/console\/registry\/[^/]+$/);
    const bad = page.getByTestId('registry-bad-rows');
    // the first page of bad rows, in row order, with their reasons
    const shown = await bad.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
    const expected = sample.badRows.slice(0, 10);
    expect(shown.map((r) => Number(r[1]))).toEqual(expected.map((b) => b.row));
    expect(shown.every((r) => r[0] === '户籍人口' && r[2]!.length > 4)).toBe(true);
    await bad.getByText('七彩标记「贫困户」不认识', { exact: false }).first().waitFor();
    await bad.getByText('校验位', { exact: false }).waitFor();
    await page.getByText(`有问题的行（${sample.badRows.length}）`).waitFor();
    await shot('registry-02-bad-rows');
    await page.getByRole('tab', { name: /新增和改动/ }).click();
    await page.getByTestId('registry-changes').locator('tbody tr.ant-table-row').first().waitFor();
    await shot('registry-03-changes');
    const good = sample.counts.peopleRows - sample.badRows.length;
    await page.getByTestId('registry-confirm').getByText(`新增 ${good} 人`).waitFor();
  });

  it('confirms: the good rows are imported', async () => {
    await page.getByTestId('registry-confirm').click();
    const done = page.getByTestId('registry-done');
    await done.waitFor();
    const good = sample.counts.peopleRows - sample.badRows.length;
    expect(await done.textContent()).toContain(`已导入：${good} 人`);
    await page.getByTestId('registry-community').getByText(`${good} 人`).waitFor();
    await shot('registry-04-imported');
  });

  it('exports the registry with a reason, reads it back, and the export uploads as all unchanged', async () => {
    await page.getByTestId('registry-export').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '导出户籍台账' });
    // the dialog done opening, its form in place (CI once clicked 导出 and saw no refusal of the
    // empty reason, the dialog then left open over the next test's buttons)
    await page.getByTestId('registry-export-reason').waitFor();
    await consoleStill(page);
    await dialog.getByRole('button', { name: /导\s*出/ }).click();
    await dialog.getByText('请写明原因（至少 2 个字）').waitFor();
    await page.getByTestId('registry-export-reason').fill('年度核对');
    await shot('registry-05-export-reason');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /导\s*出/ }).click()]);
    const file = path.join(tmp, 'export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const people = wb.getWorksheet('户籍人口')!;
    const good = sample.counts.peopleRows - sample.badRows.length;
    expect(people.rowCount - 1).toBe(good);
    const header = (people.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['楼栋', '单元', '房号', '与户主关系', '姓名', '身份证号']);
    for (let n = 2; n <= people.rowCount; n++) expect(String(people.getRow(n).getCell(6).value)).toMatch(/^\d{17}[\dX]$/);

    await uploadFile(file);
    await page.getByTestId('registry-confirm').getByText('和台账一样，不用导入').waitFor();
    expect(await page.getByTestId('registry-confirm').isDisabled()).toBe(true);
    await shot('registry-06-unchanged');
  });

  it('a workbook without one person lists them, and they are marked 迁出', async () => {
    const s = sampleRows(SAMPLE);
    const bad = new Set(sample.badRows.map((b) => b.row));
    const rows = s.peopleRows.filter((_, i) => !bad.has(i + 2));
    const [gone] = rows.splice(2, 1); // a 子女 of the first household
    const file = path.join(tmp, 'without-one.xlsx');
    fs.writeFileSync(file, await writeRegistryWorkbook({ grids: s.grids, buildings: s.buildings, buildingRows: s.buildingRows, peopleRows: rows }, rows.length));
    await uploadFile(file);
    await page.getByRole('tab', { name: '表里没有的人（1）' }).waitFor();
    const missing = page.getByTestId('registry-missing');
    await missing.getByText(String(gone![4])).waitFor();
    await shot('registry-07-missing');
    await missing.getByTestId('registry-moved-out').click();
    await confirmPopconfirm(page, '登记迁出');
    await missing.getByText('已登记迁出').waitFor();
    await shot('registry-08-moved-out');
    expect(problems).toEqual([]);
  });
});
