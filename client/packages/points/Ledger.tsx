import { Text, View } from '@tarojs/components';
import type { PointsEntry } from '../../api/types.js';
import { cx } from '../../lib/cx.js';
import { when } from '../../lib/words.js';

/** The household's balance, the one number residents come for. */
export function PointsBalance({ balance }: { balance: number }) {
  return (
    <View className="card balance">
      <Text className="balance__label">我家的积分</Text>
      <View>
        <Text className="balance__value">{balance}</Text>
        <Text className="balance__unit"> 分</Text>
      </View>
    </View>
  );
}

/** One line of the ledger: why, when, and how many points came in (green, +) or went out (−). */
export function LedgerRow({ entry }: { entry: PointsEntry }) {
  const gain = entry.amount > 0;
  return (
    <View className="ledger-row">
      <View className="ledger-row__what">
        <Text className="text">{entry.reason}</Text>
        <Text className="muted">{when(entry.createdAt)}</Text>
      </View>
      <Text className={cx('ledger-row__amount', gain ? 'ledger-row__amount--in' : 'ledger-row__amount--out')}>
        {gain ? `+${entry.amount}` : `−${-entry.amount}`}
      </Text>
    </View>
  );
}
