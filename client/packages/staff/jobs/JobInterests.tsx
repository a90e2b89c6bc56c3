import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { api } from '../../../api/index.js';
import type { InterestOutcome, JobInterestRow } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { askToConfirm, type Confirm } from '../../../lib/confirm.js';
import { cx } from '../../../lib/cx.js';
import { useRefreshedBy, type Refresher } from '../../../lib/refresher.js';
import { useRemote } from '../../../lib/useRemote.js';
import { dayWords, JOB_KIND_WORDS, payWords, tradeWords, when } from '../../../lib/words.js';

const OUTCOME_WORDS: Record<InterestOutcome, string> = { pending: '等联系', hired: '已录用', not_hired: '没录用' };
const OUTCOME_TONE: Record<InterestOutcome, string> = { pending: 'wait', hired: 'done', not_hired: 'off' };

const call = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);

// home and phone are left out of the answer where the visibility table hides them from the viewer
function Person({ name, home, phone, onCall }: { name: string; home?: string; phone?: string | null; onCall: (phone: string) => void }) {
  return (
    <View>
      <Text className="subtitle">{name}</Text>
      <Text className="muted">{home}</Text>
      {phone ? (
        <View className="kv kv--tap" onClick={() => onCall(phone)} ariaRole="button">
          <Text className="kv__k">电话</Text>
          <Text className="kv__v">📞 {phone}</Text>
        </View>
      ) : null}
    </View>
  );
}

function InterestCard({ jobId, row, onCall, onChange }: { jobId: string; row: JobInterestRow; onCall: (p: string) => void; onChange: (r: JobInterestRow) => void }) {
  const [note, setNote] = useState<string | null>(null);
  const mark = (outcome: 'hired' | 'not_hired') => async () => {
    const r = await api.jobs.outcome(jobId, row.id, outcome);
    setNote(r.employmentRecorded ? `已录用，已记进就业台账（${r.employmentRecorded}）。` : outcome === 'hired' ? '已录用。' : '已记下：这次没录用。');
    onChange({ ...row, outcome });
  };
  return (
    <View className="card">
      <View className="row">
        <Text className={cx('badge', `badge--${OUTCOME_TONE[row.outcome]}`)}>{OUTCOME_WORDS[row.outcome]}</Text>
        <Text className="muted">{when(row.registeredAt)} 登记</Text>
      </View>
      <Person name={row.resident.name} home={row.resident.home} phone={row.resident.phone} onCall={onCall} />
      {note ? <Text className="ok-note">{note}</Text> : null}
      {row.outcome === 'pending' ? (
        <View className="two">
          <ActionButton kind="ok" onPress={mark('hired')}>
            录用了
          </ActionButton>
          <ActionButton kind="secondary" onPress={mark('not_hired')}>
            没录用
          </ActionButton>
        </View>
      ) : null}
    </View>
  );
}

/**
 * One posting for staff: who registered (call them, mark 录用 / 没录用 — a hire goes
 * into the employment ledger), residents seeking work who fit it, and stopping it.
 */
export function JobInterests({ id, confirm = askToConfirm, onCall = call, refresher }: { id: string; confirm?: Confirm; onCall?: (phone: string) => void; refresher?: Refresher }) {
  const job = useRemote(() => api.jobs.get(id), [id]);
  const interests = useRemote(() => api.jobs.interests(id), [id]);
  const candidates = useRemote(() => api.jobs.candidates(id), [id]);
  const reload = useCallback(async () => {
    await Promise.all([job.reload(), interests.reload(), candidates.reload()]);
  }, [job.reload, interests.reload, candidates.reload]);
  useRefreshedBy(refresher, reload);
  const j = job.data;
  const rows = interests.data ?? [];
  const registered = new Set(rows.map((r) => r.resident.id));
  const others = (candidates.data ?? []).filter((c) => !registered.has(c.resident.id));

  return (
    <View>
      <ListState loading={job.loading} error={job.error} empty={!j} emptyText="没有找到这个岗位。" onRetry={() => void job.reload()}>
        {j ? (
          <View className="card">
            <View className="row">
              <Text className={cx('badge', j.status === 'open' ? 'badge--done' : 'badge--off')}>{j.status === 'open' ? '招聘中' : '已停止招聘'}</Text>
              <Text className="badge badge--work">{JOB_KIND_WORDS[j.kind]}</Text>
            </View>
            <Text className="job-card__title">{j.title}</Text>
            <Text className="job-card__pay">💰 {payWords(j.pay)}</Text>
            <Text className="muted">
              {j.employer} · {j.location} · 招 {j.headcount} 人{j.deadline ? ` · ${dayWords(j.deadline)}截止` : ''}
            </Text>
            {j.trades.length ? <Text className="muted">工种：{j.trades.map(tradeWords).join('、')}</Text> : null}
            {j.status === 'open' ? (
              <ActionButton
                kind="secondary"
                onPress={async () => {
                  const yes = await confirm({ title: '停止招聘', content: `“${j.title}”不再招人了吗？居民就看不到这个岗位了。`, confirmText: '停止招聘', cancelText: '还要招' });
                  if (yes) job.setData({ ...j, ...(await api.jobs.close(id)) });
                }}
              >
                停止招聘
              </ActionButton>
            ) : null}
          </View>
        ) : null}
      </ListState>

      <Text className="subtitle">有意向的人（{rows.length}）</Text>
      <ListState loading={interests.loading} error={interests.error} empty={!rows.length} emptyText="还没有人登记意向。" onRetry={() => void interests.reload()}>
        {rows.map((r) => (
          <InterestCard key={r.id} jobId={id} row={r} onCall={onCall} onChange={(next) => interests.setData(rows.map((x) => (x.id === next.id ? next : x)))} />
        ))}
      </ListState>

      <Text className="subtitle">可以打电话问问的人</Text>
      <Text className="muted">登记了想找工作、工种对得上的居民</Text>
      <ListState loading={candidates.loading} error={candidates.error} empty={!others.length} emptyText="没有工种对得上、还没登记的人。" onRetry={() => void candidates.reload()}>
        {others.map((c) => (
          <View key={c.resident.id} className="card">
            <Person name={c.resident.name} home={c.resident.home} phone={c.resident.phone} onCall={onCall} />
            {c.trades.length ? <Text className="muted">想做：{c.trades.map(tradeWords).join('、')}</Text> : null}
          </View>
        ))}
      </ListState>
    </View>
  );
}
