import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { FormProblem } from '../../../api/errors.js';
import { api } from '../../../api/index.js';
import type { ComposeNoticeInput, ManagedNotice, NoticeAudience, NoticeKind } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { askToConfirm, type Confirm } from '../../../lib/confirm.js';
import { cx } from '../../../lib/cx.js';
import { useRemote } from '../../../lib/useRemote.js';
import { when } from '../../../lib/words.js';
import { NOTICE_KIND_WORDS, NOTICE_KINDS } from '../words.js';
import { loadBuildings, loadGrids, type Place } from '../community.js';
import { dayOf, localTime } from '../Field.js';
import { NOTICE_LIMITS } from '../../../../shared/limits.js';

type AudienceType = NoticeAudience['type'];
/** The form's fields a problem is shown under (not under 发送, a screen away on a phone). */
type FieldName = 'title' | 'body' | 'audience' | 'time';

function toggled(set: string[], id: string): string[] {
  return set.includes(id) ? set.filter((x) => x !== id) : [...set, id];
}

/** A grid's buildings as chips to pick, loaded when the grid is opened. */
function BuildingsOf({ grid, picked, onToggle }: { grid: Place; picked: string[]; onToggle: (id: string) => void }) {
  const buildings = useRemote(() => loadBuildings(grid.id), [grid.id]);
  return (
    <ListState loading={buildings.loading} error={buildings.error} empty={!buildings.data?.length} emptyText="这个网格没有楼栋。" onRetry={() => void buildings.reload()}>
      <View className="filters">
        {(buildings.data ?? []).map((b) => (
          <Text key={b.id} className={cx('chip', picked.includes(b.id) && 'chip--on')} onClick={() => onToggle(b.id)}>
            {picked.includes(b.id) ? '✔ ' : ''}
            {b.name}
          </Text>
        ))}
      </View>
    </ListState>
  );
}

export interface NoticeComposerProps {
  onSent: (n: ManagedNotice) => void;
  confirm?: Confirm;
  /** For the schedule's defaults and checks; now by default. */
  now?: () => Date;
}

/**
 * 写通知: what kind (or the red emergency switch), title and text, who gets it
 * (the whole community, some grids, some buildings), now or at a set time. It
 * goes into each building's WeChat group and shows in the mini-program.
 */
export function NoticeComposer({ onSent, confirm = askToConfirm, now = () => new Date() }: NoticeComposerProps) {
  const [kind, setKind] = useState<NoticeKind>('service');
  const [emergency, setEmergency] = useState(false);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<AudienceType>('community');
  const [gridIds, setGridIds] = useState<string[]>([]);
  const [buildingIds, setBuildingIds] = useState<string[]>([]);
  const [openGrid, setOpenGrid] = useState<string | null>(null);
  const [later, setLater] = useState(false);
  const tomorrow = new Date(now().getTime() + 86_400_000);
  const [day, setDay] = useState(dayOf(tomorrow));
  const [time, setTime] = useState('08:00');
  const grids = useRemote(loadGrids, []);
  const [problem, setProblem] = useState<{ field: FieldName; message: string } | null>(null);
  /** Marks the field, scrolls to it, and stops the send with a pointer to it under the button. */
  const fieldProblem = (field: FieldName, message: string): never => {
    setProblem({ field, message });
    void Promise.resolve(Taro.pageScrollTo({ selector: `#notice-${field}`, duration: 200 })).catch(() => undefined);
    throw new FormProblem('请先改好上面标红的地方。');
  };
  const problemUnder = (field: FieldName) => (problem?.field === field ? <Text className="error-note field-error">{problem.message}</Text> : null);

  const audienceBody = (): NoticeAudience => {
    if (audience === 'grids') {
      if (!gridIds.length) fieldProblem('audience', '请至少选一个网格。');
      return { type: 'grids', gridIds };
    }
    if (audience === 'buildings') {
      if (!buildingIds.length) fieldProblem('audience', '请至少选一栋楼。');
      return { type: 'buildings', buildingIds };
    }
    return { type: 'community' };
  };
  const audienceText = () => {
    const names = (ids: string[]) => (grids.data ?? []).filter((g) => ids.includes(g.id)).map((g) => g.name);
    if (audience === 'grids') return names(gridIds).join('、');
    if (audience === 'buildings') return `选中的 ${buildingIds.length} 栋楼`;
    return '全社区';
  };

  const send = async () => {
    const t = title.trim();
    const b = body.trim();
    setProblem(null);
    if (t.length < NOTICE_LIMITS.title.min) fieldProblem('title', `标题至少写 ${NOTICE_LIMITS.title.min} 个字。`);
    if (t.length > NOTICE_LIMITS.title.max) fieldProblem('title', `标题最多 ${NOTICE_LIMITS.title.max} 个字。`);
    if (b.length < NOTICE_LIMITS.body.min) fieldProblem('body', '请写通知的内容。');
    const input: ComposeNoticeInput = { kind: emergency ? 'emergency' : kind, title: t, body: b, audience: audienceBody() };
    if (later) {
      const at = localTime(day, time);
      if (at.getTime() <= now().getTime()) fieldProblem('time', '定时发送的时间已经过了，请重新选。');
      input.sendAt = at.toISOString();
    }
    const yes = await confirm({
      title: emergency ? '发送紧急通知' : later ? '定时发送' : '发送通知',
      content: `把“${t}”发给${audienceText()}${later ? `，${when(localTime(day, time), now())} 发出` : '，现在就发'}。${emergency ? '紧急通知马上发，夜里也发。' : ''}`,
      confirmText: '发送',
      cancelText: '再看看',
    });
    if (!yes) return;
    onSent(await api.notices.compose(input));
  };

  return (
    <View>
      <View className={cx('switch-row', emergency && 'switch-row--on')}>
        <View>
          <Text className="text">🚨 紧急通知</Text>
          <Text className="muted">停水停电、防汛等，马上发，夜里也发</Text>
        </View>
        <Switch checked={emergency} color="#b3121c" onChange={(e) => setEmergency(e.detail.value)} ariaLabel="紧急通知" />
      </View>

      {emergency ? null : (
        <View>
          <Text className="field-label">哪一类通知</Text>
          <View className="filters">
            {NOTICE_KINDS.map((k) => (
              <Text key={k} className={cx('chip', k === kind && 'chip--on')} onClick={() => setKind(k)}>
                {NOTICE_KIND_WORDS[k]}
              </Text>
            ))}
          </View>
        </View>
      )}

      <Text className="field-label" id="notice-title">
        标题
      </Text>
      <Input className={cx('input', problem?.field === 'title' && 'input--bad')} value={title} maxlength={NOTICE_LIMITS.title.max} placeholder="比如：本周六义诊进楼栋" onInput={(e) => setTitle(e.detail.value)} />
      {problemUnder('title')}
      <Text className="field-label" id="notice-body">
        内容
      </Text>
      <Textarea className={cx('textarea', problem?.field === 'body' && 'input--bad')} value={body} maxlength={NOTICE_LIMITS.body.max} placeholder="写清楚什么时间、什么地点、要做什么" onInput={(e) => setBody(e.detail.value)} />
      {problemUnder('body')}

      <Text className="field-label" id="notice-audience">
        发给谁
      </Text>
      {(
        [
          ['community', '全社区', '每一栋楼的微信群'],
          ['grids', '选网格', '选中网格里的所有楼栋'],
          ['buildings', '选楼栋', '只发给选中的几栋楼'],
        ] as Array<[AudienceType, string, string]>
      ).map(([type, label, sub]) => (
        <View key={type} className={cx('choice', audience === type && 'choice--on')} onClick={() => setAudience(type)} ariaRole="button">
          <View>
            <Text className="text">{label}</Text>
            <Text className="muted">{sub}</Text>
          </View>
          <Text>{audience === type ? '✔' : ''}</Text>
        </View>
      ))}
      {audience !== 'community' ? (
        <ListState loading={grids.loading} error={grids.error} empty={!grids.data?.length} emptyText="社区还没有网格。" onRetry={() => void grids.reload()}>
          {audience === 'grids' ? (
            <View className="filters">
              {(grids.data ?? []).map((g) => (
                <Text key={g.id} className={cx('chip', gridIds.includes(g.id) && 'chip--on')} onClick={() => setGridIds((s) => toggled(s, g.id))}>
                  {gridIds.includes(g.id) ? '✔ ' : ''}
                  {g.name}
                </Text>
              ))}
            </View>
          ) : (
            <View>
              <Text className="muted">先点网格，再点楼栋（已选 {buildingIds.length} 栋）</Text>
              <View className="filters">
                {(grids.data ?? []).map((g) => (
                  <Text key={g.id} className={cx('chip', openGrid === g.id && 'chip--on')} onClick={() => setOpenGrid(g.id)}>
                    {g.name}
                  </Text>
                ))}
              </View>
              {openGrid ? (
                <BuildingsOf grid={grids.data!.find((g) => g.id === openGrid)!} picked={buildingIds} onToggle={(id) => setBuildingIds((s) => toggled(s, id))} />
              ) : null}
            </View>
          )}
        </ListState>
      ) : null}
      {problemUnder('audience')}

      <View className={cx('switch-row', later && 'switch-row--on')} id="notice-time">
        <View>
          <Text className="text">定时发送</Text>
          <Text className="muted">不打开就是现在发</Text>
        </View>
        <Switch checked={later} color="#b3121c" onChange={(e) => setLater(e.detail.value)} ariaLabel="定时发送" />
      </View>
      {later ? (
        <View className="two">
          <Picker mode="date" value={day} start={dayOf(now())} onChange={(e) => setDay(String(e.detail.value))}>
            <View className="choice" ariaLabel="发送日期">
              <Text>📅 {day}</Text>
            </View>
          </Picker>
          <Picker mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <View className="choice" ariaLabel="发送时间">
              <Text>⏰ {time}</Text>
            </View>
          </Picker>
        </View>
      ) : null}
      {problemUnder('time')}

      {/* two buttons rather than one whose words change: each keeps its own busy state */}
      {later ? (
        <ActionButton key="later" onPress={send}>
          到时间再发送
        </ActionButton>
      ) : (
        <ActionButton key="now" onPress={send}>
          发送
        </ActionButton>
      )}
    </View>
  );
}
