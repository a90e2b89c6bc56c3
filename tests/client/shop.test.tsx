// 我的积分 and the 积分超市: the shelf, the confirm step, the pickup code, idempotent retries, my redemptions.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../client/api/errors.js';
import { api } from '../../client/api/index.js';
import type { RedeemInput } from '../../client/api/types.js';
import { PickupCode } from '../../client/components/PickupCode.js';
import { LedgerRow, PointsBalance } from '../../client/packages/points/Ledger.js';
import { RedemptionCard } from '../../client/packages/shop/RedemptionCard.js';
import { mostYouCanTake, Shop, type ShopProps } from '../../client/packages/shop/Shop.js';
import { settle, tap, tapLabel } from './support/dom.js';
import { redemption, SHELF, shopItem } from './support/fixtures.js';
import { fakeServer, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup(over: Partial<ShopProps> = {}) {
  const redeem = vi.fn(async (body: RedeemInput, _key: string) => redemption({ id: 'r-1', quantity: body.quantity ?? 1 }));
  const onRedeemed = vi.fn();
  const onShowMine = vi.fn();
  render(<Shop items={SHELF} balance={280} redeem={redeem} onRedeemed={onRedeemed} onShowMine={onShowMine} {...over} />);
  return { redeem, onRedeemed, onShowMine };
}

const cardOf = (name: string) => within(screen.getByText(name).closest('.card') as HTMLElement);
const buttonOf = (text: string) => screen.getByText(text).closest('taro-button-core') as HTMLElement & { disabled?: boolean };

describe('the 积分超市 shelf', () => {
  it('shows the balance and each item with its price, stock and what the household may still take', () => {
    setup();
    expect(screen.getByText('280')).toBeTruthy();
    const rice = cardOf('大米 5kg');
    expect(rice.getByText('120 积分')).toBeTruthy();
    expect(rice.getByText('还有 40 件')).toBeTruthy();
    expect(rice.getByText('每户每月限换 1 件')).toBeTruthy();
    expect(rice.getByText('您家还能换 1 件')).toBeTruthy();
    expect(cardOf('菜籽油 1.8L').getByText('您家这段时间已经换够了')).toBeTruthy();
    expect(cardOf('书包').getByText('已经换完了，等社区补货')).toBeTruthy();
    expect(cardOf('香皂').queryByText(/限换/)).toBeNull();
  });

  it('says on the button why an item cannot be taken, and the button does nothing', async () => {
    const { redeem } = setup();
    expect(buttonOf('已换完').disabled).toBe(true); // 书包: no stock
    expect(buttonOf('已换够').disabled).toBe(true); // 菜籽油: this month's share taken
    expect(buttonOf('积分不够').disabled).toBe(true); // 电视机: 5000 points
    expect(buttonOf('兑换 大米 5kg').disabled).toBe(false);
    expect(redeem).not.toHaveBeenCalled();
  });

  it('asks to confirm what it costs, then shows the pickup code large', async () => {
    const { redeem, onRedeemed } = setup();
    await tap('兑换 大米 5kg');
    expect(screen.getByText('确认兑换')).toBeTruthy();
    expect(screen.getByText('要用 120 积分')).toBeTruthy();
    expect(screen.getByText('换好后还剩 160 积分')).toBeTruthy();
    expect(redeem).not.toHaveBeenCalled();
    await tap('确定兑换');
    await settle();
    expect(redeem).toHaveBeenCalledWith({ itemId: 'i-rice', quantity: 1 }, expect.stringMatching(/^[A-Za-z0-9_.:-]{8,100}$/));
    expect(screen.getByText('✅ 兑换好了')).toBeTruthy();
    expect(document.querySelector('.pickup__code')!.textContent).toBe('681151');
    expect(document.querySelector('.pickup')!.getAttribute('aria-label')).toBe('取货码 6 8 1 1 5 1');
    expect(onRedeemed).toHaveBeenCalledWith(expect.objectContaining({ pickupCode: '681151' }));
  });

  it('can go back from the confirm step without buying anything', async () => {
    const { redeem } = setup();
    await tap('兑换 香皂');
    await tap('不换了');
    expect(screen.getByText('兑换 香皂')).toBeTruthy();
    expect(redeem).not.toHaveBeenCalled();
  });

  it('retries a redemption whose answer was lost with the same Idempotency-Key, and the next one gets a new key', async () => {
    let calls = 0;
    const redeem = vi.fn(async () => {
      if (++calls === 1) throw new ApiError(0, 'network', 'no answer');
      return redemption({ id: `r-${calls}`, item: { id: 'i-soap', name: '香皂', icon: '🧼' }, points: 10 });
    });
    setup({ redeem });
    await tap('兑换 香皂');
    await tap('确定兑换');
    await settle();
    expect(screen.getByText('网络不好，没有连上。请稍后再试。')).toBeTruthy();
    await tap('确定兑换');
    await settle();
    expect(screen.getByText('✅ 兑换好了')).toBeTruthy();
    const [first, retry] = redeem.mock.calls.map((c) => (c as unknown as [RedeemInput, string])[1]);
    expect(retry).toBe(first);

    await tap('继续换别的');
    await tap('兑换 香皂');
    await tap('确定兑换');
    await settle();
    expect((redeem.mock.calls[2] as unknown as [RedeemInput, string])[1]).not.toBe(first);
  });

  it('lets a household take several when the limit, stock and balance allow, and no more', async () => {
    const { redeem } = setup();
    await tap('兑换 洗衣粉 2kg');
    expect(screen.getByText('要用 40 积分')).toBeTruthy();
    await tapLabel('多一件');
    expect(screen.getByText('要用 80 积分')).toBeTruthy();
    await tapLabel('多一件'); // the limit is 2
    expect(screen.getByText('要用 80 积分')).toBeTruthy();
    await tap('确定兑换');
    await settle();
    expect(redeem).toHaveBeenCalledWith({ itemId: 'i-powder', quantity: 2 }, expect.any(String));
  });

  it('says in plain words when the server refuses, told apart by the reason (not enough points, sold out, share taken)', async () => {
    const refusals: Array<[string, string]> = [
      ['insufficient_points', '积分不够，换不了这件东西。'],
      ['sold_out', '这件东西已经换完了，等社区补货后再来。'],
      ['limit_reached', '这件东西每户限换的件数已经到了，换不了这么多。请刷新看看您家还能换几件。'],
    ];
    for (const [reason, words] of refusals) {
      // the message is for developers: the words must not depend on it
      const server = fakeServer({ 'POST /api/shop/redemptions': refusal(409, 'conflict', 'whatever the server says', { reason }) });
      setup({ redeem: (body, key) => api.shop.redeem(body, key) });
      await tap('兑换 香皂');
      await tap('确定兑换');
      await settle();
      expect(screen.getByText(words)).toBeTruthy();
      expect(server.to('POST /api/shop/redemptions')[0]!.body).toEqual({ itemId: 'i-soap', quantity: 1 });
      cleanup();
      vi.unstubAllGlobals();
    }
  });

  it('counts how many of an item can be taken', () => {
    expect(mostYouCanTake(shopItem({ id: 'a', name: 'a', pointsPrice: 40, stock: 60, limitLeft: 2 }), 280)).toBe(2);
    expect(mostYouCanTake(shopItem({ id: 'b', name: 'b', pointsPrice: 10, stock: 100, limitLeft: null }), 280)).toBe(20);
    expect(mostYouCanTake(shopItem({ id: 'c', name: 'c', pointsPrice: 100, stock: 3, limitLeft: null }), 280)).toBe(2);
    expect(mostYouCanTake(shopItem({ id: 'd', name: 'd', pointsPrice: 10, stock: 0 }), 280)).toBe(0);
  });
});

describe('my redemptions', () => {
  it('shows the pickup code of what is waiting, and cancels only after a yes', async () => {
    const cancel = vi.fn(async () => undefined);
    const confirm = vi.fn(async () => false);
    render(<RedemptionCard redemption={redemption({ id: 'r-1' })} cancel={cancel} confirm={confirm} />);
    expect(screen.getByText('待领取')).toBeTruthy();
    expect(document.querySelector('.pickup__code')!.textContent).toBe('681151');
    await tap('不要了，取消兑换');
    await settle();
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ content: '不要 大米 5kg 了吗？120 积分会退回。' }));
    expect(cancel).not.toHaveBeenCalled();
    confirm.mockResolvedValue(true);
    await tap('不要了，取消兑换');
    await settle();
    expect(cancel).toHaveBeenCalledWith('r-1');
  });

  it('after pickup: when, and neither a code nor a cancel button', () => {
    render(<RedemptionCard redemption={redemption({ id: 'r-2', status: 'handed_over', handedOverAt: new Date().toISOString() })} cancel={vi.fn()} confirm={vi.fn()} />);
    expect(screen.getByText('已领取')).toBeTruthy();
    expect(screen.getByText(/^已于 今天 \d\d:\d\d 领取$/)).toBeTruthy();
    expect(document.querySelector('.pickup')).toBeNull();
    expect(screen.queryByText('不要了，取消兑换')).toBeNull();
  });

  it('explains a cancel that came too late (already picked up: 409 on cancel)', async () => {
    fakeServer({ 'POST /api/shop/redemptions/r-3/cancel': refusal(409, 'invalid_transition', 'cannot cancel a redemption that is handed_over') });
    render(<RedemptionCard redemption={redemption({ id: 'r-3' })} cancel={(id) => api.shop.cancel(id)} confirm={async () => true} />);
    await tap('不要了，取消兑换');
    await settle();
    expect(screen.getByText('这次兑换已经领走或者已经取消了，不能再取消。请刷新看看。')).toBeTruthy();
  });

  it('shows a code in two groups of three', () => {
    render(<PickupCode code="074548" />);
    expect(Array.from(document.querySelectorAll('.pickup__group')).map((e) => e.textContent)).toEqual(['074', '548']);
  });
});

describe('我的积分', () => {
  it('shows the balance big and each ledger line signed', () => {
    render(
      <div>
        <PointsBalance balance={280} />
        <LedgerRow entry={{ id: 'e-1', kind: 'earn', amount: 20, reason: '文明户月度评选：11月文明户', createdAt: new Date().toISOString() }} />
        <LedgerRow entry={{ id: 'e-2', kind: 'redeem', amount: -120, reason: '兑换 大米 5kg ×1', createdAt: new Date().toISOString() }} />
      </div>,
    );
    expect(document.querySelector('.balance__value')!.textContent).toBe('280');
    expect(screen.getByText('+20').className).toContain('ledger-row__amount--in');
    expect(screen.getByText('−120').className).toContain('ledger-row__amount--out');
    expect(screen.getByText('兑换 大米 5kg ×1')).toBeTruthy();
  });
});
