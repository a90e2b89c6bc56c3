// 民情日志 and 就业摸底 in headless Chromium (issue #20): a grid worker writes a log
// entry in the mini-program's H5 build (kind, text) and does this month's survey: one
// household "无变化" in one tap, another's change recorded (a new ledger record). Then
// staff open the console's 民情日志 (the entry, searched) and 就业 → 就业摸底 (progress,
// the changed household). Screenshots: test-results/gridlog-survey/….
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleShot } from './support/consoleShots.js';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';
import { PHONE, SHOTS, shot, startApp, text, visible, type App } from './support/ui.js';

// other walks empty the shared screenshot folder when they start: a copy of ours is kept aside
const OWN_SHOTS = path.join(path.dirname(SHOTS), 'gridlog-survey');
const keep = (name: string) => {
  fs.mkdirSync(OWN_SHOTS, { recursive: true });
  fs.copyFileSync(path.join(SHOTS, `${name}.png`), path.join(OWN_SHOTS, `${name}.png`));
};
const MONTH = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

async function post(url: string, token: string, p: string, body: unknown) {
  const r = await fetch(`${url}/api${p}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBeLessThan(300);
  return r.json();
}

describe.sequential('a grid worker keeps the log and does the month’s survey', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  it('写民情日志: 安全隐患, the text, 保存', async () => {
    const page = await app.signIn('网格员', PHONE);
    await text(page, '我的任务').waitFor();
    await shot(page, 'gridlog-00-queue');
    keep('gridlog-00-queue');
    await visible(page.getByText('写民情日志')).click();
    await text(page, '1. 是哪类事').waitFor();
    await visible(page.locator('[aria-label="安全隐患"]')).click();
    await page.locator('textarea').filter({ visible: true }).first().fill('5栋1单元楼道堆放纸箱，挡住消防通道，已提醒住户今天清走');
    await shot(page, 'gridlog-01-write');
    keep('gridlog-01-write');
    await visible(page.getByText('保存', { exact: true })).click();
    await visible(page.locator('.log-entry').filter({ hasText: '挡住消防通道' })).waitFor();
    const log = await app.get<{ items: Array<{ kind: string; text: string }> }>('demo-gridworker', '/grid-log');
    expect(log.items[0]).toMatchObject({ kind: 'hazard', text: '5栋1单元楼道堆放纸箱，挡住消防通道，已提醒住户今天清走' });
    await shot(page, 'gridlog-02-saved');
    keep('gridlog-02-saved');
    expect(app.pageErrors).toEqual([]);
  });

  it('本月就业摸底: 无变化 in one tap, and a change recorded', async () => {
    await post(app.backend.url, await app.token('demo-staff'), '/employment/surveys', { month: MONTH });
    type Tasks = { items: Array<{ id: string; status: string; household: { room: string; building: string; members: Array<{ id: string; name: string; status: string | null }> } }> };
    const before = await app.get<Tasks>('demo-gridworker', `/employment/surveys/${MONTH}/tasks?limit=500`);
    const page = await app.signIn('网格员', PHONE);
    await text(page, '我的任务').waitFor();
    await visible(page.getByText('本月就业摸底')).click();
    await visible(page.locator('.survey-card')).waitFor();
    await shot(page, 'survey-01-month');
    keep('survey-01-month');

    const first = before.items[0]!;
    await visible(page.locator(`[aria-label="${first.household.room} 无变化"]`)).click();
    await visible(page.locator('.survey-card').filter({ hasText: first.household.room }).getByText('✓ 无变化')).waitFor();

    // a household whose first member is not working locally now starts at the 帮扶车间
    const second = before.items.find((t) => t.id !== first.id && t.household.members[0]!.status !== 'employed_local')!;
    const member = second.household.members[0]!;
    await visible(page.locator(`[aria-label="${second.household.room} 有变化"]`)).click();
    await text(page, '保存').waitFor();
    await visible(page.locator(`[aria-label="${member.name} 本地务工"]`)).click();
    await page.locator('input').filter({ visible: true }).first().fill('平远帮扶车间');
    await shot(page, 'survey-02-change');
    keep('survey-02-change');
    await visible(page.getByText('保存', { exact: true })).click();
    await visible(page.locator('.survey-card').filter({ hasText: second.household.room }).getByText('✓ 已登记变化')).waitFor();

    const after = await app.get<Tasks>('demo-gridworker', `/employment/surveys/${MONTH}/tasks?limit=500`);
    expect(after.items.find((t) => t.id === first.id)!.status).toBe('unchanged');
    expect(after.items.find((t) => t.id === second.id)!.status).toBe('changed');
    const history = await app.get<{ records: Array<{ status: string; employer: string | null; current: boolean; source: string }> }>('demo-gridworker', `/employment/residents/${member.id}`);
    expect(history.records[0]).toMatchObject({ status: 'employed_local', employer: '平远帮扶车间', current: true, source: 'survey' });
    if (member.status) expect(history.records[1]).toMatchObject({ status: member.status, current: false });
    expect(app.pageErrors).toEqual([]);
  });
});

describe.sequential('staff read the log and follow the survey in the console', () => {
  let walk: ConsoleWalk;
  let page: Page;
  const problems: string[] = [];
  beforeAll(async () => {
    walk = await startConsoleWalk('ejia-console-gridlog-', problems);
    page = walk.page;
  });
  afterAll(() => walk?.stop());

  it('民情日志 searched, and 就业摸底 progress with the changed household', async () => {
    const { backend } = walk;
    const token = async (openid: string) =>
      ((await (await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })).json()) as { token: string }).token;
    const worker = await token('demo-gridworker');
    await post(backend.url, worker, '/grid-log', { kind: 'dispute', text: '2栋302与402因漏水起争执，已上门调解，约好周六一起找物业' });
    await post(backend.url, worker, '/grid-log', { kind: 'policy', text: '3栋有老人咨询高龄补贴怎么申请，已告知带身份证到社区办理' });
    await post(backend.url, worker, '/grid-log', { kind: 'hazard', text: '4栋电动车在楼道充电，已劝离' });
    await post(backend.url, await token('demo-gridworker-2'), '/grid-log', { kind: 'sentiment', text: '居民反映小区门口缺少公交站，希望增设' });
    await post(backend.url, await token('demo-staff'), '/employment/surveys', { month: MONTH });
    type Tasks = { items: Array<{ id: string; household: { members: Array<{ id: string; status: string | null }> } }> };
    const tasks = (await (await fetch(`${backend.url}/api/employment/surveys/${MONTH}/tasks?limit=500`, { headers: { authorization: `Bearer ${worker}` } })).json()) as Tasks;
    for (const t of tasks.items.slice(0, 12)) await post(backend.url, worker, `/employment/survey-tasks/${t.id}/unchanged`, {});
    const m = tasks.items[12]!.household.members[0]!;
    await post(backend.url, worker, `/employment/survey-tasks/${tasks.items[12]!.id}/changes`, { changes: [{ residentId: m.id, status: m.status === 'employed_outbound' ? 'seeking' : 'employed_outbound', employer: m.status === 'employed_outbound' ? null : '广东东莞电子厂' }] });

    await page.goto(`${backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '民情日志' }).click();
    const table = page.getByTestId('gridlog-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(page.url()).toMatch(/\/console\/gridLog$/);
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(4);
    await consoleShot(page, 'gridlog-03-console');
    keep('gridlog-03-console');
    await page.getByTestId('gridlog-search').locator('input').fill('补贴');
    await page.getByTestId('gridlog-search').locator('input').press('Enter');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.getByText('高龄补贴', { exact: false }).waitFor();

    await page.getByRole('menuitem', { name: '就业' }).click();
    await page.getByRole('tab', { name: '就业摸底' }).click();
    await page.getByTestId('survey-grids').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('survey-changed').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('survey-grids').locator('tbody tr.ant-table-row').filter({ hasText: '第1网格' }).innerText()).toContain('13 /');
    await page.getByTestId('survey-tasks').locator('tbody tr.ant-table-row').first().waitFor();
    await consoleShot(page, 'survey-03-console');
    keep('survey-03-console');
    expect(problems).toEqual([]);
  });
});
