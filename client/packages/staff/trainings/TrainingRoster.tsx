import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { FormProblem } from '../../../api/errors.js';
import { api } from '../../../api/index.js';
import type { RosterEntry } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { askToConfirm, type Confirm } from '../../../lib/confirm.js';
import { cx } from '../../../lib/cx.js';
import { useRefreshedBy, type Refresher } from '../../../lib/refresher.js';
import { useRemote } from '../../../lib/useRemote.js';
import { dayWords, ENROLMENT_WORDS } from '../../../lib/words.js';
import { DayField, dayOf, localTime } from '../Field.js';
import '../staff.scss';

const call = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);

function Who({ e, onCall }: { e: RosterEntry; onCall: (p: string) => void }) {
  return (
    <View className="roster__who">
      <Text className="text">{e.resident.name}</Text>
      {e.resident.phone ? (
        <Text className="roster__phone" onClick={() => onCall(e.resident.phone!)}>
          📞 {e.resident.phone}
        </Text>
      ) : null}
    </View>
  );
}

/** 点名 for one day: everyone on the list counts as there until tapped otherwise. */
function Attendance({ id, people, now, onSaved }: { id: string; people: RosterEntry[]; now: Date; onSaved: () => Promise<void> }) {
  const [day, setDay] = useState(dayOf(now));
  const [absent, setAbsent] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const toggle = (rid: string) => {
    setSaved(null);
    setAbsent((a) => (a.includes(rid) ? a.filter((x) => x !== rid) : [...a, rid]));
  };
  const save = async () => {
    if (!people.length) throw new FormProblem('名单上还没有人。');
    const r = await api.trainings.attendance(id, { day, records: people.map((e) => ({ residentId: e.resident.id, present: !absent.includes(e.resident.id) })) });
    setSaved(`已记下 ${dayWords(localTime(day), now)} 的点名：到了 ${r.recorded - absent.length} 人，没到 ${absent.length} 人。`);
    await onSaved();
  };
  return (
    <View className="card">
      <Text className="subtitle">点名</Text>
      <DayField label="哪一天的课" value={day} onChange={(d) => { setDay(d); setSaved(null); }} />
      <Text className="muted">默认都到了；没来的点一下。</Text>
      {people.map((e) => {
        const here = !absent.includes(e.resident.id);
        return (
          <View key={e.id} className={cx('choice', here ? 'choice--on' : 'choice--absent')} onClick={() => toggle(e.resident.id)} ariaRole="button" ariaLabel={`${e.resident.name} ${here ? '到了' : '没到'}`}>
            <Text className="text">{e.resident.name}</Text>
            <Text className="roster__mark">{here ? '✔ 到了' : '✘ 没到'}</Text>
          </View>
        );
      })}
      {saved ? <Text className="ok-note">{saved}</Text> : null}
      <ActionButton onPress={save}>保存点名</ActionButton>
    </View>
  );
}

/** 结业: tick who finished the course; it earns the household its points once. */
function Completion({ id, people, confirm, onDone }: { id: string; people: RosterEntry[]; confirm: Confirm; onDone: () => Promise<void> }) {
  const [picked, setPicked] = useState<string[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const open = people.filter((e) => e.status === 'enrolled');
  const all = open.length > 0 && picked.length === open.length;
  const finish = async () => {
    if (!picked.length) throw new FormProblem('请先点选结业的人。');
    const yes = await confirm({ title: '结业', content: `给选中的 ${picked.length} 人结业吗？结业后按积分规则给他们家加分。`, confirmText: '结业', cancelText: '再看看' });
    if (!yes) return;
    const r = await api.trainings.complete(id, picked);
    setResult(`✅ ${r.completed} 人已结业${r.pointsAwarded ? `，共发了 ${r.pointsAwarded} 积分` : ''}。`);
    setPicked([]);
    await onDone();
  };
  return (
    <View className="card">
      <Text className="subtitle">结业</Text>
      {result ? <Text className="ok-note">{result}</Text> : null}
      {open.length ? (
        <View>
          <View className="filters">
            <Text className="chip" onClick={() => setPicked(all ? [] : open.map((e) => e.resident.id))}>
              {all ? '全不选' : '全选'}
            </Text>
          </View>
          {open.map((e) => {
            const on = picked.includes(e.resident.id);
            return (
              <View key={e.id} className={cx('choice', on && 'choice--on')} onClick={() => setPicked((p) => (on ? p.filter((x) => x !== e.resident.id) : [...p, e.resident.id]))} ariaRole="button" ariaLabel={`结业 ${e.resident.name}`}>
                <Text className="text">{e.resident.name}</Text>
                <Text className="muted">
                  到课 {e.attended} 次{e.absent ? `，缺 ${e.absent} 次` : ''} {on ? '✔' : ''}
                </Text>
              </View>
            );
          })}
          <ActionButton kind="ok" onPress={finish}>
            给选中的 {picked.length} 人结业
          </ActionButton>
        </View>
      ) : (
        <Text className="muted">没有等着结业的人。</Text>
      )}
    </View>
  );
}

/** A course's roster for staff: who has a seat, the waiting list in order, attendance per day, completion. */
export function TrainingRoster({ id, confirm = askToConfirm, onCall = call, refresher, now = new Date() }: { id: string; confirm?: Confirm; onCall?: (p: string) => void; refresher?: Refresher; now?: Date }) {
  const roster = useRemote(() => api.trainings.roster(id), [id]);
  const reload = useCallback(() => roster.reload(), [roster.reload]);
  useRefreshedBy(refresher, reload);
  const r = roster.data;
  const list = r?.enrolments ?? [];
  const seated = list.filter((e) => e.status === 'enrolled' || e.status === 'completed');
  const waiting = list.filter((e) => e.status === 'waitlisted');
  const gone = list.filter((e) => e.status === 'withdrawn');
  return (
    <ListState loading={roster.loading} error={roster.error} empty={!r} emptyText="没有找到这门课。" onRetry={() => void roster.reload()}>
      {r ? (
        <View>
          <View className="card">
            <Text className="job-card__title">{r.training.course}</Text>
            <Text className="muted">
              {dayWords(r.training.startsAt, now)} 到 {dayWords(r.training.endsAt, now)} · {r.training.schedule} · {r.training.place}
            </Text>
            <Text className="text">
              已报名 {seated.length}/{r.training.capacity} 人，排队 {waiting.length} 人
            </Text>
          </View>

          <Text className="subtitle">名单（{seated.length}）</Text>
          {seated.length ? (
            <View className="card">
              {seated.map((e) => (
                <View key={e.id} className="roster__row">
                  <Who e={e} onCall={onCall} />
                  <Text className="muted">
                    {e.status === 'completed' ? '🎓 已结业 · ' : ''}到课 {e.attended} 次{e.absent ? `，缺 ${e.absent} 次` : ''}
                  </Text>
                </View>
              ))}
            </View>
          ) : (
            <Text className="state">还没有人报名。</Text>
          )}

          <Text className="subtitle">排队等候（{waiting.length}）</Text>
          {waiting.length ? (
            <View className="card">
              {waiting.map((e, i) => (
                <View key={e.id} className="roster__row">
                  <Text className="badge badge--wait">第 {i + 1} 位</Text>
                  <Who e={e} onCall={onCall} />
                </View>
              ))}
              <Text className="muted">有人退出时，排第 1 位的自动补上。</Text>
            </View>
          ) : (
            <Text className="muted">没有人排队。</Text>
          )}

          {seated.length ? <Attendance id={id} people={seated} now={now} onSaved={reload} /> : null}
          {seated.length ? <Completion id={id} people={seated} confirm={confirm} onDone={reload} /> : null}

          {gone.length ? (
            <View>
              <Text className="subtitle">{ENROLMENT_WORDS.withdrawn}（{gone.length}）</Text>
              <Text className="muted">{gone.map((e) => e.resident.name).join('、')}</Text>
            </View>
          ) : null}
        </View>
      ) : null}
    </ListState>
  );
}
