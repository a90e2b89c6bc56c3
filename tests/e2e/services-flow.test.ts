// The resident services beyond 四单 through the H5 build in headless Chromium,
// against the real server on a fresh demo database: the building's notices on the
// home page, the 积分超市 (redeem, pickup code, staff 核销 by typing the code),
// 培训报名, 找工作, 绑定微信群, and 账号绑定 of a new WeChat account.
// Screenshots go to test-results/screenshots/ (services-…).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PC, PHONE, shot, startApp, text, visible, type App } from './support/ui.js';

let app: App;
let pickupCode = '';

type Redemptions = { items: Array<{ pickupCode: string; status: string; item: { name: string }; points: number }> };

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** The card (a `.card` element) that contains this text. */
const card = (page: Page, has: string | RegExp) => visible(page.locator('.card').filter({ hasText: has }));

describe.sequential('resident services through the mini-program’s H5 build', () => {
  it('a resident sees 找工作, 培训报名, 我的积分 and the building’s notices on the home page, and reading one marks it', async () => {
    const page = await app.signIn('居民');
    for (const label of ['我要报事', '找工作', '培训报名', '我的积分', '📢 社区通知']) await text(page, label).waitFor();
    const unread = page.locator('.notice-card--unread').filter({ visible: true });
    await unread.first().waitFor();
    const before = await unread.count();
    expect(before).toBeGreaterThan(0);
    await shot(page, 'services-01-home');

    const title = (await unread.first().locator('.notice-card__title').innerText()).trim();
    await unread.first().click();
    await visible(page.locator('.notice__body')).waitFor();
    await visible(page.locator('.title').filter({ hasText: title })).waitFor();
    await shot(page, 'services-02-notice');
    await page.goBack();
    await text(page, '📢 社区通知').waitFor();
    await expect.poll(() => page.locator('.notice-card--unread').filter({ visible: true }).count()).toBe(before - 1);
    const list = await app.get<{ items: Array<{ title: string; unread: boolean }> }>('demo-resident', '/notices');
    expect(list.items.find((n) => n.title === title)?.unread).toBe(false);
  });

  it('redeems 大米 in the 积分超市 after a confirm step and gets a large pickup code', async () => {
    const before = await app.get<{ balance: number }>('demo-resident', '/points/me?limit=1');
    const page = await app.signIn('居民');
    await text(page, '我的积分').click();
    await text(page, '我家的积分').waitFor();
    await text(page, String(before.balance)).waitFor();
    await visible(page.locator('.ledger-row')).waitFor();
    await shot(page, 'services-03-points');

    await text(page, '积分超市').click();
    await text(page, '兑换 大米 5kg').waitFor();
    await shot(page, 'services-04-shop');
    await text(page, '兑换 大米 5kg').click();
    await text(page, '确认兑换').waitFor();
    await text(page, '要用 120 积分').waitFor();
    await text(page, `换好后还剩 ${before.balance - 120} 积分`).waitFor();
    await shot(page, 'services-05-shop-confirm');

    await text(page, '确定兑换').click();
    await text(page, '✅ 兑换好了').waitFor();
    pickupCode = (await visible(page.locator('.pickup__code')).innerText()).replace(/\s/g, '');
    expect(pickupCode).toMatch(/^\d{6}$/);
    await shot(page, 'services-06-pickup-code');

    const mine = await app.get<Redemptions>('demo-resident', '/shop/redemptions');
    expect(mine.items[0]).toMatchObject({ pickupCode, status: 'reserved', item: { name: '大米 5kg' }, points: 120 });
    expect((await app.get<{ balance: number }>('demo-resident', '/points/me?limit=1')).balance).toBe(before.balance - 120);

    await text(page, '看我的兑换').click();
    await card(page, '大米 5kg ×1').waitFor();
    await visible(card(page, '大米 5kg ×1').getByText('待领取', { exact: true })).waitFor();
    await shot(page, 'services-07-my-redemptions');
  });

  it('staff hand it over at the counter by typing the code (核销)', async () => {
    const page = await app.signIn('社区干部', OFFICE_PC);
    await text(page, '待派单').waitFor();
    await text(page, '核销').click();
    await text(page, '居民给您看的取货码').waitFor();
    await visible(page.locator('.input--code input')).fill(pickupCode);
    await shot(page, 'services-08-staff-handover-code');
    await text(page, '查找').click();
    await text(page, '请把这些交给居民：').waitFor();
    await text(page, '大米 5kg ×1').waitFor();
    await text(page, '惠泽1栋 1单元 302').waitFor();
    await shot(page, 'services-09-staff-handover-check');

    await text(page, '✔ 已交给居民，核销').click();
    await text(page, '✔ 已核销：大米 5kg ×1 交给了 惠泽1栋 1单元 302。').waitFor();
    await shot(page, 'services-10-staff-handed-over');
    const mine = await app.get<Redemptions>('demo-resident', '/shop/redemptions');
    expect(mine.items.find((r) => r.pickupCode === pickupCode)?.status).toBe('handed_over');

    // the same code again is refused in plain words
    await text(page, '核销下一个').click();
    await visible(page.locator('.input--code input')).fill(pickupCode);
    await text(page, '查找').click();
    await text(page, /没有找到等着领取的这个取货码/).waitFor();
  });

  it('a resident enrols in a training course', async () => {
    const page = await app.signIn('居民');
    await text(page, '培训报名').click();
    const course = card(page, '家政服务与养老护理培训');
    await course.waitFor();
    await visible(course.getByText('👍 适合您')).waitFor();
    await shot(page, 'services-11-trainings');

    await visible(course.getByText('我要报名', { exact: true })).click();
    await visible(course.getByText('✅ 报名成功！请按时去上课。')).waitFor();
    await visible(course.getByText(/还剩 24 个名额/)).waitFor();
    await shot(page, 'services-12-enrolled');
    const courses = await app.get<Array<{ course: string; myEnrolment: string | null; seatsLeft: number }>>('demo-resident', '/trainings');
    expect(courses.find((c) => c.course === '家政服务与养老护理培训')).toMatchObject({ myEnrolment: 'enrolled', seatsLeft: 24 });
  });

  it('a resident says 我有意向 to a job with one tap', async () => {
    const page = await app.signIn('居民');
    await text(page, '找工作').click();
    const job = card(page, '家政服务员/养老护理员');
    await job.waitFor();
    await visible(job.getByText('👍 适合您')).waitFor();
    await visible(job.getByText('🙋 我有意向', { exact: true })).click();
    await visible(job.getByText('✅ 已登记意向，社区会打电话联系您')).waitFor();
    await shot(page, 'services-13-jobs');
    const mine = await app.get<Array<{ job: { title: string }; outcome: string }>>('demo-resident', '/jobs/interests/mine');
    expect(mine).toEqual([expect.objectContaining({ job: expect.objectContaining({ title: '家政服务员/养老护理员' }), outcome: 'pending' })]);
  });

  it('in large-text mode the pickup code still fits the phone, and 绑定微信群 shows the line to send', async () => {
    const page = await app.signIn('居民');
    await text(page, '我的').click();
    await visible(page.locator('taro-switch-core')).click();
    await visible(page.locator('.page--big')).waitFor();
    await text(page, '💬 绑定微信群').click();
    const line = visible(page.locator('.say__line'));
    await line.waitFor();
    expect(await line.innerText()).toMatch(/^#绑定 [2-9A-Z]{6}$/);
    await shot(page, 'services-14-group-code-large-text');

    await page.goBack();
    await text(page, '首页').click();
    await text(page, '我的积分').click();
    await text(page, '积分超市').click();
    await text(page, '兑换 香皂').click();
    await text(page, '确定兑换').click();
    const code = visible(page.locator('.pickup__code'));
    await code.waitFor();
    const box = (await code.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'services-15-pickup-code-large-text');
  });

  it('a new WeChat user links the account with the code from the grid worker (账号绑定)', async () => {
    // the grid worker makes a code for a resident of their grid who has no account yet
    const worker = await app.token('demo-gridworker');
    const residents = (await (await fetch(`${app.backend.url}/api/org/residents?limit=50`, { headers: { authorization: `Bearer ${worker}` } })).json()) as Array<{ id: string; name: string }>;
    let invite: { code: string; resident: { name: string } } | null = null;
    for (const r of residents) {
      const res = await fetch(`${app.backend.url}/api/org/residents/${r.id}/invite`, { method: 'POST', headers: { authorization: `Bearer ${worker}` } });
      if (res.status === 201) {
        invite = (await res.json()) as { code: string; resident: { name: string } };
        break;
      }
    }
    expect(invite).not.toBeNull();

    const page = await app.signIn('新微信用户（未绑定）');
    await text(page, /还没有和住户信息关联/).waitFor();
    await shot(page, 'services-16-unlinked-home');
    await text(page, '账号绑定').click();
    await visible(page.locator('.input--code input')).fill(invite!.code.toLowerCase());
    await shot(page, 'services-17-link');
    await text(page, '绑定').click();
    await text(page, '✅ 已经绑定好了').waitFor();
    await text(page, new RegExp(`这个微信是 ${invite!.resident.name} 的账号`)).waitFor();
    await shot(page, 'services-18-linked');
    await text(page, '回首页').click();
    await text(page, `${invite!.resident.name}，您好！`).waitFor();
    await text(page, '我要报事').waitFor();
  });

  it('a 县 official takes the code the platform admin made: the mini-program says which role and that the work is in the console', async () => {
    const admin = await app.token('demo-admin');
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const tree = (await (await fetch(`${app.backend.url}/api/regions`, { headers })).json()) as { items: Array<{ id: string; name: string; level: string }> };
    const county = tree.items.find((r) => r.level === 'COUNTY')!;
    const made = await fetch(`${app.backend.url}/api/regions/${county.id}/invites`, { method: 'POST', headers, body: JSON.stringify({ role: 'COUNTY_OVERSIGHT', name: '杨督查' }) });
    expect(made.status).toBe(201);
    const { code } = (await made.json()) as { code: string };

    const page = await app.signIn('新微信用户（未绑定）');
    await text(page, '账号绑定').click();
    await visible(page.locator('.input--code input')).fill(code);
    await text(page, '绑定').click();
    await text(page, `✅ 您已是${county.name}的县级督查`).waitFor();
    await text(page, /扫码登录/).waitFor();
    await shot(page, 'services-19-region-role');
  });

  it('threw no script errors in any page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
