// The staff console's 就业 and 积分 sections in headless Chromium at 1440×900, served by
// the real server at /console/ on a fresh demo database (issue #17): staff publish a
// posting and see the resident who registered for it, hire them; mark attendance on a
// course's roster; export the 就业台账 and read it back with exceljs, import a changed
// sheet after its preview; add a points rule, award points to a household (and to a
// whole building) and see its ledger; put goods on the shelf; 核销 a pickup code. Screenshots of every tab:
// test-results/screenshots/console-employment-… and console-points-….
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './support/backend.js';
import { closeDrawer, confirmPopconfirm, consoleShot } from './support/consoleShots.js';
import { SHOTS } from './support/ui.js';


let tmp: string;
let backend: Backend;
let page: Page;
const problems: string[] = [];
const tokens = new Map<string, string>();

async function token(openid: string) {
  if (!tokens.has(openid)) {
    const r = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
    tokens.set(openid, ((await r.json()) as { token: string }).token);
  }
  return tokens.get(openid)!;
}

async function call<T = any>(openid: string, method: 'GET' | 'POST', apiPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const r = await fetch(`${backend.url}/api${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${await token(openid)}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!r.ok) throw new Error(`${method} ${apiPath}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

// other walks empty the shared screenshot folder when they start: a copy of ours is kept aside
const OWN_SHOTS = path.join(path.dirname(SHOTS), 'console-employment-points');
async function shot(name: string) {
  await consoleShot(page, name);
  fs.mkdirSync(OWN_SHOTS, { recursive: true });
  fs.copyFileSync(path.join(SHOTS, `${name}.png`), path.join(OWN_SHOTS, `${name}.png`));
}
const dayIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Picks `option` in the antd Select inside `scope`, typing `search` first when given. */
async function pick(select: ReturnType<Page['locator']>, option: string | RegExp, search?: string) {
  await select.click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

let walk: ConsoleWalk;
beforeAll(async () => {
  walk = await startConsoleWalk('ejia-console-ep-', problems);
  ({ tmp, backend, page } = walk);
});

afterAll(() => walk?.stop());

describe.sequential('the console: 就业 and 积分', () => {
  const TITLE = '缝纫工（秋冬订单）';

  it('signs in as 社区干部 and opens 就业 from the menu', async () => {
    await page.goto(`${backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '就业' }).click();
    await page.getByRole('tab', { name: '岗位' }).waitFor();
    await page.locator('[data-testid="jobs-table"] tbody tr.ant-table-row').first().waitFor();
    expect(page.url()).toMatch(/\/console\/employment$/);
  });

  it('岗位: publishes a posting, sees who registered and who fits, and hires', async () => {
    await page.getByTestId('new-job').click();
    const form = page.getByTestId('job-form');
    await form.getByLabel('岗位名称').fill(TITLE);
    await form.getByLabel('招工单位').fill('惠泽帮扶车间');
    await form.getByLabel('上班地点').fill('惠泽社区 3 号厂房');
    await form.getByLabel('联系人和电话').fill('王主任 0857-7000000');
    await form.getByLabel('招几人').fill('8');
    await form.getByLabel('工资（最低）').fill('2200');
    await form.getByLabel('工资（最高）').fill('3000');
    await pick(form.getByLabel('需要的工种（用来找适合的人）'), '服装加工');
    await page.keyboard.press('Escape');
    await shot('console-employment-01-new-posting');
    await page.locator('.ant-modal').getByRole('button', { name: /发\s*布/ }).click();
    const row = page.locator('[data-testid="jobs-table"] tbody tr.ant-table-row').filter({ hasText: TITLE });
    await row.waitFor();
    await row.getByText('2200–3000 元/月').waitFor();

    // the resident registers from the mini-program
    const job = (await call('demo-staff', 'GET', `/jobs/manage?q=${encodeURIComponent('秋冬订单')}`)).items[0];
    await call('demo-resident', 'POST', `/jobs/${job.id}/interest`, {});
    // the search runs on the server
    await page.getByTestId('job-search').locator('input').fill('秋冬订单');
    await page.getByTestId('job-search').locator('input').press('Enter');
    await expect.poll(() => page.locator('[data-testid="jobs-table"] tbody tr.ant-table-row').count()).toBe(1);
    await row.getByTestId(`applicants-${job.id}`).getByText('1 / 0').waitFor();
    await shot('console-employment-02-postings');

    await row.getByRole('button', { name: '报名的人' }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    const interest = drawer.getByTestId('interests-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => interest.count()).toBe(1);
    const me = await call('demo-resident', 'GET', '/me');
    await interest.getByText(me.resident.name).waitFor();
    await interest.getByText('待联系').waitFor();
    await shot('console-employment-03-applicants');
    await interest.getByRole('button', { name: '录用', exact: true }).click();
    // (antd spaces out a two-character button label: 录 用)
    await confirmPopconfirm(page, /^录\s*用$/);
    await interest.getByText('已录用').waitFor();
    await closeDrawer(page);
    await row.getByText('1 / 1').waitFor();
    const mine = await call('demo-resident', 'GET', '/jobs/interests/mine');
    expect(mine.find((i: any) => i.job.id === job.id).outcome).toBe('hired');
  });

  it('培训: the roster of a course, and attendance marked for a day', async () => {
    const course = await call('demo-staff', 'POST', '/trainings', {
      course: '缝纫工上岗培训',
      trade: 'garment',
      schedule: '周二、周四 14:00-17:00',
      place: '惠泽社区培训室',
      startsAt: dayIn(3),
      endsAt: dayIn(20),
      signupDeadline: dayIn(2),
      capacity: 20,
    });
    await call('demo-resident', 'POST', `/trainings/${course.id}/enrol`, {});
    await call('demo-resident-2', 'POST', `/trainings/${course.id}/enrol`, {});
    const [a, b] = [(await call('demo-resident', 'GET', '/me')).resident.id, (await call('demo-resident-2', 'GET', '/me')).resident.id];

    await page.getByRole('tab', { name: '培训' }).click();
    expect(page.url()).toMatch(/\/console\/employment\/trainings$/);
    const row = page.locator('[data-testid="trainings-table"] tbody tr.ant-table-row').filter({ hasText: '缝纫工上岗培训' });
    await row.waitFor();
    await row.getByText('2 / 20').waitFor();
    await shot('console-employment-04-trainings');
    await page.getByTestId('new-training').click();
    await page.getByTestId('training-form').waitFor();
    await shot('console-employment-05-new-training');
    await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();

    await row.getByTestId(`roster-${course.id}`).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await expect.poll(() => drawer.locator('[data-testid="roster-table"] tbody tr.ant-table-row').count()).toBe(2);
    // the second did not come today
    await drawer.getByTestId(`present-${b}`).click();
    await drawer.getByTestId(`present-${b}`).getByText('没到').waitFor();
    await drawer.getByTestId('save-attendance').click();
    await page.getByText(/点名已保存（2 人）/).waitFor();
    const rosterRow = (id: string) => drawer.locator(`[data-testid="roster-table"] tbody tr[data-row-key="${id}"]`);
    await rosterRow(a).getByText('1 / 0').waitFor();
    await rosterRow(b).getByText('0 / 1').waitFor();
    await shot('console-employment-06-roster');
    const roster = await call('demo-staff', 'GET', `/trainings/${course.id}/enrolments`);
    expect(Object.fromEntries(roster.enrolments.map((e: any) => [e.resident.id, [e.attended, e.absent]]))).toEqual({ [a]: [1, 0], [b]: [0, 1] });
    await closeDrawer(page);
  });

  it('就业台账: zero-employment households highlighted; export read back with exceljs; a changed sheet imported after its preview', async () => {
    await page.getByRole('tab', { name: '就业台账' }).click();
    const rows = page.locator('[data-testid="ledger-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByTestId('ledger-figures').getByText('零就业家庭').waitFor();
    await page.getByTestId('only-zero').click();
    await expect.poll(async () => (await rows.count()) > 0 && (await rows.evaluateAll((trs) => trs.every((tr) => tr.classList.contains('row-zero-employment'))))).toBe(true);
    await shot('console-employment-07-ledger-zero');
    await page.getByTestId('only-zero').click();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ledger').click()]);
    expect(download.suggestedFilename()).toMatch(/^就业台账-\d{4}-\d\d-\d\d\.xlsx$/);
    const file = path.join(tmp, 'ledger.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(head.slice(0, 6)).toEqual(['姓名', '身份证号', '楼栋', '单元', '房号', '就业状态']);
    const body = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1).map((v) => String(v ?? '')));
    expect(body.length).toBeGreaterThan(200);
    // no full ID number leaves the server in the staff's export
    expect(body.every((r) => !r[1] || r[1].includes('*'))).toBe(true);

    // someone seeking work found a job: their row changed, plus a row that names nobody
    const seeking = body.find((r) => r[5] === '有意愿未就业')!;
    const changed = new ExcelJS.Workbook();
    const out = changed.addWorksheet('台账');
    out.addRow(head);
    out.addRow([...seeking.slice(0, 5), '本地务工', '惠泽帮扶车间', '2026-11', '', '']);
    out.addRow(['查无此人', '', seeking[2], seeking[3], seeking[4], '待业', '', '', '', '']);
    const upload = path.join(tmp, '台账-改.xlsx');
    await changed.xlsx.writeFile(upload);
    await page.locator('.ant-upload input[type=file]').setInputFiles(upload);
    const modal = page.locator('.ant-modal').filter({ hasText: '导入前核对' });
    await modal.getByTestId('import-summary').waitFor();
    await modal.getByTestId('import-errors').getByText('这个楼栋、单元、房号没有叫这个名字的居民').waitFor();
    await modal.getByTestId('confirm-import').getByText('导入 1 人的变化').waitFor();
    await shot('console-employment-08-import-preview');
    // nothing is written before staff confirm
    const who = await call('demo-staff', 'GET', `/employment/households?room=${seeking[4]}&limit=500`);
    const person = who.items.flatMap((h: any) => (h.building === seeking[2] && h.room === `${seeking[3]} ${seeking[4]}` ? h.members : [])).find((m: any) => m.name === seeking[0]);
    expect(person.status).toBe('seeking');
    await modal.getByTestId('confirm-import').click();
    await page.locator('.ant-modal').filter({ hasText: '导入完成' }).getByText('已更新').waitFor();
    const history = await call('demo-staff', 'GET', `/employment/residents/${person.id}`);
    expect(history.records[0]).toMatchObject({ status: 'employed_local', employer: '惠泽帮扶车间', source: 'import' });
    await page.locator('.ant-modal').getByRole('button', { name: '知道了' }).click();
    await shot('console-employment-09-ledger');
  });

  it('积分 规则: adds a rule', async () => {
    await page.getByRole('menuitem', { name: '积分' }).click();
    await page.locator('[data-testid="rules-table"] tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('new-rule').click();
    await page.getByTestId('rule-form').getByLabel('做了什么').fill('参加楼道清扫');
    await page.getByTestId('rule-form').getByLabel('每次加几分').fill('5');
    await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('[data-testid="rules-table"] tbody tr.ant-table-row').filter({ hasText: '参加楼道清扫' }).waitFor();
    await shot('console-points-01-rules');
  });

  it('发放: awards points to a household with a reason, and 户积分 shows it in its ledger', async () => {
    await page.getByRole('tab', { name: '发放' }).click();
    expect(page.url()).toMatch(/\/console\/points\/awards$/);
    await pick(page.getByTestId('award-rule'), '参加楼道清扫');
    await pick(page.getByTestId('award-building'), /^惠泽1栋$/, '惠泽1栋');
    await pick(page.getByTestId('award-households'), '1单元 302', '1单元 302');
    await page.keyboard.press('Escape');
    await page.getByTestId('award-form').getByLabel('发放原因').fill('12月5日清扫1单元楼道');
    await page.getByTestId('award-send').getByText('给 1 户各加 5 分').waitFor();
    await shot('console-points-02-award-form');
    await page.getByTestId('award-send').click();
    await page.getByTestId('award-result').getByText('已给 1 户发积分，共 5 分').waitFor();
    await shot('console-points-03-awarded');
    const balance = (await call('demo-resident', 'GET', '/points/me')).balance;

    // a whole building at once: every household of 惠泽2栋
    await page.getByTestId('award-form').getByText('整栋楼').click();
    await pick(page.getByTestId('award-building'), /^惠泽2栋$/, '惠泽2栋');
    const building2 = (await call('demo-staff', 'GET', '/points/households?limit=500')).items.find((h: any) => h.building.name === '惠泽2栋').building.id;
    const inBuilding = (await call('demo-staff', 'GET', `/points/households?buildingId=${building2}&limit=500`)).items;
    expect(inBuilding.length).toBeGreaterThan(10);
    await page.getByTestId('award-send').getByText(`给 ${inBuilding.length} 户各加 5 分`).waitFor();
    await page.getByTestId('award-form').getByLabel('发放原因').fill('12月5日惠泽2栋大扫除');
    await page.getByTestId('award-send').click();
    await page.getByTestId('award-result').getByText(`已给 ${inBuilding.length} 户发积分，共 ${inBuilding.length * 5} 分`).waitFor();
    for (const h of [inBuilding[0], inBuilding.at(-1)]) {
      const ledger = await call('demo-staff', 'GET', `/points/households/${h.id}`);
      expect(ledger.entries[0]).toMatchObject({ kind: 'earn', amount: 5, reason: '参加楼道清扫：12月5日惠泽2栋大扫除' });
    }

    await page.getByRole('tab', { name: '户积分' }).click();
    const rows = page.locator('[data-testid="points-households"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    await shot('console-points-04-households');
    await pick(page.getByTestId('points-building'), /^惠泽1栋$/, '惠泽1栋');
    await page.getByTestId('points-room').locator('input').fill('302');
    await page.getByTestId('points-room').locator('input').press('Enter');
    const mine = rows.filter({ hasText: '1单元 302' });
    await mine.waitFor();
    await expect.poll(() => rows.count()).toBeLessThan(5);
    await mine.getByText(String(balance), { exact: true }).waitFor();
    await mine.click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByTestId('ledger-balance').getByText(String(balance)).waitFor();
    await drawer.getByTestId('ledger-entries').getByText('参加楼道清扫：12月5日清扫1单元楼道').waitFor();
    await drawer.getByText('+5').first().waitFor();
    await shot('console-points-05-household-ledger');
    await closeDrawer(page);
  });

  it('货架: puts new goods on the shelf, which residents then see', async () => {
    await page.getByRole('tab', { name: '货架' }).click();
    await page.locator('[data-testid="shelf-table"] tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('new-item').click();
    const form = page.getByTestId('item-form');
    await form.getByLabel('商品名称').fill('洗洁精 1 斤装');
    await form.getByLabel('要多少积分').fill('3');
    await form.getByLabel('库存（件）').fill('12');
    await form.getByLabel('最多几件（不填为不限）').fill('2');
    await pick(form.getByLabel('图标'), '🧴');
    await shot('console-points-06-new-item');
    await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('[data-testid="shelf-table"] tbody tr.ant-table-row').filter({ hasText: '洗洁精 1 斤装' });
    await row.getByText('12 件').waitFor();
    await row.getByText('每月 2 件').waitFor();
    await shot('console-points-07-shelf');
    const shelf = await call('demo-resident', 'GET', '/shop/items');
    expect(shelf.find((i: any) => i.name === '洗洁精 1 斤装')).toMatchObject({ icon: '🧴', pointsPrice: 3, stock: 12, limitPerHousehold: 2, limitLeft: 2 });
  });

  it('核销: a pickup code shows what and for whom, and is handed over', async () => {
    const item = (await call('demo-resident', 'GET', '/shop/items')).find((i: any) => i.name === '洗洁精 1 斤装');
    const r = await call('demo-resident', 'POST', '/shop/redemptions', { itemId: item.id, quantity: 1 }, { 'idempotency-key': `e2e-${Date.now()}` });
    await page.getByRole('tab', { name: '核销' }).click();
    await page.locator('[data-testid="redemptions-table"] tbody tr.ant-table-row').filter({ hasText: r.pickupCode }).waitFor();
    await page.getByTestId('pickup-code').locator('input').fill(r.pickupCode);
    await page.getByTestId('pickup-code').locator('input').press('Enter');
    const found = page.getByTestId('pickup-found');
    await found.getByText('🧴 洗洁精 1 斤装 × 1').waitFor();
    await found.getByText('惠泽1栋 1单元 302').waitFor();
    await shot('console-points-08-pickup');
    await found.getByTestId('confirm-handover').click();
    await found.getByText('已核销，请把东西交给居民').waitFor();
    await shot('console-points-09-handed-over');
    const after = await call('demo-resident', 'GET', '/shop/redemptions');
    expect(after.items.find((x: any) => x.id === r.id).status).toBe('handed_over');
    // the same code again is already used
    await page.getByTestId('pickup-code').locator('input').fill(r.pickupCode);
    await page.getByTestId('pickup-code').locator('input').press('Enter');
    await found.getByText('已领取').waitFor();
  });

  it('had no script errors, failed requests or CSP refusals', () => {
    expect(problems).toEqual([]);
  });
});
