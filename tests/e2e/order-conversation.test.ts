// 待补充 through the H5 build in headless Chromium (issue #21): a grid worker, unsure
// what is broken, asks the resident for more with a stock reply (the deadlines pause);
// the resident sees "网格员需要您补充：…" and answers with a photo (the order resumes);
// the worker reads the answer and resolves it with a stock reply.
// Screenshots: test-results/screenshots/conversation-01… to -06….
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDir, ensureConsoleTestBuild } from '../../scripts/build-web.js';
import { consoleShot } from './support/consoleShots.js';
import { shot, startApp, text, visible, type App } from './support/ui.js';

const TITLE = '水电维修：厨房水管漏水';
const ASK = '请拍一张漏水位置的照片，是哪根管子？';
const RESOLVED = '已更换漏水的管子接头，试水不漏了';

let app: App;
let orderId = '';

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

async function attachPhoto(page: Page, jpeg: Buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), text(page, '拍照 0/6').click()]);
  await chooser.setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await visible(page.locator('.photo__remove')).waitFor();
  await page.locator('.photo__state').filter({ visible: true }).first().waitFor({ state: 'hidden' });
}

async function openTask(page: Page) {
  await text(page, '我的任务').waitFor();
  await visible(page.locator('.order-card').filter({ hasText: TITLE })).click();
}

beforeAll(async () => {
  // the staff console too (the last step), served by the same server at /console/
  ensureConsoleTestBuild();
  process.env.CONSOLE_DIR = consoleDir('test');
  app = await startApp();
  // the community's stock replies, written by its staff
  await call('demo-staff', 'POST', '/categories/replies', { category: 'repair', purpose: 'ask', text: ASK });
  await call('demo-staff', 'POST', '/categories/replies', { category: 'repair', purpose: 'resolve', text: RESOLVED });
  // a request filed and dispatched to the grid's worker
  const o = await call('demo-resident', 'POST', '/orders', { category: 'repair', description: '厨房水管漏水，地上都是水' });
  orderId = o.id;
  await call('demo-staff', 'POST', `/orders/${orderId}/dispatch`, {});
});

afterAll(async () => {
  await app?.close();
});

describe.sequential('待补充 through the mini-program’s H5 build', () => {
  it('the worker claims the job and asks the resident for more, with a stock reply', async () => {
    const page = await app.signIn('网格员');
    await openTask(page);
    await text(page, '我来办（接单）').click();
    await text(page, '情况不清楚？请居民补充').click();
    await text(page, '请居民补充情况').waitFor();
    await text(page, ASK).click(); // the stock reply fills the question
    expect(await visible(page.locator('textarea[placeholder="比如：请拍一张漏水位置的照片"]')).inputValue()).toBe(ASK);
    await shot(page, 'conversation-01-worker-ask');
    await text(page, '发给居民').click();
    await text(page, '已请居民补充情况，等居民回复。回复前办理时间不算。').waitFor();
    await shot(page, 'conversation-02-worker-asked');
    const server = await app.get<{ status: string; pausedAt: string | null }>('demo-gridworker', `/orders/${orderId}`);
    expect(server).toMatchObject({ status: 'awaiting_info', pausedAt: expect.any(String) });
  });

  it('the resident sees what the worker needs and answers with a photo', async () => {
    const page = await app.signIn('居民');
    await text(page, '我的').click();
    await text(page, '我的报事').click();
    const card = visible(page.locator('.order-card').filter({ hasText: TITLE }));
    await card.waitFor();
    await visible(card.getByText('等您补充情况')).waitFor();
    await card.click();
    await text(page, '网格员需要您补充：').waitFor();
    await visible(page.locator('.ask-banner').getByText(ASK)).waitFor();
    await visible(page.locator('textarea[placeholder="写一写网格员问的事"]')).fill('是洗菜池下面那根管子，照片拍给您了');
    await attachPhoto(page, await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 110, b: 170 } } }).jpeg().toBuffer());
    await shot(page, 'conversation-03-resident-answer');
    await text(page, '发送补充').click();
    await text(page, '网格员正在办').waitFor();
    await visible(page.locator('.msg--mine').filter({ hasText: '是洗菜池下面那根管子' })).waitFor();
    expect(await page.locator('.ask-banner').filter({ visible: true }).count()).toBe(0);
    await shot(page, 'conversation-04-resident-answered');
  });

  it('the worker reads the answer with its photo and resolves the job with a stock reply', async () => {
    const page = await app.signIn('网格员');
    await openTask(page);
    const answer = visible(page.locator('.msg').filter({ hasText: '是洗菜池下面那根管子' }));
    await answer.waitFor();
    expect(await answer.locator('img, taro-image-core').count()).toBeGreaterThan(0);
    await shot(page, 'conversation-05-worker-reads-answer');
    await text(page, '办好了吗？').waitFor();
    await visible(page.locator('.card').filter({ hasText: '办好了吗？' }).getByText(RESOLVED, { exact: true })).click();
    await text(page, '办好了，提交').click();
    await text(page, '已办好，等居民评价和党组织评单。').waitFor();
    await shot(page, 'conversation-06-worker-resolved');
    const server = await app.get<{ status: string; timeline: Array<{ action: string; photos: unknown[]; note: string | null }> }>('demo-gridworker', `/orders/${orderId}`);
    expect(server.status).toBe('resolved');
    expect(server.timeline.map((e) => e.action)).toEqual(['submit', 'dispatch', 'claim', 'ask', 'answer', 'resolve']);
    expect(server.timeline[4]!.photos).toHaveLength(1);
    expect(server.timeline[5]!.note).toBe(RESOLVED);
    expect(app.pageErrors).toEqual([]);
  });

  it('staff see the conversation in the console’s order drawer', async () => {
    const page = await app.signIn('社区干部', { width: 1440, height: 900 });
    await page.goto(`${app.backend.url}/console/`);
    await page.locator('.demo-account').filter({ hasText: '社区干部 · 惠泽社区' }).getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('[data-testid="orders-table"]').waitFor();
    await page.goto(`${app.backend.url}/console/orders/${orderId}`);
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByText('办理经过').waitFor();
    await drawer.getByText('请居民补充').waitFor();
    await drawer.getByText('居民已补充').waitFor();
    await drawer.getByText('是洗菜池下面那根管子，照片拍给您了').waitFor();
    await consoleShot(page, 'conversation-07-console-drawer');
  });
});
