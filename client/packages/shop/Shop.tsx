import { Button, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { RedeemInput, Redemption, ShopItem } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { PickupCode } from '../../components/PickupCode.js';
import { cx } from '../../lib/cx.js';
import { newIdempotencyKey } from '../../lib/idempotency.js';
import { limitWords } from '../../lib/words.js';
import { SHOP_LIMITS } from '../../../shared/limits.js';

/** How many of an item the household can take now (0: the button says why not). */
export function mostYouCanTake(item: ShopItem, balance: number): number {
  const byLimit = item.limitLeft === undefined || item.limitLeft === null ? SHOP_LIMITS.quantity : item.limitLeft;
  return Math.max(0, Math.min(item.stock, byLimit, Math.floor(balance / item.pointsPrice), SHOP_LIMITS.quantity));
}

/** Why an item cannot be taken, in the words on its button. */
function blocked(item: ShopItem, balance: number): string | null {
  if (item.stock <= 0) return '已换完';
  if (item.limitLeft === 0) return '已换够';
  if (balance < item.pointsPrice) return '积分不够';
  return null;
}

export interface ShopProps {
  items: ShopItem[];
  balance: number;
  /** POST /api/shop/redemptions with the Idempotency-Key. */
  redeem: (body: RedeemInput, idempotencyKey: string) => Promise<Redemption>;
  /** After a redemption: the shelf and the balance changed. */
  onRedeemed: (r: Redemption) => void;
  onShowMine: () => void;
}

type Step = { at: 'shelf' } | { at: 'confirm'; item: ShopItem; quantity: number } | { at: 'done'; redemption: Redemption };

/**
 * 积分超市: the shelf → 确认兑换 (what, how many, what it costs) → the pickup code.
 * Each confirmed redemption carries an Idempotency-Key, kept until it succeeds:
 * tapping 确定兑换 again after a lost answer retries the same redemption, never
 * buys a second one.
 */
export function Shop({ items, balance, redeem, onRedeemed, onShowMine }: ShopProps) {
  const [step, setStep] = useState<Step>({ at: 'shelf' });
  const keys = useRef(new Map<string, string>());

  if (step.at === 'done') {
    const r = step.redemption;
    return (
      <View>
        <View className="card">
          <Text className="title">✅ 兑换好了</Text>
          <Text className="text">
            {r.item.icon} {r.item.name} ×{r.quantity}，用了 {r.points} 积分
          </Text>
          <PickupCode code={r.pickupCode} />
          <Text className="muted">取货码在“我的兑换”里也能找到。领取之前不想要了，可以在那里取消，积分会退回。</Text>
        </View>
        <Button className="btn btn--primary" onClick={onShowMine}>
          看我的兑换
        </Button>
        <Button className="btn btn--secondary" onClick={() => setStep({ at: 'shelf' })}>
          继续换别的
        </Button>
      </View>
    );
  }

  if (step.at === 'confirm') {
    const { item, quantity } = step;
    const most = mostYouCanTake(item, balance);
    const cost = item.pointsPrice * quantity;
    const setQuantity = (q: number) => setStep({ ...step, quantity: Math.max(1, Math.min(most, q)) });
    const confirm = async () => {
      // the same key for the same item and quantity until it goes through
      const intent = `${item.id}×${quantity}`;
      const key = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, key);
      const r = await redeem({ itemId: item.id, quantity }, key);
      keys.current.delete(intent);
      setStep({ at: 'done', redemption: r });
      onRedeemed(r);
    };
    return (
      <View className="card">
        <Text className="title">确认兑换</Text>
        <View className="shop-item__head">
          <Text className="shop-item__icon">{item.icon}</Text>
          <Text className="shop-item__name">{item.name}</Text>
        </View>
        {most > 1 ? (
          <View className="stepper">
            <Text className="text">数量</Text>
            <Button className="btn btn--secondary btn--small stepper__btn" disabled={quantity <= 1} onClick={() => setQuantity(quantity - 1)} ariaLabel="少一件">
              −
            </Button>
            <Text className="stepper__value">{quantity}</Text>
            <Button className="btn btn--secondary btn--small stepper__btn" disabled={quantity >= most} onClick={() => setQuantity(quantity + 1)} ariaLabel="多一件">
              +
            </Button>
          </View>
        ) : (
          <Text className="text">数量：{quantity} 件</Text>
        )}
        <Text className="shop-confirm__cost">要用 {cost} 积分</Text>
        <Text className="shop-confirm__left">换好后还剩 {balance - cost} 积分</Text>
        <Text className="hint">换好后会给您一个取货码，凭取货码到社区积分超市领取。</Text>
        <ActionButton kind="ok" onPress={confirm}>
          确定兑换
        </ActionButton>
        <Button className="btn btn--secondary" onClick={() => setStep({ at: 'shelf' })}>
          不换了
        </Button>
      </View>
    );
  }

  return (
    <View>
      <View className="shop-balance">
        <Text>我家现在有</Text>
        <Text className="shop-balance__value"> {balance} </Text>
        <Text>积分</Text>
      </View>
      {items.map((item) => {
        const why = blocked(item, balance);
        const limit = limitWords(item);
        return (
          <View key={item.id} className={cx('card', 'shop-item', why !== null && 'shop-item--off')}>
            <View className="shop-item__head">
              <Text className="shop-item__icon">{item.icon}</Text>
              <View className="shop-item__what">
                <Text className="shop-item__name">{item.name}</Text>
                <Text className="shop-item__price">{item.pointsPrice} 积分</Text>
              </View>
            </View>
            {item.description ? <Text className="text">{item.description}</Text> : null}
            <Text className="muted">{item.stock > 0 ? `还有 ${item.stock} 件` : '已经换完了，等社区补货'}</Text>
            {limit ? <Text className="muted">{limit.rule}</Text> : null}
            {limit?.left ? <Text className="muted">{limit.left}</Text> : null}
            <Button
              className={cx('btn', why ? 'btn--secondary' : 'btn--primary')}
              disabled={why !== null}
              onClick={() => setStep({ at: 'confirm', item, quantity: 1 })}
            >
              {why ?? `兑换 ${item.name}`}
            </Button>
          </View>
        );
      })}
    </View>
  );
}
