import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { isFull } from '../../api/errors.js';
import type { Enrolment, Training, WithdrawResult } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { cx } from '../../lib/cx.js';
import type { Confirm } from '../../lib/confirm.js';
import { dayWords, ENROLMENT_WORDS } from '../../lib/words.js';

export interface TrainingCardProps {
  training: Training;
  enrol: (id: string, waitlist: boolean) => Promise<Enrolment>;
  withdraw: (id: string) => Promise<WithdrawResult>;
  confirm: Confirm;
  /** The course as it stands after my step (my enrolment, seats left). */
  onChange: (t: Training) => void;
  /** For telling whether sign-up is over; now by default. */
  now?: Date;
}

/**
 * A course: when, where, seats left, and my part — 报名; when every seat is
 * taken, the offer of the waiting list (first come, first moved up); 退出 again.
 */
export function TrainingCard({ training: t, enrol, withdraw, confirm, onChange, now = new Date() }: TrainingCardProps) {
  // what just happened here, for the words under the course
  const [note, setNote] = useState<null | 'enrolled' | 'waitlisted' | 'withdrawn'>(null);
  const [position, setPosition] = useState<number | null>(null);
  // the last seat went to someone else between loading the list and tapping 报名
  const [tookLastSeat, setTookLastSeat] = useState(false);
  const status = t.myEnrolment;
  const signedUp = status === 'enrolled' || status === 'waitlisted';
  const full = t.seatsLeft <= 0 || tookLastSeat;
  // sign-up over (the detail page shows such a course too): nothing to join
  const closed = t.status !== 'open' || new Date(t.signupDeadline).getTime() < now.getTime();
  const waitingAt = position ?? t.myWaitlistPosition ?? null;

  const join = (waitlist: boolean) => async () => {
    let e: Enrolment;
    try {
      e = await enrol(t.id, waitlist);
    } catch (err) {
      if (!waitlist && isFull(err)) {
        setTookLastSeat(true);
        onChange({ ...t, seatsLeft: 0 });
        return;
      }
      throw err;
    }
    setNote(e.status === 'waitlisted' ? 'waitlisted' : 'enrolled');
    setPosition(e.position ?? null);
    onChange({ ...t, myEnrolment: e.status, seatsLeft: e.status === 'enrolled' && status !== 'enrolled' ? Math.max(0, t.seatsLeft - 1) : t.seatsLeft });
  };

  const leave = async () => {
    const yes = await confirm({
      title: status === 'waitlisted' ? '不排队了' : '退出报名',
      content: `确定不去“${t.course}”了吗？名额会让给排队的人。`,
      confirmText: '退出',
      cancelText: '还要去',
    });
    if (!yes) return;
    const r = await withdraw(t.id);
    setNote('withdrawn');
    setPosition(null);
    // an enrolled seat goes to the first on the waiting list, if there is one
    const freed = status === 'enrolled' && !r.promotedResidentId ? 1 : 0;
    onChange({ ...t, myEnrolment: 'withdrawn', seatsLeft: t.seatsLeft + freed });
  };

  return (
    <View className={cx('card', 'course', t.matchesMe && 'job-card--match')}>
      <View className="row">
        {t.matchesMe ? <Text className="badge badge--done">👍 适合您</Text> : null}
        {status && status !== 'withdrawn' ? <Text className={cx('badge', status === 'waitlisted' ? 'badge--wait' : 'badge--done')}>{ENROLMENT_WORDS[status]}</Text> : null}
      </View>
      <Text className="job-card__title">{t.course}</Text>
      <Text className={cx('course__seats', full && 'course__seats--full')}>{full ? `名额已满（共 ${t.capacity} 人）` : `还剩 ${t.seatsLeft} 个名额（共 ${t.capacity} 人）`}</Text>
      <View className="kv">
        <Text className="kv__k">学什么</Text>
        <Text className="kv__v">{t.tradeName}</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">日期</Text>
        <Text className="kv__v">
          {dayWords(t.startsAt)} 到 {dayWords(t.endsAt)}
        </Text>
      </View>
      <View className="kv">
        <Text className="kv__k">上课</Text>
        <Text className="kv__v">{t.schedule}</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">地点</Text>
        <Text className="kv__v">{t.place}</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">报名截止</Text>
        <Text className="kv__v">{dayWords(t.signupDeadline)}</Text>
      </View>
      {t.jobs?.length ? (
        <View className="kv">
          <Text className="kv__k">学完可做</Text>
          <Text className="kv__v">{t.jobs.map((j) => `${j.title}（${j.employer}）`).join('、')}</Text>
        </View>
      ) : null}

      {note === 'enrolled' ? <Text className="ok-note">✅ 报名成功！请按时去上课。</Text> : null}
      {note === 'waitlisted' ? (
        <Text className="ok-note">✅ 已经排上队了{position ? `，您排第 ${position} 位` : ''}。有人退出时按先后补上，社区会通知您。</Text>
      ) : null}
      {note === 'withdrawn' ? <Text className="ok-note">已经退出这门课。</Text> : null}
      {!note && status === 'enrolled' ? <Text className="ok-note">✅ 您已报名，请按时去上课。</Text> : null}
      {!note && status === 'waitlisted' ? (
        <Text className="hint">您在排队等候{waitingAt ? `，排第 ${waitingAt} 位` : ''}。有人退出时按先后补上，社区会通知您。</Text>
      ) : null}
      {status === 'completed' ? <Text className="ok-note">🎓 您已经学完这门课（已结业）。</Text> : null}

      {signedUp ? (
        <ActionButton kind="secondary" onPress={leave}>
          {status === 'waitlisted' ? '不排队了' : '不去了，退出报名'}
        </ActionButton>
      ) : null}
      {!signedUp && status !== 'completed' && closed ? <Text className="hint">这门课的报名已经截止了。</Text> : null}
      {!signedUp && status !== 'completed' && !closed && full ? (
        <View>
          <Text className="hint">名额已经满了。可以排队等候：有人退出时，按排队先后补上，社区会通知您。</Text>
          <ActionButton onPress={join(true)}>排队等候</ActionButton>
        </View>
      ) : null}
      {!signedUp && status !== 'completed' && !closed && !full ? <ActionButton onPress={join(false)}>我要报名</ActionButton> : null}
    </View>
  );
}
