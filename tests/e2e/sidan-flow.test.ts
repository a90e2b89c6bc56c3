// The whole 四单 flow through the H5 build in headless Chromium, against the real
// server on a fresh demo database: a resident files a request with a photo (群众点单),
// staff dispatch it (社区派单), the grid worker claims and resolves it (网格员接单),
// the resident rates it, and the party reviewer passes it (党组织评单).
// Screenshots of each key page go to test-results/screenshots/ (01-… to 17-…).
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PC, shot, startApp, text, visible, type App } from './support/ui.js';

const DESCRIPTION = '卫生间下水道堵了，水排不下去。家里老人不方便弄。';
const TITLE = '水电维修：卫生间下水道堵了，水排不下去';

let app: App;
let orderId = '';
const signIn = (label: string, viewport?: { width: number; height: number }) => app.signIn(label, viewport);

/** A photo as a phone would send it: a real JPEG. */
const photo = (r: number, g: number, b: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

async function attachPhoto(page: Page, tile: string, jpeg: Buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), text(page, tile).click()]);
  await chooser.setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  // picked photos carry a remove button; their state label shows while uploading and after a failure
  await visible(page.locator('.photo__remove')).waitFor();
  await page.locator('.photo__state').filter({ visible: true }).first().waitFor({ state: 'hidden' });
  expect(await page.locator('.photo__state').filter({ visible: true }).count()).toBe(0);
}

/** The order as the server has it, for the checks the screens cannot show. */
const serverOrder = (openid: string) =>
  app.get<{ status: string; feedback: unknown; timeline: Array<{ action: string; photos: unknown[]; note: string | null }> }>(openid, `/orders/${orderId}`);

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe.sequential('四单 through the mini-program’s H5 build', () => {
  it('a resident files a request with a photo in two steps (群众点单)', async () => {
    const page = await signIn('居民');
    await text(page, '我要报事').waitFor();
    await shot(page, '01-resident-home');

    await text(page, '我要报事').click();
    await text(page, '是哪一类事情？').waitFor();
    await text(page, '第 1 步，共 2 步').waitFor();
    await shot(page, '02-raise-category');

    await text(page, '水电维修').click();
    await text(page, '第 2 步，共 2 步').waitFor();
    await visible(page.locator('textarea')).fill(DESCRIPTION);
    await attachPhoto(page, '拍照 0/6', await photo(40, 90, 160));
    await shot(page, '03-raise-details');

    await text(page, '提交').click();
    await text(page, '✅ 已经提交了').waitFor();
    await shot(page, '04-raise-done');

    await text(page, '看办理进度').click();
    await text(page, '已提交，等社区派人').waitFor();
    orderId = /[?&]id=([^&]+)/.exec(page.url())?.[1] ?? '';
    expect(orderId).not.toBe('');
    await text(page, new RegExp(TITLE)).waitFor();
    expect(await page.locator('.photo img, .photo taro-image-core').filter({ visible: true }).count()).toBeGreaterThan(0);
    await shot(page, '05-resident-order-submitted');
  });

  it('staff see it with the suggested worker and dispatch it (社区派单), on the office PC', async () => {
    const page = await signIn('社区干部', OFFICE_PC);
    await text(page, '待派单').waitFor();
    const card = visible(page.locator('.order-card').filter({ hasText: TITLE }));
    await card.waitFor();
    const suggested = (await card.locator('.text').filter({ hasText: '建议派给' }).innerText()).replace('建议派给：', '').trim();
    expect(suggested.length).toBeGreaterThan(0);
    await shot(page, '06-staff-dispatch-list');

    await card.click();
    await text(page, '派给哪位网格员？').waitFor();
    // the suggested worker is preselected
    await visible(page.locator('.choice--on').filter({ hasText: `${suggested}（建议）` })).waitFor();
    await shot(page, '07-staff-dispatch-form');
    // the form's button (the last 派单 on the page: a title bar above may say it too)
    await page.getByText('派单', { exact: true }).filter({ visible: true }).last().click();
    await text(page, `已派给 ${suggested}，等网格员接单。`).waitFor();
    await shot(page, '08-staff-dispatched');
  });

  it('the grid worker claims it and resolves it with a note and a photo (网格员接单)', async () => {
    const page = await signIn('网格员');
    await text(page, '我的任务').waitFor();
    const card = visible(page.locator('.order-card').filter({ hasText: TITLE }));
    await card.waitFor();
    await shot(page, '09-worker-queue');

    await card.click();
    await text(page, '我来办（接单）').click();
    await text(page, '办好了吗？').waitFor();
    await visible(page.locator('textarea')).fill('疏通了下水管道，清理出头发和杂物，已试水，排水正常。');
    await attachPhoto(page, '拍照 0/6', await photo(60, 160, 80));
    await shot(page, '10-worker-resolve-form');
    await text(page, '办好了，提交').click();
    await text(page, '已办好，等居民评价和党组织评单。').waitFor();

    await page.goBack(); // to the queue, which has the tab bar; the job is off it now
    await visible(page.locator('.order-card').filter({ hasText: TITLE })).waitFor({ state: 'hidden' });
    await text(page, '网格住户').click();
    await visible(page.locator('.card').filter({ hasText: '户主' })).waitFor();
    await shot(page, '11-worker-households');
  });

  it('the resident sees it done and rates it, in large-text mode', async () => {
    const page = await signIn('居民');
    await text(page, '我的').click();
    await text(page, '大字模式').waitFor();
    await visible(page.locator('taro-switch-core')).click();
    await visible(page.locator('.page--big')).waitFor();
    await shot(page, '12-resident-me-large-text');

    await text(page, '我的报事').click();
    const card = visible(page.locator('.order-card').filter({ hasText: TITLE }));
    await card.waitFor();
    await visible(card.getByText('办好了，请点开给个评价')).waitFor();
    await shot(page, '13-resident-orders');

    await card.click();
    await text(page, '请您评价：办得怎么样？').waitFor();
    await text(page, '😊 满意').click();
    await text(page, '非常满意').waitFor();
    await visible(page.locator('textarea')).fill('网格员来得很快，谢谢！');
    await shot(page, '14-resident-feedback');
    await text(page, '提交评价').click();
    await text(page, '谢谢！您的评价：满意，5 星').waitFor();
    await shot(page, '15-resident-rated');

    // large text is remembered across a reload (Taro storage)
    await page.reload();
    await visible(page.locator('.page--big')).waitFor();
  });

  it('the party reviewer passes it (党组织评单) and the request is closed', async () => {
    const page = await signIn('党组织评单');
    await text(page, '待评单').waitFor();
    const card = visible(page.locator('.order-card').filter({ hasText: TITLE }));
    await card.waitFor();
    await visible(card.getByText('居民评价：满意')).waitFor();
    await shot(page, '16-reviewer-list');

    await card.click();
    await visible(page.locator('textarea')).fill('处置及时，群众满意。');
    await text(page, '✔ 通过，办结').click();
    await text(page, '已评单，事情办结。').waitFor();
    await shot(page, '17-reviewer-closed');

    const o = await serverOrder('demo-resident');
    expect(o.status).toBe('closed');
    expect(o.timeline.map((e) => e.action)).toEqual(['submit', 'dispatch', 'claim', 'resolve', 'feedback', 'review_pass']);
    expect(o.timeline[0]!.photos).toHaveLength(1);
    expect(o.timeline[3]!.photos).toHaveLength(1);
    expect(o.feedback).toEqual({ satisfied: true, rating: 5 });
  });

  it('threw no script errors in any page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
