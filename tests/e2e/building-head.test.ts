// 楼栋长 duties through the H5 build in headless Chromium (issue #20 item 4): the head
// opens an emergency notice's 告知情况, sees who has read it and who is not reached,
// marks one household told and the rest with 全部已告知; then walks a 楼道巡查, finds a
// problem and files it as an order in one tap; staff see the reach and every building's
// patrols in the console.
// Screenshots: test-results/screenshots/head-01… to head-09….
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDir, ensureConsoleTestBuild } from '../../scripts/build-web.js';
import { consoleShot } from './support/consoleShots.js';
import { shot, startApp, text, visible, type App } from './support/ui.js';

let app: App;
let noticeId = '';
let households = 0;

async function call(openid: string, method: string, apiPath: string, body?: unknown) {
  const res = await fetch(`${app.backend.url}/api${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${await app.token(openid)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (res.status >= 300) throw new Error(`${method} ${apiPath}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  ensureConsoleTestBuild();
  process.env.CONSOLE_DIR = consoleDir('test');
  app = await startApp();
  const patrols = await call('demo-buildinghead', 'GET', '/patrols/buildings');
  const building = patrols.items[0];
  const n = await call('demo-staff', 'POST', '/notices', {
    kind: 'emergency',
    title: '今晚停水紧急通知',
    body: '因主管道抢修，今晚20点至次日6点停水，请提前储水。',
    audience: { type: 'buildings', buildingIds: [building.id] },
  });
  noticeId = n.id;
  // one household read it in the mini-program
  await call('demo-resident', 'POST', `/notices/${noticeId}/read`);
  households = (await call('demo-buildinghead', 'GET', `/notices/${noticeId}/reach`)).totals.households;
});

afterAll(async () => {
  await app?.close();
});

describe.sequential('楼栋长 duties through the mini-program’s H5 build', () => {
  it('the head marks households told about an emergency notice', async () => {
    const page = await app.signIn('楼栋长');
    await text(page, '通知告知情况').click();
    await visible(page.locator('.head-notice').filter({ hasText: '今晚停水紧急通知' })).click();
    await text(page, `未告知 ${households - 1} 户`).waitFor();
    await text(page, '已读 1 户').waitFor();
    // not reached first: the first household on the list has the button
    const first = visible(page.locator('.head-row').filter({ hasText: '点一下：已告知' }));
    const firstRoom = (await first.locator('.text').first().textContent())!.trim();
    await shot(page, 'head-01-told-board');
    await first.getByText('点一下：已告知').click();
    await text(page, `未告知 ${households - 2} 户`).waitFor();
    await visible(page.locator('.head-row').filter({ hasText: firstRoom }).getByText('已告知')).waitFor();
    await shot(page, 'head-02-one-told');
    await text(page, '剩下的全部已告知').click();
    await text(page, '都告知了').click();
    await text(page, '未告知 0 户').waitFor();
    await text(page, `已告知 ${households - 1} 户`).waitFor();
    await shot(page, 'head-03-all-told');
    const server = await app.get<any>('demo-staff', `/notices/${noticeId}/reach`);
    expect(server.totals).toEqual({ households, read: 1, told: households - 1, notReached: 0 });
  });

  it('the head walks a patrol, finds a problem and files it as an order in one tap', async () => {
    const page = await app.signIn('楼栋长');
    await text(page, '楼道巡查').click();
    await text(page, '开始巡查').click();
    await text(page, /已查 0\/\d+ 项/).waitFor();
    await shot(page, 'head-04-patrol-start');
    const cards = page.locator('.card').filter({ visible: true });
    const total = await cards.filter({ hasText: '有问题' }).count();
    // the first item has a problem
    const fire = cards.filter({ hasText: '消防通道畅通' }).first();
    await fire.getByText('有问题', { exact: true }).click();
    await visible(page.locator('textarea')).fill('2单元一楼消防通道堆了电动车');
    await text(page, '记下问题').click();
    await visible(fire.getByText('📝 一键报事')).waitFor();
    // the rest are fine
    for (let i = 0; i < total; i++) {
      const card = cards.nth(i);
      if ((await card.textContent())!.includes('消防通道畅通')) continue;
      await card.getByText('正常', { exact: true }).click();
      await visible(card.locator('text=✅')).waitFor().catch(() => undefined);
    }
    await text(page, '✅ 巡查完成，谢谢您！').waitFor();
    await shot(page, 'head-05-patrol-problem');
    await fire.getByText('📝 一键报事').click();
    await visible(fire.getByText('已报事，社区会派人处理')).waitFor();
    await shot(page, 'head-06-patrol-filed');

    const buildings = await app.get<any>('demo-buildinghead', '/patrols/buildings');
    expect(buildings.items[0]).toMatchObject({ state: 'ok', openProblems: 1 });
    const patrol = await app.get<any>('demo-buildinghead', `/patrols/${buildings.items[0].lastPatrolId}`);
    const filed = patrol.items.find((i: any) => i.name === '消防通道畅通');
    expect(filed).toMatchObject({ result: 'problem', note: '2单元一楼消防通道堆了电动车', orderId: expect.any(String) });
    const order = await app.get<any>('demo-staff', `/orders/${filed.orderId}`);
    expect(order.building.id).toBe(buildings.items[0].id);
    expect(order.timeline[0].note).toMatch(/^来自楼道巡查（惠泽1栋，.*）：消防通道畅通$/);
    expect(app.pageErrors).toEqual([]);
  });

  it('staff see the reach per building in the console’s notice detail', async () => {
    const page = await app.signIn('社区干部', { width: 1440, height: 900 });
    await page.goto(`${app.backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('[data-testid="orders-table"]').waitFor();
    await page.goto(`${app.backend.url}/console/notices/${noticeId}`);
    const card = visible(page.locator('[data-testid="notice-reach"]'));
    await card.waitFor();
    await visible(card.getByText(`共 ${households} 户：已读 1，已告知 ${households - 1}，未告知 0`)).waitFor();
    await visible(card.locator('.ant-table-row-expand-icon')).click();
    await visible(card.getByText('已告知').nth(1)).waitFor();
    await card.scrollIntoViewIfNeeded();
    await consoleShot(page, 'head-07-console-reach');

    // 楼道巡查: every building of the community, 惠泽1栋 patrolled with its problem still open
    await page.goto(`${app.backend.url}/console/patrols`);
    const table = visible(page.locator('[data-testid="patrol-buildings"]'));
    const row = visible(table.locator('tr').filter({ hasText: '惠泽1栋' }));
    await row.waitFor();
    await visible(row.getByText('按时')).waitFor();
    expect((await row.locator('td').last().textContent())!.trim()).toBe('1');
    await visible(table.locator('tr').filter({ hasText: '惠泽2栋' }).getByText('从未巡查')).waitFor();
    await consoleShot(page, 'head-08-console-patrols');
    await page.goto(`${app.backend.url}/console/patrols/checklist`);
    await visible(page.locator('input[aria-label="第1项"]')).waitFor();
    expect(await visible(page.locator('input[aria-label="第1项"]')).inputValue()).toBe('消防通道畅通');
    await consoleShot(page, 'head-09-console-checklist');
    expect(app.pageErrors).toEqual([]);
  });
});
