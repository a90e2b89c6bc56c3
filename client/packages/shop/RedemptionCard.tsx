import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Redemption } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { PickupCode } from '../../components/PickupCode.js';
import { cx } from '../../lib/cx.js';
import type { Confirm } from '../../lib/confirm.js';
import { REDEMPTION_TONE, REDEMPTION_WORDS, when } from '../../lib/words.js';

/**
 * One of my redemptions. Waiting to be picked up: the pickup code, large, and
 * 取消兑换 (points and stock go back). Picked up or cancelled: when.
 */
export function RedemptionCard({ redemption: r, cancel, confirm }: { redemption: Redemption; cancel: (id: string) => Promise<unknown>; confirm: Confirm }) {
  const [cancelledNow, setCancelledNow] = useState(false);
  const askAndCancel = async () => {
    const yes = await confirm({ title: '取消兑换', content: `不要 ${r.item.name} 了吗？${r.points} 积分会退回。`, confirmText: '取消兑换', cancelText: '还要' });
    if (!yes) return;
    await cancel(r.id);
    setCancelledNow(true);
  };
  return (
    <View className={cx('card', r.status === 'reserved' && 'redemption--waiting')}>
      <View className="shop-item__head">
        <Text className="shop-item__icon">{r.item.icon}</Text>
        <View className="shop-item__what">
          <Text className="shop-item__name">
            {r.item.name} ×{r.quantity}
          </Text>
          <Text className="muted">
            {r.points} 积分 · 兑换于 {when(r.createdAt)}
          </Text>
        </View>
      </View>
      <View className="row">
        <Text className={cx('badge', `badge--${REDEMPTION_TONE[r.status]}`)}>{REDEMPTION_WORDS[r.status]}</Text>
      </View>
      {r.status === 'reserved' ? (
        <View>
          <PickupCode code={r.pickupCode} />
          <ActionButton kind="secondary" onPress={askAndCancel}>
            不要了，取消兑换
          </ActionButton>
        </View>
      ) : null}
      {r.status === 'handed_over' && r.handedOverAt ? <Text className="text">已于 {when(r.handedOverAt)} 领取</Text> : null}
      {r.status === 'cancelled' ? (
        <Text className={cancelledNow ? 'ok-note' : 'text'}>{cancelledNow ? `已取消，${r.points} 积分已经退回。` : `已于 ${when(r.cancelledAt ?? r.createdAt)} 取消，积分已退回`}</Text>
      ) : null}
    </View>
  );
}
