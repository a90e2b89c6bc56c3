// The walk's nine findings (#18 item 5), each checked on the H5 build in headless Chromium at a
// phone's size, in normal and in large text, with a screenshot of each (walk-f<N>-…-after-<size>;
// the before pictures were taken once on the build before the fixes, see docs/mini-program.md).
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, shot, startApp, text, visible, type App } from './support/ui.js';

let app: App;
const SIZES = ['normal', 'large'] as const;
type Size = (typeof SIZES)[number];

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Signs in; large text through the home page's own question on the first visit. */
async function signIn(label: string, size: Size): Promise<Page> {
  const page = await app.signIn(label, PHONE);
  if (label === '居民' || label === '楼栋长') {
    await text(page, '字看得清吗？').waitFor();
    // the home page re-renders as the notices arrive just after sign-in: wait for them, so the
    // tap lands on the answer button as the resident sees it
    await page.waitForLoadState('networkidle');
    await text(page, size === 'large' ? '用大字' : '看得清').click();
    await text(page, '字看得清吗？').waitFor({ state: 'hidden' });
  } else if (size === 'large') {
    await page.evaluate(() => localStorage.setItem('ejia.largeText', JSON.stringify({ data: true })));
    await page.reload();
  }
  if (size === 'large') await visible(page.locator('.page--big')).waitFor();
  return page;
}

const fontPx = (page: Page, selector: string) =>
  visible(page.locator(selector)).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe.sequential('the walk’s findings, fixed', () => {
  for (const size of SIZES) {
    const name = (f: string) => `walk-${f}-after-${size}`;

    it(`1. 大字模式 is offered on first launch and stays on the home page (${size})`, async () => {
      const page = await signIn('居民', size);
      // the switch takes the question's place the next time the home page opens
      await text(page, '我的').click();
      await text(page, '大字模式').waitFor();
      await text(page, '首页').click();
      await text(page, size === 'large' ? '换回小字' : '换成大字').waitFor();
      await shot(page, name('f1-home'));
      const base = await fontPx(page, '.page');
      const button = await fontPx(page, '.bigbtn__label');
      if (size === 'large') {
        // the phone's rem scale (390 / 375) times 24px, and buttons larger again
        expect(base).toBeGreaterThanOrEqual(24);
        expect(button).toBeGreaterThan(30);
      } else {
        expect(base).toBeLessThan(20);
      }
      // the switch on the home page changes it back and forth
      await text(page, size === 'large' ? '换回小字' : '换成大字').click();
      expect(await page.locator('.page--big').filter({ visible: true }).count()).toBe(size === 'large' ? 0 : 1);
      await page.context().close();
    });

    it(`2, 6, 7, 8. filing: tap-to-choose problems, a clear emergency switch, a big photo remove button, the deadline in words (${size})`, async () => {
      const page = await signIn('居民', size);
      await text(page, '我要报事').click();
      await text(page, '水电维修').click();
      await text(page, '点一下常见问题（可以点几个），不用打字').waitFor();
      // 2: the switch keeps its size in large text, and its state is said in words
      const knob = await visible(page.locator('.switch-row__control .weui-switch')).boundingBox();
      expect(knob!.width).toBeGreaterThanOrEqual(50);
      expect(knob!.height).toBeGreaterThanOrEqual(30);
      await text(page, '否').waitFor();
      await shot(page, name('f2-f6-raise-details'));
      await text(page, '🚨 紧急情况').click(); // the whole row is the switch
      await text(page, '是').waitFor();
      await shot(page, name('f2-raise-emergency-on'));
      await text(page, '🚨 紧急情况').click();
      await text(page, '否').waitFor();

      // 6: a tap is the description; nothing typed
      await text(page, '水管漏水').click();
      await text(page, '✔ 水管漏水').waitFor();

      // 7: the remove button of a picked photo is at least 44 × 44
      const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), text(page, '拍照 0/6').click()]);
      await chooser.setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      const remove = visible(page.locator('.photo__remove'));
      await remove.waitFor();
      await page.locator('.photo__state').filter({ visible: true }).first().waitFor({ state: 'hidden' });
      const box = await remove.boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(44);
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await shot(page, name('f7-photo'));

      // 8: after filing, by when someone comes, in words (水电维修: 2 hours to answer)
      await text(page, '提交').click();
      await text(page, '✅ 已经提交了').waitFor();
      await visible(page.getByText(/网格员会在\s*2 小时内/)).waitFor();
      await visible(page.getByText(/前办好，办好了会请您评价/)).waitFor();
      await shot(page, name('f8-done'));
      await page.context().close();
    });

    it(`3. 网格住户 in building, unit and room order, with search and a building filter (${size})`, async () => {
      const page = await signIn('网格员', size);
      await text(page, '网格住户').click();
      const titles = () => page.locator('.card .subtitle').filter({ visible: true }).allInnerTexts();
      await visible(page.locator('.card').filter({ hasText: '户主' })).waitFor();
      const first = await titles();
      expect(first[0]).toMatch(/^惠泽1栋 1单元 101/);
      await shot(page, name('f3-households'));

      await visible(page.locator('input[placeholder="搜姓名或门牌号，比如 302"]')).fill('302');
      await page.waitForFunction(() => {
        const t = Array.from(document.querySelectorAll<HTMLElement>('.card .subtitle')).filter((e) => e.offsetParent).map((e) => e.innerText);
        return t.length > 0 && t.every((x) => x.includes('302'));
      });
      await shot(page, name('f3-households-search'));
      await visible(page.locator('input[placeholder="搜姓名或门牌号，比如 302"]')).fill('');
      await text(page, '惠泽2栋').click();
      await page.waitForFunction(() => {
        const t = Array.from(document.querySelectorAll<HTMLElement>('.card .subtitle')).filter((e) => e.offsetParent).map((e) => e.innerText);
        return t.length > 0 && t.every((x) => x.startsWith('惠泽2栋'));
      });
      await page.context().close();
    });

    it(`4. a notice composer's problem shows at its field (${size})`, async () => {
      const page = await signIn('社区干部', size);
      await page.goto(`${app.web.url}/#/packages/staff/notices/compose`);
      await text(page, '写通知').waitFor();
      await text(page, '发送').click();
      const problem = visible(page.locator('.field-error').filter({ hasText: '标题至少写' }));
      await problem.waitFor();
      const [p, title, send] = await Promise.all([problem.boundingBox(), visible(page.locator('#notice-title')).boundingBox(), text(page, '发送').boundingBox()]);
      // right under the title field, above 内容 and far above the button
      expect(p!.y).toBeGreaterThan(title!.y);
      expect(p!.y - title!.y).toBeLessThan(200);
      expect(send!.y).toBeGreaterThan(p!.y);
      await shot(page, name('f4-compose-error'));
      await page.context().close();
    });

    it(`5, 9. detail pages have a title and a back button; the demo job notice is a 就业岗位 notice that leads to 找工作 (${size})`, async () => {
      const page = await signIn('居民', size);
      await text(page, '看全部通知').click();
      const card = visible(page.locator('.card').filter({ hasText: '平远新城扶贫车间招工' }));
      await card.waitFor();
      expect(await card.innerText()).toContain('就业岗位');
      expect(await card.innerText()).not.toContain('时政新闻');
      await shot(page, name('f9-notices'));
      await card.click();
      const bar = page.locator('#taro-navigation-bar.taro-navigation-bar-show');
      await bar.waitFor();
      await visible(bar.locator('.taro-navigation-bar-title').filter({ hasText: '通知' })).waitFor();
      await visible(bar.locator('.taro-navigation-bar-back')).waitFor();
      await shot(page, name('f5-f9-notice-detail'));
      await text(page, '去看看 ›').click();
      await visible(page.locator('.job-card')).waitFor();
      await visible(page.locator('.job-card')).click();
      await visible(bar.locator('.taro-navigation-bar-title').filter({ hasText: '岗位详情' })).waitFor();
      await shot(page, name('f5-job-detail'));
      await bar.locator('.taro-navigation-bar-back').click();
      await bar.waitFor({ state: 'hidden' }); // back on 找工作, a list: no bar
      await page.context().close();
    });
  }

  it('threw no script errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
