import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { OrderSummary } from '../api/types.js';
import { cx } from '../lib/cx.js';
import { when } from '../lib/words.js';
import { Flags, StatusBadge } from './Badges.js';

/** One request in a list. `showResident`: workers and staff see whose it is. */
export function OrderCard({ order, onOpen, showResident, children }: { order: OrderSummary; onOpen: () => void; showResident?: boolean; children?: ReactNode }) {
  return (
    <View className={cx('card', 'order-card', order.urgency === 'emergency' && 'order-card--emergency')} onClick={onOpen} ariaRole="link">
      <View className="order-card__head">
        <Text className="order-card__icon">{order.category.icon}</Text>
        <Text className="order-card__title">{order.title}</Text>
      </View>
      <View className="order-card__badges row">
        <Flags order={order} />
        <StatusBadge order={order} />
      </View>
      <Text className="muted">
        {order.building.name} {order.room}
        {showResident ? ` · ${order.resident.name}` : ''}
      </Text>
      <Text className="muted">提交于 {when(order.createdAt)}</Text>
      {children}
    </View>
  );
}
