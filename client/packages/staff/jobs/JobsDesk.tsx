import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { api } from '../../../api/index.js';
import type { StaffJob, Training } from '../../../api/types.js';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { cx } from '../../../lib/cx.js';
import { useRefreshedBy, type Refresher } from '../../../lib/refresher.js';
import { useRemote } from '../../../lib/useRemote.js';
import { dayWords, JOB_KIND_WORDS, payWords } from '../../../lib/words.js';

export function StaffJobCard({ job: j, onOpen }: { job: StaffJob; onOpen: () => void }) {
  const open = j.status === 'open';
  return (
    <View className={cx('card', !open && 'shop-item--off')} onClick={onOpen} ariaRole="link">
      <View className="row">
        <Text className={cx('badge', open ? 'badge--done' : 'badge--off')}>{open ? '招聘中' : '已停止招聘'}</Text>
        <Text className="badge badge--work">{JOB_KIND_WORDS[j.kind]}</Text>
      </View>
      <Text className="job-card__title">{j.title}</Text>
      <Text className="muted">
        {j.employer} · {payWords(j.pay)} · 招 {j.headcount} 人
      </Text>
      <Text className="text">🙋 {j.interestedCount ?? 0} 人有意向 ›</Text>
    </View>
  );
}

/** 报名中 / 报名截止 / 已结束 / 已取消 */
export function trainingStateWords(t: Pick<Training, 'status' | 'signupDeadline' | 'endsAt'>, now = new Date()): string {
  if (t.status === 'cancelled') return '已取消';
  if (t.status === 'finished' || new Date(t.endsAt) < now) return '已结束';
  if (new Date(t.signupDeadline) < now) return '报名已截止';
  return '报名中';
}

export function StaffTrainingCard({ training: t, onOpen }: { training: Training; onOpen: () => void }) {
  const state = trainingStateWords(t);
  const taken = t.capacity - t.seatsLeft;
  return (
    <View className={cx('card', state === '已结束' && 'shop-item--off')} onClick={onOpen} ariaRole="link">
      <View className="row">
        <Text className={cx('badge', state === '报名中' ? 'badge--done' : 'badge--off')}>{state}</Text>
        <Text className="badge badge--work">{t.tradeName}</Text>
      </View>
      <Text className="job-card__title">{t.course}</Text>
      <Text className="muted">
        {dayWords(t.startsAt)} 到 {dayWords(t.endsAt)} · {t.place}
      </Text>
      <Text className="text">
        已报 {taken}/{t.capacity} 人{t.seatsLeft <= 0 ? '（满了）' : ''} · 点名、结业 ›
      </Text>
    </View>
  );
}

export type JobsView = 'jobs' | 'trainings';

/** 就业培训 for staff: postings with how many registered, courses with their seats; the way to publish new ones. */
export function JobsDesk({
  onOpenJob,
  onOpenTraining,
  onNewJob,
  onNewTraining,
  refresher,
  initial = 'jobs',
}: {
  onOpenJob: (id: string) => void;
  onOpenTraining: (id: string) => void;
  onNewJob: () => void;
  onNewTraining: () => void;
  refresher?: Refresher;
  initial?: JobsView;
}) {
  const [view, setView] = useState<JobsView>(initial);
  const jobs = useRemote(() => api.jobs.manage(), []);
  const trainings = useRemote(() => api.trainings.list({ all: true, limit: 100 }), []);
  const reload = useCallback(async () => {
    await Promise.all([jobs.reload(), trainings.reload()]);
  }, [jobs.reload, trainings.reload]);
  useRefreshedBy(refresher, reload);
  const list = view === 'jobs' ? jobs : trainings;
  return (
    <View>
      <View className="filters">
        <Text className={cx('chip', view === 'jobs' && 'chip--on')} onClick={() => setView('jobs')}>
          💼 岗位
        </Text>
        <Text className={cx('chip', view === 'trainings' && 'chip--on')} onClick={() => setView('trainings')}>
          🎓 培训
        </Text>
      </View>
      {view === 'jobs' ? (
        <Button className="btn btn--primary" onClick={onNewJob}>
          ➕ 发布新岗位
        </Button>
      ) : (
        <Button className="btn btn--primary" onClick={onNewTraining}>
          ➕ 安排新培训
        </Button>
      )}
      <View className="subtitle" />
      <ListHead title={view === 'jobs' ? '岗位' : '培训课程'} loading={list.loading} onRefresh={() => void list.reload()} />
      {view === 'jobs' ? (
        <ListState loading={jobs.loading} error={jobs.error} empty={!jobs.data?.length} emptyText="还没有发布岗位。" onRetry={() => void jobs.reload()}>
          {(jobs.data ?? []).map((j) => (
            <StaffJobCard key={j.id} job={j} onOpen={() => onOpenJob(j.id)} />
          ))}
        </ListState>
      ) : (
        <ListState loading={trainings.loading} error={trainings.error} empty={!trainings.data?.length} emptyText="还没有安排培训。" onRetry={() => void trainings.reload()}>
          {(trainings.data ?? []).map((t) => (
            <StaffTrainingCard key={t.id} training={t} onOpen={() => onOpenTraining(t.id)} />
          ))}
        </ListState>
      )}
    </View>
  );
}
