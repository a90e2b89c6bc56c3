// The staff console through the H5 build in headless Chromium, against the real
// server on a fresh demo database: the 工作台, the dashboard (on a phone, also in
// large text), writing a notice and watching it go out into the building groups
// (the demo bot posts them), the jobs and training pages, 发积分; and a resident's
// 积分榜. Screenshots go to test-results/screenshots/ (staff-…).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PC, PHONE, SHOTS, shot, startApp, text, visible, type App } from './support/ui.js';

let app: App;
const TITLE = '本周六上午义诊进楼栋';

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Nothing sticks out to the right of the phone's screen. */
async function fitsWidth(page: Page, width: number) {
  const over = await page.evaluate((w) => {
    const page = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => p.getClientRects().length > 0).pop() ?? document.body;
    return Array.from(page.querySelectorAll<HTMLElement>('*'))
      .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().right > w + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
      .slice(0, 5);
  }, width);
  expect(over).toEqual([]);
}

describe.sequential('the staff console through the mini-program’s H5 build', () => {
  it('staff open the 工作台 and the dashboard on a phone: orders by state, per grid times, satisfaction, employment', async () => {
    const page = await app.signIn('社区干部', PHONE);
    await text(page, '待派单').waitFor();
    await text(page, '工作台').click();
    await text(page, '数据看板').waitFor();
    await shot(page, 'staff-01-desk');

    await text(page, '数据看板').click();
    await text(page, '报事情况').waitFor();
    await text(page, '就业情况').waitFor();
    await visible(page.locator('[aria-label="各状态的报事件数"] .bar-row')).waitFor();
    expect(await page.locator('[aria-label="各网格平均接单用时"] .bar-row').filter({ visible: true }).count()).toBe(3);
    await visible(page.locator('.card').filter({ hasText: '惠泽' }).filter({ hasText: '岁' })).waitFor();
    await shot(page, 'staff-02-dashboard');
    await fitsWidth(page, PHONE.width);

    // the figures are the server's
    const stats = await app.get<{ community: { orders: number } }>('demo-staff', '/orders/stats?days=30');
    await visible(page.locator('.figure').filter({ hasText: '报事' }).getByText(`${stats.community.orders} 件`, { exact: true })).waitFor();

    // tapping a grid's zero-employment bar lists that grid's households (below the charts: a picture of that part alone)
    const grids = await app.get<{ grids: Array<{ id: string; name: string; zeroEmploymentHouseholds: number }> }>('demo-staff', '/employment/stats');
    const g = grids.grids.find((x) => x.zeroEmploymentHouseholds > 0)!;
    await visible(page.locator(`[aria-label="${g.name} ${g.zeroEmploymentHouseholds} 户"]`)).click();
    await text(page, `零就业家庭（${g.name}）`).waitFor();
    await text(page, `共 ${g.zeroEmploymentHouseholds} 户，请网格员上门问问，帮着找工作、报培训。`).waitFor();
    await visible(page.locator('.zero-list')).screenshot({ path: path.join(SHOTS, 'staff-02b-zero-employment.png') });
  });

  it('in large text the dashboard’s bars and the five tabs still fit the phone', async () => {
    const page = await app.signIn('社区干部', PHONE);
    await text(page, '待派单').waitFor();
    await text(page, '我的').click();
    await visible(page.locator('taro-switch-core')).click();
    await visible(page.locator('.page--big')).waitFor();
    await text(page, '工作台').click();
    await text(page, '发积分').waitFor();
    await shot(page, 'staff-03-desk-large-text');
    const tabs = await page.locator('.tabbar__text').filter({ visible: true }).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(tabs).toHaveLength(5);
    // each label on one line
    for (const h of tabs) expect(h).toBeLessThan(30);
    await fitsWidth(page, PHONE.width);
    await text(page, '数据看板').click();
    await text(page, '就业情况').waitFor();
    await visible(page.locator('.page--big')).waitFor();
    await shot(page, 'staff-04-dashboard-large-text');
    await fitsWidth(page, PHONE.width);
  });

  it('staff write a notice for 第1网格 and watch it go out into each building group', async () => {
    const page = await app.signIn('社区干部', OFFICE_PC);
    await text(page, '待派单').waitFor();
    await text(page, '工作台').click();
    await text(page, '发通知').click();
    await text(page, '✏️ 写通知').waitFor();
    await text(page, '发过的通知').waitFor();
    await visible(page.locator('.card').filter({ hasText: '看发送情况' })).waitFor();
    await shot(page, 'staff-05-notices');

    await text(page, '✏️ 写通知').click();
    await text(page, '发给谁').waitFor();
    await text(page, '便民服务').click();
    await visible(page.locator('[placeholder="比如：本周六义诊进楼栋"] input, input[placeholder="比如：本周六义诊进楼栋"]')).fill(TITLE);
    await visible(page.locator('textarea')).fill('本周六上午9点到12点，县医院医生在社区广场义诊。行动不便的老人请告诉楼栋长，上门服务。');
    await text(page, '选网格').click();
    await text(page, '第1网格').click();
    await text(page, '✔ 第1网格').waitFor();
    await shot(page, 'staff-06-notice-compose');

    await visible(page.locator('taro-button-core').filter({ hasText: /^发送$/ })).click();
    // Taro's modal: 发送 confirms
    const modal = visible(page.locator('.taro-modal__content'));
    await modal.waitFor();
    await visible(modal.getByText(/第1网格，现在就发/)).waitFor();
    await visible(modal.locator('.taro-model__confirm').filter({ hasText: '发送' })).click();

    await text(page, '发送情况').waitFor();
    await text(page, TITLE).waitFor();
    // the demo bot posts into the grid's building groups a few seconds apart; the page looks again by itself
    await text(page, /^已发送 (\d+)\/\1 个群/).waitFor({ timeout: 60_000 });
    const groups = await page.locator('.delivery').filter({ visible: true }).count();
    expect(groups).toBeGreaterThan(0);
    expect(await page.locator('.delivery .badge--done').filter({ visible: true }).count()).toBe(groups);
    await shot(page, 'staff-07-notice-delivered');

    const list = await app.get<{ items: Array<{ title: string; state: string; delivery: { sent: number; total: number } }> }>('demo-staff', '/notices/manage');
    expect(list.items.find((n) => n.title === TITLE)).toMatchObject({ state: 'done', delivery: { sent: groups, total: groups } });
    // and a resident of 第1网格 has it
    const mine = await app.get<{ items: Array<{ title: string }> }>('demo-resident', '/notices');
    expect(mine.items.map((n) => n.title)).toContain(TITLE);
  });

  it('staff see the postings, a full course’s roster with its waiting list, take attendance and complete it; and the 发积分 page', async () => {
    // a course with one seat: the first resident gets it, the second waits
    const post = async (openid: string, apiPath: string, body: unknown) => {
      const res = await fetch(`${app.backend.url}/api${apiPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token(openid)}` },
        body: JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as { id: string; status?: string };
    };
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
    const course = await post('demo-staff', '/trainings', {
      course: '电焊工入门培训',
      trade: 'welding',
      schedule: '周六 9:00-12:00',
      place: '社区党群服务中心三楼',
      startsAt: day(7),
      endsAt: day(14),
      signupDeadline: day(5),
      capacity: 1,
      jobIds: [],
    });
    expect((await post('demo-resident', `/trainings/${course.id}/enrol`, {})).status).toBe('enrolled');
    expect((await post('demo-resident-2', `/trainings/${course.id}/enrol`, { waitlist: true })).status).toBe('waitlisted');

    const page = await app.signIn('社区干部', OFFICE_PC);
    await text(page, '待派单').waitFor();
    await text(page, '工作台').click();
    await text(page, '就业培训').click();
    await text(page, '➕ 发布新岗位').waitFor();
    await visible(page.locator('.card').filter({ hasText: '人有意向' })).waitFor();
    await shot(page, 'staff-08-jobs');

    await text(page, '🎓 培训').click();
    await text(page, '电焊工入门培训').click();
    await text(page, '已报名 1/1 人，排队 1 人').waitFor();
    await text(page, '第 1 位').waitFor();
    await shot(page, 'staff-09-training-roster');

    await text(page, '保存点名').click();
    await text(page, /^已记下 .* 的点名：到了 1 人，没到 0 人。$/).waitFor();
    await visible(page.locator('.choice').filter({ hasText: '到课 1 次' })).click();
    await text(page, '给选中的 1 人结业').click();
    const modal = visible(page.locator('.taro-modal__content'));
    await modal.waitFor();
    await visible(modal.locator('.taro-model__confirm').filter({ hasText: '结业' })).click();
    await text(page, /^✅ 1 人已结业/).waitFor();
    await text(page, /🎓 已结业 · 到课 1 次/).waitFor();
    await shot(page, 'staff-10-training-completed');

    await page.goBack();
    await page.goBack();
    await text(page, '发积分').click();
    await text(page, '按哪条规则发').waitFor();
    await text(page, '志愿服务（每小时）').click();
    await text(page, '第1网格').click();
    await text(page, '惠泽1栋').click();
    await text(page, '惠泽1栋 全选').click();
    await text(page, '发给哪几户（已选 24 户）').waitFor();
    await visible(page.locator('taro-button-core').filter({ hasText: /^发积分$/ })).click();
    const confirm = visible(page.locator('.taro-modal__content'));
    await confirm.waitFor();
    await visible(confirm.locator('.taro-model__confirm').filter({ hasText: '发积分' })).click();
    await text(page, '✅ 已给 24 户发了积分，共 120 积分。').waitFor();
    await shot(page, 'staff-11-awards');
  });

  it('a resident sees the building’s 积分榜', async () => {
    const page = await app.signIn('居民');
    await text(page, '我的积分').click();
    await text(page, '积分榜').click();
    await text(page, '惠泽1栋 积分榜').waitFor();
    await visible(page.locator('.rank-row')).waitFor();
    await shot(page, 'staff-12-resident-leaderboard');
    await fitsWidth(page, PHONE.width);
  });

  it('threw no script errors in any page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
