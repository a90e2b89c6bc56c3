// Residents' rights (PIPL Art. 45–46) through the H5 build in headless Chromium,
// against the real server on a fresh demo database: from 我的, 我的信息 shows the
// household as the server holds it (ID numbers hidden until asked), 保存 downloads
// the JSON copy, 「这条不对」 under a person files a 信息更正 that lands in staff's
// 待派单 queue. Screenshots go to test-results/screenshots/ (rights-…).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PC, shot, startApp, text, visible, type App } from './support/ui.js';

let app: App;

type Copy = { household: { members: Array<{ name: string; relation: string; phone: string | null; idNumber: string | null }> } };
type OrderPage = { items: Array<{ id: string; title: string; status: string; category: { code: string } }> };

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe.sequential('我的信息 through the mini-program’s H5 build', () => {
  it('a resident opens 我的信息 from 我的, sees the household, keeps a copy and asks for a correction; staff get it in 待派单', async () => {
    const copy = await app.get<Copy>('demo-resident', '/me/data');
    // the 户主 by relation: members[0] is whoever has the smallest (random) id
    const head = copy.household.members.find((m) => m.relation === '户主')!;
    const withId = copy.household.members.find((m) => m.idNumber)!;

    const page = await app.signIn('居民');
    await text(page, '我的').click();
    await text(page, '📄 我的信息').click();
    await text(page, '👪 家里的人（' + copy.household.members.length + ' 位）').waitFor();
    await visible(page.getByText(new RegExp(`^${head.name}（`))).waitFor();
    if (head.phone) await text(page, head.phone).waitFor();
    // ID numbers are on the screen only when asked for
    expect(await page.getByText(withId.idNumber!, { exact: true }).count()).toBe(0);
    await shot(page, 'rights-01-my-data');

    // 保存一份: the browser downloads the whole copy
    const [download] = await Promise.all([page.waitForEvent('download'), text(page, '📥 保存一份我的信息').click()]);
    expect(download.suggestedFilename()).toMatch(/^我的信息-\d{8}\.json$/);
    const saved = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as Copy;
    expect(saved.household.members.map((m) => m.idNumber)).toEqual(copy.household.members.map((m) => m.idNumber));
    await text(page, '已经保存到「下载」里了，文件名是“我的信息”开头的。').waitFor();

    // 「这条不对」 under the head of the household
    const member = visible(page.locator('.mydata__section').filter({ hasText: `${head.name}（` }));
    await member.getByText('这条不对', { exact: true }).click();
    await text(page, '信息有误，申请更正').waitFor();
    expect(await visible(page.locator('input')).inputValue()).toBe(`${head.name}的信息`);
    await visible(page.locator('textarea')).fill('我的电话换了，新号码是 13900002222');
    await shot(page, 'rights-02-correction-form');
    await text(page, '交给社区').click();
    await text(page, '✅ 已经交给社区了').waitFor();
    await shot(page, 'rights-03-correction-sent');

    await text(page, '看办理进度').click();
    await text(page, '已提交，等社区派人').waitFor();
    await text(page, new RegExp(`信息更正：${head.name}的信息`)).waitFor();

    const queue = await app.get<OrderPage>('demo-staff', '/orders?status=submitted&limit=100');
    const filed = queue.items.find((o) => o.title === `信息更正：${head.name}的信息`);
    expect(filed).toMatchObject({ status: 'submitted', category: { code: 'correction' } });

    const staff = await app.signIn('社区干部', OFFICE_PC);
    await text(staff, '待派单').waitFor();
    await visible(staff.locator('.order-card').filter({ hasText: `信息更正：${head.name}的信息` })).waitFor();
    await shot(staff, 'rights-04-staff-queue');
    expect(app.pageErrors).toEqual([]);
  });
});
