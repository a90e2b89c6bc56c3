import { Text, View } from '@tarojs/components';
import type { InterestOutcome, MyInterest } from '../../api/types.js';
import { cx } from '../../lib/cx.js';
import { INTEREST_WORDS, when } from '../../lib/words.js';

const TONE: Record<InterestOutcome, 'wait' | 'done' | 'off'> = { pending: 'wait', hired: 'done', not_hired: 'off' };

/** The postings I said 我有意向 to, and what came of each. */
export function InterestCard({ interest: i, onOpen }: { interest: MyInterest; onOpen: () => void }) {
  return (
    <View className="card" onClick={onOpen} ariaRole="link">
      <Text className="job-card__title">{i.job.title}</Text>
      <Text className="text">{i.job.employer}</Text>
      <View className="row">
        <Text className={cx('badge', `badge--${TONE[i.outcome]}`)}>{INTEREST_WORDS[i.outcome]}</Text>
        {i.job.status !== 'open' ? <Text className="badge badge--off">岗位已停止招聘</Text> : null}
      </View>
      <Text className="muted">登记于 {when(i.registeredAt)}</Text>
    </View>
  );
}
