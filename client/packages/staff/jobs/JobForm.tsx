import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../../../api/errors.js';
import { api } from '../../../api/index.js';
import type { CreateJobInput, JobKind, PayUnit, StaffJob, Trade } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { JOB_KIND_WORDS, TRADE_WORDS } from '../../../lib/words.js';
import { DayField, dayOf, digits, Field, localTime, LongField, OneOf, SomeOf, wholeNumber } from '../Field.js';
import { JOB_LIMITS } from '../../../../shared/limits.js';

const KINDS: Array<[JobKind, string]> = (['workshop', 'public_welfare', 'local', 'outbound'] as JobKind[]).map((k) => [k, JOB_KIND_WORDS[k]]);
const UNITS: Array<[PayUnit, string]> = [
  ['month', '每月'],
  ['day', '每天'],
  ['hour', '每小时'],
  ['piece', '计件'],
];
export const TRADES = Object.entries(TRADE_WORDS) as Array<[Trade, string]>;

/** 发布岗位: everything a resident needs to decide to call; the trades match it to people seeking work. */
export function JobForm({ onCreated, now = () => new Date() }: { onCreated: (job: StaffJob) => void; now?: () => Date }) {
  const [employer, setEmployer] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<JobKind | null>(null);
  const [location, setLocation] = useState('');
  const [payMin, setPayMin] = useState('');
  const [payMax, setPayMax] = useState('');
  const [payUnit, setPayUnit] = useState<PayUnit>('month');
  const [headcount, setHeadcount] = useState('');
  const [requirements, setRequirements] = useState('');
  const [contact, setContact] = useState('');
  const [trades, setTrades] = useState<Trade[]>([]);
  const [deadline, setDeadline] = useState('');

  const publish = async () => {
    if (!employer.trim()) throw new FormProblem('请写招工的单位。');
    if (!title.trim()) throw new FormProblem('请写岗位名称。');
    if (!kind) throw new FormProblem('请选是哪一类岗位。');
    if (!location.trim()) throw new FormProblem('请写上班地点。');
    const min = wholeNumber(payMin);
    const max = wholeNumber(payMax);
    if (Number.isNaN(min) || Number.isNaN(max)) throw new FormProblem('工资请写整数（元）。');
    if (min !== null && max !== null && max < min) throw new FormProblem('最高工资不能比最低工资少。');
    const count = wholeNumber(headcount);
    if (count === null || Number.isNaN(count) || count < 1) throw new FormProblem('招几个人？请写一个数。');
    if (!contact.trim()) throw new FormProblem('请写联系人和电话。');
    const body: CreateJobInput = {
      employer: employer.trim(),
      title: title.trim(),
      kind,
      location: location.trim(),
      payMin: min,
      payMax: max,
      payUnit,
      headcount: count,
      requirements: requirements.trim(),
      contact: contact.trim(),
      trades,
      // open until the end of the chosen day
      deadline: deadline ? localTime(deadline, '23:59').toISOString() : null,
    };
    onCreated(await api.jobs.create(body));
  };

  return (
    <View>
      <Field label="招工单位" value={employer} onChange={setEmployer} placeholder="比如：平远新城帮扶车间" maxlength={JOB_LIMITS.employer} />
      <Field label="岗位名称" value={title} onChange={setTitle} placeholder="比如：缝纫工" maxlength={JOB_LIMITS.title} />
      <OneOf label="哪一类岗位" options={KINDS} value={kind} onChange={setKind} />
      <Field label="上班地点" value={location} onChange={setLocation} placeholder="比如：社区扶贫车间二楼" maxlength={JOB_LIMITS.location} />
      <Text className="field-label">工资（元，可以只写一个，也可以不写）</Text>
      <View className="two">
        <Field label="最低" value={payMin} onChange={setPayMin} placeholder="最低，比如 2800" number maxlength={digits(JOB_LIMITS.pay)} />
        <Field label="最高" value={payMax} onChange={setPayMax} placeholder="最高，比如 4000" number maxlength={digits(JOB_LIMITS.pay)} />
      </View>
      <OneOf label="工资怎么算" options={UNITS} value={payUnit} onChange={setPayUnit} />
      <Field label="招几个人" value={headcount} onChange={setHeadcount} placeholder="比如 10" number maxlength={digits(JOB_LIMITS.headcount)} />
      <LongField label="要求（可以不写）" value={requirements} onChange={setRequirements} placeholder="比如：18-50 岁，能吃苦" maxlength={JOB_LIMITS.requirements} />
      <Field label="联系人和电话" value={contact} onChange={setContact} placeholder="比如：王主任 0857-7621001" maxlength={JOB_LIMITS.contact} />
      <SomeOf label="适合哪些工种（会优先推荐给想做这些的人）" options={TRADES} value={trades} onChange={setTrades} />
      <DayField label="报名截止（可以不选）" value={deadline} onChange={setDeadline} start={dayOf(now())} placeholder="不设截止" />
      {deadline ? (
        <View className="filters">
          <Text className="chip" onClick={() => setDeadline('')}>
            不设截止 ✕
          </Text>
        </View>
      ) : null}
      <ActionButton onPress={publish}>发布岗位</ActionButton>
      <Text className="muted">发布后会自动在楼栋群里发一条招工通知（社区关了自动通知的除外）。</Text>
    </View>
  );
}
