// Reaching residents (#18 item 4): the notice, job and training pages answer WeChat's share menu
// (转发 and 朋友圈) with a title, the page with its id and a picture; and the subscribe-message
// question is asked inside the 提交 tap of a new order, for the order's template only, before the
// order is sent, never stopping the filing.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Me, SubmitOrderInput } from '../../client/api/types.js';
import { RaiseWizard } from '../../client/pages/raise/RaiseWizard.js';
import { shareCard, SHARE_COVERS } from '../../client/lib/share.js';
import { ORDER_TEMPLATES, subscribeForNewOrder } from '../../client/lib/subscribe.js';
import { store } from '../../client/lib/store.js';
import { CATEGORIES, detail, job, notice, training } from './support/fixtures.js';
import { settle, tap, type } from './support/dom.js';
import { fakeServer } from './support/network.js';

// WeChat calls the page's onShareAppMessage / onShareTimeline; here the handlers the page
// registers through Taro's hooks are kept and called as WeChat would. The rest of Taro is real.
const taro = vi.hoisted(() => ({
  shareApp: null as null | (() => unknown),
  shareTimeline: null as null | (() => unknown),
  params: {} as Record<string, string>,
}));
vi.mock('@tarojs/taro', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const hooks = {
    useShareAppMessage: (fn: () => unknown) => void (taro.shareApp = fn),
    useShareTimeline: (fn: () => unknown) => void (taro.shareTimeline = fn),
    useRouter: () => ({ params: taro.params, path: '' }),
    useDidShow: () => undefined,
    usePullDownRefresh: () => undefined,
  };
  return { ...real, ...hooks, default: { ...(real.default as object), ...hooks } };
});

const ME = {
  user: { id: 'u-1', name: '杨光明' },
  roles: [{ role: 'RESIDENT' }],
  linked: true,
  resident: { id: 'r-1', name: '杨光明' },
} as unknown as Me;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  taro.shareApp = null;
  taro.shareTimeline = null;
});

describe('sharing a notice, a job or a course (转发, 朋友圈)', () => {
  beforeAll(() => {
    (globalThis as { definePageConfig?: (c: object) => object }).definePageConfig = (c) => c;
    store.signedIn(ME);
  });

  it('the three pages turn WeChat’s share menu on, for chats and for 朋友圈', async () => {
    const configs = {
      notice: (await import('../../client/pages/notices/detail.config.js')).default,
      job: (await import('../../client/packages/jobs/detail.config.js')).default,
      training: (await import('../../client/packages/trainings/detail.config.js')).default,
    };
    for (const [page, config] of Object.entries(configs)) {
      expect(config, page).toMatchObject({ enableShareAppMessage: true, enableShareTimeline: true });
    }
  });

  it('a notice is shared with its kind and title, its own page, and its photo', async () => {
    taro.params = { id: 'n-1' };
    const photo = { id: 'up-9', url: '/api/uploads/up-9?sig=abc' };
    fakeServer({ 'GET /api/notices/n-1': notice({ id: 'n-1', title: '本周六义诊和理发进楼栋', kindLabel: '便民服务', image: photo, unread: false }) });
    const { default: NoticeDetail } = await import('../../client/pages/notices/detail.js');
    render(<NoticeDetail />);
    // before the notice has loaded the menu shares the page as it is
    expect(taro.shareApp?.()).toEqual({});
    await settle();
    await screen.findByText('本周六义诊和理发进楼栋');
    expect(taro.shareApp?.()).toEqual({ title: '【便民服务】本周六义诊和理发进楼栋', path: '/pages/notices/detail?id=n-1', imageUrl: photo.url });
    expect(taro.shareTimeline?.()).toEqual({ title: '【便民服务】本周六义诊和理发进楼栋', query: 'id=n-1', imageUrl: photo.url });
  });

  it('a job is shared as 招聘 with the employer, its page and the jobs cover', async () => {
    taro.params = { id: 'j-7' };
    fakeServer({ 'GET /api/jobs/j-7': job({ id: 'j-7', title: '缝纫工', employer: '平远服装扶贫车间' }), 'GET /api/jobs/interests/mine': [] });
    const { default: JobDetail } = await import('../../client/packages/jobs/detail.js');
    render(<JobDetail />);
    await settle();
    await screen.findByText(/缝纫工/);
    expect(taro.shareApp?.()).toEqual({ title: '招聘：缝纫工（平远服装扶贫车间）', path: '/packages/jobs/detail?id=j-7', imageUrl: SHARE_COVERS.job });
    expect(taro.shareTimeline?.()).toMatchObject({ query: 'id=j-7', imageUrl: SHARE_COVERS.job });
  });

  it('a course is shared with its name, its page and the training cover', async () => {
    taro.params = { id: 't-3' };
    fakeServer({ 'GET /api/trainings/t-3': { ...training({ id: 't-3', course: '中式烹调师培训' }), myWaitlistPosition: null } });
    const { default: TrainingDetail } = await import('../../client/packages/trainings/detail.js');
    render(<TrainingDetail />);
    await settle();
    await screen.findByText(/中式烹调师培训/);
    expect(taro.shareApp?.()).toEqual({ title: '技能培训：中式烹调师培训', path: '/packages/trainings/detail?id=t-3', imageUrl: SHARE_COVERS.training });
    expect(taro.shareTimeline?.()).toMatchObject({ title: '技能培训：中式烹调师培训', query: 'id=t-3' });
  });

  it('cuts a long title where WeChat would, and keeps ids safe in the path', () => {
    const card = shareCard('notice', 'a b&c', '关于做好2026年城乡居民基本医疗保险集中缴费工作的通知（第二批）');
    expect([...card.title].length).toBe(26);
    expect(card.title.endsWith('…')).toBe(true);
    expect(card.path).toBe('/pages/notices/detail?id=a%20b%26c');
  });
});

describe('the subscribe question at the 提交 tap of a new order', () => {
  const TEMPLATES = { order_status: 'tpl-order', emergency_notice: 'tpl-emergency' };

  it('asks in the same tap (synchronously) for the order’s template only, and reports what was allowed', async () => {
    const ask = vi.fn(async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'accept'])));
    const report = vi.fn(async () => ({}));
    const answer = subscribeForNewOrder(ask, report, TEMPLATES);
    // called before anything is awaited: WeChat refuses the question outside the tap's own call
    expect(ask).toHaveBeenCalledWith(['tpl-order']);
    expect(await answer).toEqual(['order_status']);
    expect(report).toHaveBeenCalledWith(ORDER_TEMPLATES);
  });

  it('a refusal, a closed dialog or a failed report is no message, not a failed filing', async () => {
    const report = vi.fn(async () => ({}));
    expect(await subscribeForNewOrder(async () => ({ 'tpl-order': 'reject' }), report, TEMPLATES)).toEqual([]);
    expect(report).not.toHaveBeenCalled();
    expect(await subscribeForNewOrder(() => Promise.reject(new Error('requestSubscribeMessage:fail cancel')), report, TEMPLATES)).toEqual([]);
    expect(await subscribeForNewOrder(async () => ({ 'tpl-order': 'accept' }), () => Promise.reject(new Error('offline')), TEMPLATES)).toEqual([]);
    // no template configured for this build: nothing is asked
    const ask = vi.fn();
    expect(await subscribeForNewOrder(ask, report, {})).toEqual([]);
    expect(ask).not.toHaveBeenCalled();
  });

  it('the wizard asks once the form is complete, before the order is sent; not for a form it refuses', async () => {
    const askSubscribe = vi.fn(async () => undefined);
    const submit = vi.fn(async (body: SubmitOrderInput) => detail({ id: 'o-1', description: body.description }));
    render(<RaiseWizard categories={CATEGORIES} forNeighbour={false} searchResidents={async () => []} submit={submit} onDone={() => undefined} askSubscribe={askSubscribe} />);
    await tap('水电维修');
    await tap('提交');
    expect(askSubscribe).not.toHaveBeenCalled(); // nothing said yet: the form is refused first
    await tap('水管漏水');
    await tap('提交');
    await settle();
    expect(askSubscribe).toHaveBeenCalledTimes(1);
    expect(submit).toHaveBeenCalledTimes(1);
    expect(askSubscribe.mock.invocationCallOrder[0]!).toBeLessThan(submit.mock.invocationCallOrder[0]!);
  });
});

describe('common problems to tap (typing is optional)', () => {
  it('a tapped problem is the description; a second tap takes it out; typed words stay', async () => {
    const submit = vi.fn(async (body: SubmitOrderInput) => detail({ id: 'o-2', description: body.description }));
    render(<RaiseWizard categories={CATEGORIES} forNeighbour={false} searchResidents={async () => []} submit={submit} onDone={() => undefined} />);
    await tap('房屋漏水');
    await tap('屋顶漏水');
    await tap('窗户漏雨');
    expect(screen.getByText('✔ 屋顶漏水')).toBeTruthy();
    await tap('✔ 屋顶漏水');
    await type('比如：厨房水管漏水，地上都是水', '窗户漏雨，卧室里');
    await tap('提交');
    await settle();
    expect(submit).toHaveBeenCalledWith(expect.objectContaining({ category: 'housing', description: '窗户漏雨，卧室里' }));
  });
});

describe('links to pages that moved into subpackages', () => {
  it('a notice written with the old path of 积分超市, 我的积分 or a job still opens it', async () => {
    const { pageOfNotice, PAGES } = await import('../../client/lib/workspaces.js');
    expect(pageOfNotice('pages/shop/index')).toBe(PAGES.shop);
    expect(pageOfNotice('/pages/points/index?from=notice')).toBe(`${PAGES.points}?from=notice`);
    expect(PAGES.shop.startsWith('/packages/')).toBe(true);
    expect(pageOfNotice('pages/jobs/detail?id=j-1')).toBe('/packages/jobs/detail?id=j-1');
    expect(pageOfNotice('pages/notices/detail?id=n-1')).toBe('/pages/notices/detail?id=n-1');
    expect(pageOfNotice('pages/nowhere/index')).toBeNull();
  });
});
