import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Job, JobDetail } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { cx } from '../../lib/cx.js';
import { dayWords, JOB_KIND_WORDS, payWords, phoneIn, tradeWords } from '../../lib/words.js';

type Posting = Pick<Job, 'id' | 'title' | 'employer' | 'kind' | 'location' | 'pay' | 'headcount' | 'deadline' | 'status'> &
  Partial<Pick<JobDetail, 'requirements' | 'contact' | 'trades'>> & { matchesMe?: boolean };

/**
 * A job posting: what, who, where, the pay, and one tap on 我有意向 (the community
 * calls back). `full`: the requirements and the employer's contact too (the detail page).
 */
export function JobCard({
  job,
  interested,
  onInterest,
  onOpen,
  full,
}: {
  job: Posting;
  interested: boolean;
  onInterest: (id: string) => Promise<unknown>;
  onOpen?: () => void;
  full?: boolean;
}) {
  const phone = full && job.contact ? phoneIn(job.contact) : null;
  return (
    <View className={cx('card', 'job-card', job.matchesMe && 'job-card--match')} onClick={onOpen} ariaRole={onOpen ? 'link' : undefined}>
      <View className="row">
        {job.matchesMe ? <Text className="badge badge--done">👍 适合您</Text> : null}
        <Text className="badge badge--work">{JOB_KIND_WORDS[job.kind]}</Text>
      </View>
      <Text className="job-card__title">{job.title}</Text>
      <Text className="job-card__pay">💰 {payWords(job.pay)}</Text>
      <View className="kv">
        <Text className="kv__k">单位</Text>
        <Text className="kv__v">{job.employer}</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">地点</Text>
        <Text className="kv__v">{job.location}</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">招几人</Text>
        <Text className="kv__v">{job.headcount} 人</Text>
      </View>
      {job.deadline ? (
        <View className="kv">
          <Text className="kv__k">截止</Text>
          <Text className="kv__v">{dayWords(job.deadline)}</Text>
        </View>
      ) : null}
      {full && job.requirements ? (
        <View className="kv">
          <Text className="kv__k">要求</Text>
          <Text className="kv__v">{job.requirements}</Text>
        </View>
      ) : null}
      {full && job.trades?.length ? (
        <View>
          {job.trades.map((t) => (
            <Text key={t} className="chip">
              {tradeWords(t)}
            </Text>
          ))}
        </View>
      ) : null}
      {full && job.contact ? (
        <View className="kv">
          <Text className="kv__k">联系</Text>
          <Text className="kv__v">{job.contact}</Text>
        </View>
      ) : null}
      {phone ? (
        <Button className="btn btn--secondary" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
          📞 打电话问问
        </Button>
      ) : null}
      {/* the button must not also open the card */}
      <View onClick={(e) => e.stopPropagation()}>
        {interested ? (
          <Text className="ok-note job-card__done">✅ 已登记意向，社区会打电话联系您</Text>
        ) : job.status === 'open' ? (
          <ActionButton kind="ok" onPress={() => onInterest(job.id)}>
            🙋 我有意向
          </ActionButton>
        ) : (
          <Text className="hint">这个岗位已经不招人了。</Text>
        )}
      </View>
    </View>
  );
}
