import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../../api/index.js';
import { messageOf } from '../../../api/errors.js';
import type { PatrolBuilding, PatrolDetail, PatrolItemMark } from '../../../api/types.js';
import { ListState } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { PhotoPicker, usePhotos } from '../../../components/Photos.js';
import { cx } from '../../../lib/cx.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import '../head.scss';

const day = (iso: string | null) => (iso ? iso.slice(5, 10).replace('-', '月') + '日' : '');

function stateLine(b: PatrolBuilding): string {
  if (b.state === 'never') return '还没有巡查过，请尽快巡查一次';
  if (b.state === 'due') return `上次巡查 ${day(b.lastPatrolAt)}，该巡查了`;
  return `上次巡查 ${day(b.lastPatrolAt)}，下次 ${day(b.dueAt)} 前`;
}

/** 楼道巡查: the head walks the building, taps 正常 or 有问题 for each item, and a problem becomes a 报事 in one tap. */
export default function PatrolPage() {
  useSession();
  const buildings = useRemote(() => api.patrols.buildings(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [patrol, setPatrol] = useState<PatrolDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useRefresh(buildings.reload);
  const list = buildings.data?.items ?? [];
  const building = list.find((b) => b.id === chosen) ?? list[0];

  const act = async (work: () => Promise<PatrolDetail>) => {
    setBusy(true);
    setError(null);
    try {
      setPatrol(await work());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (patrol) {
    const done = patrol.items.filter((i) => i.result).length;
    return (
      <Page>
        <Text className="title">{patrol.building.name} 楼道巡查</Text>
        <Text className="muted">
          已查 {done}/{patrol.items.length} 项{patrol.problems ? `，发现 ${patrol.problems} 个问题` : ''}
        </Text>
        {patrol.finishedAt ? <Text className="ok-note">✅ 巡查完成，谢谢您！</Text> : null}
        {error ? <Text className="error-note">{error}</Text> : null}
        {patrol.items.map((item) => (
          <PatrolItemCard key={item.itemId} item={item} busy={busy} act={act} patrolId={patrol.id} />
        ))}
        <Button
          className="btn btn--secondary"
          onClick={() => {
            setPatrol(null);
            void buildings.reload();
          }}
        >
          返回
        </Button>
      </Page>
    );
  }

  return (
    <Page>
      <ListState loading={buildings.loading} error={buildings.error} empty={!list.length} emptyText="您还没有负责的楼栋。" onRetry={() => void buildings.reload()}>
        {list.length > 1 ? (
          <View className="filters">
            {list.map((b) => (
              <Text key={b.id} className={cx('chip', b.id === building?.id && 'chip--on')} onClick={() => setChosen(b.id)}>
                {b.name}
              </Text>
            ))}
          </View>
        ) : null}
        {building ? (
          <View className="card">
            <Text className="title">{building.name}</Text>
            <Text className={cx('text', building.state !== 'ok' && 'head-due')}>{stateLine(building)}</Text>
            <Text className="muted">每 {building.everyDays} 天巡查一次</Text>
            {building.openProblems ? <Text className="hint">还有 {building.openProblems} 个问题没解决</Text> : null}
            {error ? <Text className="error-note">{error}</Text> : null}
            <Button className="btn btn--primary" disabled={busy} onClick={() => void act(() => api.patrols.start(building.id))}>
              {building.openPatrolId ? '继续巡查' : '开始巡查'}
            </Button>
          </View>
        ) : null}
      </ListState>
    </Page>
  );
}

function PatrolItemCard({ item, busy, act, patrolId }: { item: PatrolItemMark; busy: boolean; act: (w: () => Promise<PatrolDetail>) => Promise<void>; patrolId: string }) {
  const [describing, setDescribing] = useState(false);
  const mark = (result: 'ok' | 'problem', extra: { note?: string; photoId?: string } = {}) =>
    act(() => api.patrols.mark(patrolId, item.itemId, { result, ...extra }));
  return (
    <View className={cx('card', item.result === 'ok' && 'head-item--ok', item.result === 'problem' && 'head-item--problem')}>
      <Text className="subtitle">
        {item.result === 'ok' ? '✅ ' : item.result === 'problem' ? '⚠️ ' : ''}
        {item.name}
      </Text>
      {item.note ? <Text className="text">{item.note}</Text> : null}
      {item.orderId ? (
        <View>
          <Text className="ok-note">已报事，社区会派人处理</Text>
          <Button className="btn btn--secondary" onClick={() => void Taro.navigateTo({ url: `/pages/order/index?id=${item.orderId}` })}>
            看报事进度
          </Button>
        </View>
      ) : item.result === 'problem' ? (
        <Button className="btn btn--primary" disabled={busy} onClick={() => void act(() => api.patrols.fileProblem(patrolId, item.itemId))}>
          📝 一键报事
        </Button>
      ) : null}
      {describing ? (
        <ProblemForm busy={busy} onCancel={() => setDescribing(false)} onSave={async (note, photoId) => {
          await mark('problem', { ...(note ? { note } : {}), ...(photoId ? { photoId } : {}) });
          setDescribing(false);
        }} />
      ) : item.orderId ? null : (
        <View className="head-pair">
          <Button className={cx('btn', item.result === 'ok' ? 'btn--ok' : 'btn--secondary')} disabled={busy} onClick={() => void mark('ok')}>
            正常
          </Button>
          <Button className={cx('btn', item.result === 'problem' ? 'btn--primary' : 'btn--secondary')} disabled={busy} onClick={() => setDescribing(true)}>
            有问题
          </Button>
        </View>
      )}
    </View>
  );
}

/** What is wrong, in a few words, and a photo if there is time: both may be left out. */
function ProblemForm({ busy, onSave, onCancel }: { busy: boolean; onSave: (note: string, photoId?: string) => Promise<void>; onCancel: () => void }) {
  const [note, setNote] = useState('');
  const photos = usePhotos(1);
  return (
    <View>
      <Textarea className="textarea" value={note} maxlength={200} placeholder="什么问题？比如：2单元一楼灯不亮（可以不写）" onInput={(e) => setNote(e.detail.value)} />
      <PhotoPicker photos={photos} max={1} />
      <View className="head-pair">
        <Button className="btn btn--secondary" onClick={onCancel}>
          取消
        </Button>
        <Button className="btn btn--primary" disabled={busy || photos.busy} onClick={() => void onSave(note.trim(), photos.ids[0])}>
          记下问题
        </Button>
      </View>
    </View>
  );
}
