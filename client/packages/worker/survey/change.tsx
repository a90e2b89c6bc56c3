import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { EMPLOYMENT_STATUS_LABELS, EMPLOYMENT_STATUSES, type EmploymentStatus } from '../../../../shared/words.js';
import { FormProblem } from '../../../api/errors.js';
import { api } from '../../../api/index.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { cx } from '../../../lib/cx.js';
import { useParam, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { thisMonth } from './month.js';
import '../log/log.scss';

const EMPLOYED: EmploymentStatus[] = ['employed_local', 'employed_outbound', 'public_welfare', 'self_employed'];
interface Now {
  status: EmploymentStatus | null;
  employer: string;
}

/**
 * 有变化: each working-age member with their situation as the ledger has it; the
 * worker taps the new one (and where they work), 保存. Only members whose situation
 * changed are sent; the ledger keeps the old one in its history.
 */
export default function SurveyChange() {
  useSession();
  const id = useParam('id');
  const month = thisMonth();
  const tasks = useRemote(() => api.employment.surveyTasks(month, { limit: 500 }), [month]);
  const task = tasks.data?.items.find((t) => t.id === id);
  const [now, setNow] = useState<Record<string, Now>>({});
  useEffect(() => {
    if (task) setNow(Object.fromEntries(task.household.members.map((m) => [m.id, { status: m.status, employer: m.employer ?? '' }])));
  }, [task?.id]);

  const set = (memberId: string, patch: Partial<Now>) => setNow((n) => ({ ...n, [memberId]: { ...n[memberId]!, ...patch } }));

  const save = async () => {
    if (!task) return;
    const changes = task.household.members.flatMap((m) => {
      const x = now[m.id];
      if (!x?.status) return [];
      const employer = EMPLOYED.includes(x.status) ? x.employer.trim() || null : null;
      if (x.status === m.status && (employer ?? '') === (m.employer ?? '')) return [];
      return [{ residentId: m.id, status: x.status, employer }];
    });
    if (!changes.length) throw new FormProblem('没有改动。情况没变的话，回上一页点“无变化”。');
    const r = await api.employment.surveyChanges(task.id, changes);
    await Taro.showToast({ title: r.records.length ? `已登记${r.records.length}人` : '和台账一样', icon: 'success' });
    setTimeout(() => void Taro.navigateBack(), 800);
  };

  return (
    <Page>
      <ListState loading={tasks.loading} error={tasks.error} empty={!task} emptyText="没有找到这一户的摸底任务。" onRetry={() => void tasks.reload()}>
        {task ? (
          <>
            <Text className="title">
              {task.household.building} {task.household.room}
            </Text>
            {task.household.members.map((m) => {
              const x = now[m.id];
              return (
                <View key={m.id} className="card">
                  <Text className="subtitle">
                    {m.name}
                    {m.birthYear ? `（${m.birthYear}年生）` : ''}
                  </Text>
                  <Text className="muted">台账上：{m.status ? EMPLOYMENT_STATUS_LABELS[m.status] : '没有登记'}{m.employer ? `（${m.employer}）` : ''}</Text>
                  <View className="pick pick--two">
                    {EMPLOYMENT_STATUSES.map((s) => (
                      <View
                        key={s}
                        className={cx('pick__btn', x?.status === s && 'pick__btn--on')}
                        ariaRole="button"
                        ariaLabel={`${m.name} ${EMPLOYMENT_STATUS_LABELS[s]}`}
                        onClick={() => set(m.id, { status: s })}
                      >
                        <Text>{EMPLOYMENT_STATUS_LABELS[s]}</Text>
                      </View>
                    ))}
                  </View>
                  {x?.status && EMPLOYED.includes(x.status) ? (
                    <>
                      <Text className="field-label">在哪里干活（可不填）</Text>
                      <Input className="input" value={x.employer} maxlength={60} placeholder="比如：帮扶车间、浙江宁波服装厂" onInput={(e) => set(m.id, { employer: e.detail.value })} />
                    </>
                  ) : null}
                </View>
              );
            })}
            <ActionButton onPress={save}>保存</ActionButton>
          </>
        ) : null}
      </ListState>
    </Page>
  );
}
