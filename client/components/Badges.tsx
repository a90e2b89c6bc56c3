import { Text } from '@tarojs/components';
import type { OrderSummary } from '../api/types.js';
import { cx } from '../lib/cx.js';
import { overdueWords, STATUS_TONE, statusWords } from '../lib/words.js';

export function StatusBadge({ order }: { order: Pick<OrderSummary, 'status' | 'feedback'> }) {
  return <Text className={cx('badge', `badge--${STATUS_TONE[order.status]}`)}>{statusWords(order)}</Text>;
}

/** 紧急 and 超时 flags; nothing for an ordinary order on time. */
export function Flags({ order }: { order: Pick<OrderSummary, 'urgency' | 'overdue'> }) {
  const late = overdueWords(order);
  return (
    <>
      {order.urgency === 'emergency' ? <Text className="badge badge--urgent">🚨 紧急</Text> : null}
      {late ? <Text className="badge badge--warn">⏰ {late}</Text> : null}
    </>
  );
}
