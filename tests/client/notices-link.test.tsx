// Notices with their unread marks, 账号绑定, 绑定微信群, and staff's 核销 at the shop counter.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../client/api/index.js';
import type { RedemptionPage, RedemptionsQuery } from '../../client/api/types.js';
import { NoticeCard } from '../../client/components/NoticeCard.js';
import { pageOfNotice } from '../../client/lib/workspaces.js';
import { GroupCode } from '../../client/packages/link/GroupCode.js';
import { LinkForm } from '../../client/packages/link/LinkForm.js';
import { RegionGranted } from '../../client/packages/link/RegionGranted.js';
import { NoticeView } from '../../client/pages/notices/NoticeView.js';
import { findReserved, HandoverForm } from '../../client/packages/staff/HandoverForm.js';
import { settle, tap, type } from './support/dom.js';
import { notice, redemption } from './support/fixtures.js';
import { fakeServer, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('notices', () => {
  it('mark the unread ones, and not the ones read', () => {
    const { rerender } = render(<NoticeCard notice={notice({ id: 'n-1' })} onOpen={vi.fn()} />);
    expect(screen.getByText('● 未读')).toBeTruthy();
    expect(document.querySelector('.notice-card')!.className).toContain('notice-card--unread');
    rerender(<NoticeCard notice={notice({ id: 'n-1', unread: false, readAt: new Date().toISOString() })} onOpen={vi.fn()} />);
    expect(screen.queryByText('● 未读')).toBeNull();
    expect(document.querySelector('.notice-card')!.className).not.toContain('notice-card--unread');
  });

  it('frame an emergency in red', async () => {
    const onOpen = vi.fn();
    render(<NoticeCard notice={notice({ id: 'n-2', kind: 'emergency', kindLabel: '紧急通知', urgent: true, title: '今晚停水' })} onOpen={onOpen} />);
    expect(screen.getByText('🚨 紧急通知')).toBeTruthy();
    expect(document.querySelector('.notice-card')!.className).toContain('notice-card--urgent');
    await tap('今晚停水');
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('in full keep their line breaks and lead to the page they name, if this app has it', async () => {
    const go = vi.fn();
    const { rerender } = render(<NoticeView notice={notice({ id: 'n-3', kind: 'job', kindLabel: '就业岗位', pagePath: 'pages/jobs/detail?id=j-7' })} go={go} />);
    expect(document.querySelector('.notice__body')!.textContent).toContain('义诊。\n行动不便');
    await tap('去看看 ›');
    expect(go).toHaveBeenCalledWith('/packages/jobs/detail?id=j-7');
    rerender(<NoticeView notice={notice({ id: 'n-3', pagePath: 'pages/unknown/index' })} go={go} />);
    expect(screen.queryByText('去看看 ›')).toBeNull();
  });

  it('know the pages a notice may lead to', () => {
    expect(pageOfNotice('pages/trainings/detail?id=t-1')).toBe('/packages/trainings/detail?id=t-1');
    expect(pageOfNotice('/pages/order/index?id=o-1')).toBe('/pages/order/index?id=o-1');
    expect(pageOfNotice('pages/orders/new')).toBeNull();
    expect(pageOfNotice(null)).toBeNull();
  });
});

describe('账号绑定', () => {
  it('sends the code as the server reads it (no spaces, capitals)', async () => {
    const link = vi.fn(async () => undefined);
    render(<LinkForm link={link} />);
    await settle(); // Taro's <Input> finishes loading before it can be typed into
    await type('比如 7K3M9QXA', ' v425 mtjh ');
    await tap('绑定');
    await settle();
    expect(link).toHaveBeenCalledWith('V425MTJH');
  });

  it('asks for the code before sending anything', async () => {
    const link = vi.fn(async () => undefined);
    render(<LinkForm link={link} />);
    await settle();
    await tap('绑定');
    expect(screen.getByText('请输入网格员给您的绑定码。')).toBeTruthy();
    expect(link).not.toHaveBeenCalled();
  });

  it('explains a wrong or used code, and a resident who already has an account', async () => {
    const cases: Array<[ReturnType<typeof refusal>, string]> = [
      [refusal(404, 'not_found', 'code: not valid (wrong, used or expired); ask your grid worker for a new one'), '绑定码不对，或者已经用过、过期了。请找网格员要一个新的。'],
      [refusal(409, 'conflict', 'this resident already has an account'), '这个绑定码对应的居民已经有微信账号了，或者您的微信已经绑定过。如果不是您绑定的，请找网格员。'],
    ];
    for (const [answer, words] of cases) {
      fakeServer({ 'POST /api/me/link': answer });
      render(<LinkForm link={(code) => api.link(code)} />);
      await settle();
      await type('比如 7K3M9QXA', 'V425MTJH');
      await tap('绑定');
      await settle();
      expect(screen.getByText(words)).toBeTruthy();
      cleanup();
      vi.unstubAllGlobals();
    }
  });
});

describe('a 县/街道 invitation code', () => {
  it('says which role of which region the account now holds, and where that work is done', async () => {
    render(<RegionGranted grant={{ role: 'COUNTY_OVERSIGHT', region: { id: 'r1', name: '织金县' } }} home="/pages/home/index" />);
    await settle();
    expect(screen.getByText('✅ 您已是织金县的县级督查')).toBeTruthy();
    expect(screen.getByText(/扫码登录/)).toBeTruthy();
  });
});

describe('绑定微信群', () => {
  it('shows the line to send and copies it', async () => {
    const onCopy = vi.fn();
    const onRenew = vi.fn(async () => undefined);
    render(<GroupCode code={{ code: 'K7M3QX', expiresAt: new Date(2026, 0, 5, 14, 35).toISOString(), howTo: '在楼栋微信群里发送：#绑定 K7M3QX' }} onCopy={onCopy} onRenew={onRenew} />);
    expect(screen.getByText('#绑定 K7M3QX')).toBeTruthy();
    expect(screen.getByText(/14:35 以前有效/)).toBeTruthy();
    await tap('复制这句话');
    expect(onCopy).toHaveBeenCalledWith('#绑定 K7M3QX');
    await tap('过期了，换一个新码');
    await settle();
    expect(onRenew).toHaveBeenCalledTimes(1);
  });
});

describe('核销 at the shop counter', () => {
  it('finds the code, shows what to hand over to whom, and hands it over only on confirm', async () => {
    const r = redemption({ id: 'r-1', pickupCode: '681151' });
    const find = vi.fn(async (code: string) => (code === '681151' ? r : null));
    const handOver = vi.fn(async () => ({ ...r, status: 'handed_over' as const, handedOverAt: new Date().toISOString() }));
    render(<HandoverForm find={find} handOver={handOver} />);
    await settle();
    await type('6 位数字', '681151');
    await tap('查找');
    await settle();
    expect(find).toHaveBeenCalledWith('681151');
    expect(screen.getByText('请把这些交给居民：')).toBeTruthy();
    expect(screen.getByText('大米 5kg ×1')).toBeTruthy();
    expect(screen.getByText('惠泽1栋 1单元 302')).toBeTruthy();
    expect(handOver).not.toHaveBeenCalled();
    await tap('✔ 已交给居民，核销');
    await settle();
    expect(handOver).toHaveBeenCalledWith('681151');
    expect(screen.getByText('✔ 已核销：大米 5kg ×1 交给了 惠泽1栋 1单元 302。')).toBeTruthy();
    await tap('核销下一个');
    expect(screen.getByText('居民给您看的取货码')).toBeTruthy();
  });

  it('wants six digits, and says when no redemption waits under the code', async () => {
    const find = vi.fn(async () => null);
    render(<HandoverForm find={find} handOver={vi.fn()} />);
    await settle();
    await type('6 位数字', '6811');
    await tap('查找');
    expect(screen.getByText('取货码是 6 位数字，请核对一下。')).toBeTruthy();
    expect(find).not.toHaveBeenCalled();
    await type('6 位数字', '681152');
    await tap('查找');
    await settle();
    expect(screen.getByText(/没有找到等着领取的这个取货码/)).toBeTruthy();
  });

  it('explains a code handed over meanwhile at another counter', async () => {
    const r = redemption({ id: 'r-1' });
    const server = fakeServer({ 'POST /api/shop/redemptions/handover': refusal(409, 'invalid_transition', 'already handed over') });
    render(<HandoverForm find={async () => r} handOver={(code) => api.shop.handOver(code)} />);
    await settle();
    await type('6 位数字', '681151');
    await tap('查找');
    await settle();
    await tap('✔ 已交给居民，核销');
    await settle();
    expect(server.to('POST /api/shop/redemptions/handover')[0]!.body).toEqual({ pickupCode: '681151' });
    expect(screen.getByText('这个取货码已经核销过，或者这次兑换已经取消了，不能再领。')).toBeTruthy();
  });

  it('looks through every page of waiting redemptions', async () => {
    const pages: Record<string, RedemptionPage> = {
      first: { items: [redemption({ id: 'r-1', pickupCode: '111111' })], nextCursor: 'r-1' },
      'r-1': { items: [redemption({ id: 'r-2', pickupCode: '222222' })], nextCursor: null },
    };
    const list = vi.fn(async (q: RedemptionsQuery) => pages[q.cursor ?? 'first']!);
    expect((await findReserved('222222', list))?.id).toBe('r-2');
    expect(list.mock.calls.map((c) => c[0])).toEqual([
      { status: 'reserved', limit: 100 },
      { status: 'reserved', limit: 100, cursor: 'r-1' },
    ]);
    expect(await findReserved('333333', list)).toBeNull();
  });
});
