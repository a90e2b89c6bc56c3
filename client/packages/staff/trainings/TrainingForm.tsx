import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../../../api/errors.js';
import { api } from '../../../api/index.js';
import type { Trade, Training } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { useRemote } from '../../../lib/useRemote.js';
import { DayField, dayOf, digits, Field, localTime, OneOf, SomeOf, wholeNumber } from '../Field.js';
import { TRADES } from '../jobs/JobForm.js';
import { TRAINING_LIMITS } from '../../../../shared/limits.js';

/**
 * 安排培训 (以岗定培): the course, its trade, when and where, how many seats, the
 * sign-up deadline, and the open postings it prepares people for.
 */
export function TrainingForm({ onCreated, now = () => new Date() }: { onCreated: (t: Training) => void; now?: () => Date }) {
  const [course, setCourse] = useState('');
  const [trade, setTrade] = useState<Trade | null>(null);
  const [schedule, setSchedule] = useState('');
  const [place, setPlace] = useState('');
  const [startDay, setStartDay] = useState('');
  const [endDay, setEndDay] = useState('');
  const [deadlineDay, setDeadlineDay] = useState('');
  const [capacity, setCapacity] = useState('');
  const [jobIds, setJobIds] = useState<string[]>([]);
  const jobs = useRemote(() => api.jobs.list(), []);
  const today = dayOf(now());

  const submit = async () => {
    if (!course.trim()) throw new FormProblem('请写课程名称。');
    if (!trade) throw new FormProblem('请选学什么工种。');
    if (!schedule.trim()) throw new FormProblem('请写上课时间，比如“周二、周四 14:00-17:00”。');
    if (!place.trim()) throw new FormProblem('请写上课地点。');
    if (!startDay || !endDay || !deadlineDay) throw new FormProblem('请选开课、结课和报名截止的日期。');
    if (endDay < startDay) throw new FormProblem('结课日期不能早于开课日期。');
    if (deadlineDay >= startDay) throw new FormProblem('报名截止要在开课之前（最晚开课前一天）。');
    const seats = wholeNumber(capacity);
    if (seats === null || Number.isNaN(seats) || seats < 1) throw new FormProblem('能收多少人？请写一个数。');
    onCreated(
      await api.trainings.create({
        course: course.trim(),
        trade,
        schedule: schedule.trim(),
        place: place.trim(),
        startsAt: localTime(startDay, '08:00').toISOString(),
        endsAt: localTime(endDay, '18:00').toISOString(),
        // sign-up stays open through the whole deadline day
        signupDeadline: localTime(deadlineDay, '23:59').toISOString(),
        capacity: seats,
        jobIds,
      }),
    );
  };

  return (
    <View>
      <Field label="课程名称" value={course} onChange={setCourse} placeholder="比如：缝纫工技能培训" maxlength={TRAINING_LIMITS.course} />
      <OneOf label="学什么工种" options={TRADES} value={trade} onChange={setTrade} />
      <Field label="上课时间" value={schedule} onChange={setSchedule} placeholder="比如：周二、周四 14:00-17:00" maxlength={TRAINING_LIMITS.schedule} />
      <Field label="上课地点" value={place} onChange={setPlace} placeholder="比如：社区党群服务中心三楼" maxlength={TRAINING_LIMITS.place} />
      <View className="two">
        <DayField label="开课" value={startDay} onChange={setStartDay} start={today} placeholder="选日期" />
        <DayField label="结课" value={endDay} onChange={setEndDay} start={startDay || today} placeholder="选日期" />
      </View>
      <DayField label="报名截止" value={deadlineDay} onChange={setDeadlineDay} start={today} />
      <Field label="能收多少人" value={capacity} onChange={setCapacity} placeholder="比如 30" number maxlength={digits(TRAINING_LIMITS.capacity)} />
      {jobs.data?.length ? (
        <SomeOf label="学完可以去哪些岗位（可以不选）" options={jobs.data.map((j) => [j.id, `${j.title}（${j.employer}）`] as [string, string])} value={jobIds} onChange={setJobIds} />
      ) : null}
      <ActionButton onPress={submit}>安排培训</ActionButton>
      <Text className="muted">安排好后会自动在楼栋群里发一条培训通知（社区关了自动通知的除外）。报满后，再报名的人可以排队。</Text>
    </View>
  );
}
