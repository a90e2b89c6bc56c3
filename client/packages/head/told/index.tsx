import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../../api/index.js';
import { messageOf } from '../../../api/errors.js';
import type { NoticeReachBoard, ReachHousehold } from '../../../api/types.js';
import { ListState } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { cx } from '../../../lib/cx.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import '../head.scss';

const STATE_WORDS: Record<ReachHousehold['state'], string> = { read: '已读', told: '已告知', none: '未告知' };
const PAGE = '/packages/head/told/index';

/** 通知告知情况: without an id, the building's notices to pick from; with one, its households and who still needs telling. */
export default function ToldPage() {
  useSession();
  const id = useParam('id');
  return id ? <Board noticeId={id} /> : <NoticePicker />;
}

function NoticePicker() {
  const notices = useRemote(() => api.notices.list({ limit: 30 }), []);
  useRefresh(notices.reload);
  const items = notices.data?.items ?? [];
  return (
    <Page>
      <Text className="title">通知告知情况</Text>
      <Text className="muted">选一条通知，看看楼里哪些户还不知道。</Text>
      <ListState loading={notices.loading} error={notices.error} empty={!items.length} emptyText="还没有通知。" onRetry={() => void notices.reload()}>
        {items.map((n) => (
          <View key={n.id} className="card head-notice" hoverClass="card--pressed" onClick={() => void Taro.navigateTo({ url: `${PAGE}?id=${n.id}` })} ariaRole="button">
            <Text className="subtitle">
              {n.urgent ? '🚨 ' : ''}
              {n.title}
            </Text>
            <Text className="muted">{n.publishedAt.slice(0, 10)}</Text>
          </View>
        ))}
      </ListState>
    </Page>
  );
}

function Board({ noticeId }: { noticeId: string }) {
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [board, setBoard] = useState<NoticeReachBoard | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const overview = useRemote(async () => {
    const o = await api.notices.reach(noticeId);
    const mine = o.buildings.find((b) => b.id === buildingId) ?? o.buildings.find((b) => b.mayTell) ?? o.buildings[0];
    if (mine) setBoard(await api.notices.reachBoard(noticeId, mine.id));
    return o;
  }, [noticeId, buildingId]);
  useRefresh(overview.reload);

  const act = async (work: () => Promise<NoticeReachBoard>) => {
    setBusy(true);
    setError(null);
    try {
      setBoard(await work());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const tellAll = async () => {
    if (!board) return;
    const r = await Taro.showModal({ title: '全部已告知', content: `剩下 ${board.counts.notReached} 户都已经当面或打电话告知了吗？`, confirmText: '都告知了', cancelText: '再看看' });
    if (r.confirm) await act(() => api.notices.tellAll(noticeId, board.building.id));
  };

  const buildings = overview.data?.buildings ?? [];
  return (
    <Page>
      <ListState loading={overview.loading && !board} error={overview.error} empty={!board} emptyText="没有找到这条通知。" onRetry={() => void overview.reload()}>
        {board ? (
          <View>
            <Text className="title">
              {board.notice.kind === 'emergency' ? '🚨 ' : ''}
              {board.notice.title}
            </Text>
            {buildings.length > 1 ? (
              <View className="filters">
                {buildings.map((b) => (
                  <Text key={b.id} className={cx('chip', b.id === board.building.id && 'chip--on')} onClick={() => setBuildingId(b.id)}>
                    {b.name}
                  </Text>
                ))}
              </View>
            ) : null}
            <View className="head-counts">
              <Text className="head-state head-state--none">未告知 {board.counts.notReached} 户</Text>
              <Text className="head-state head-state--told">已告知 {board.counts.told} 户</Text>
              <Text className="head-state head-state--read">已读 {board.counts.read} 户</Text>
            </View>
            {board.notice.cancelled ? <Text className="hint">这条通知已经撤回了。</Text> : null}
            {board.notice.kind === 'emergency' && board.counts.notReached ? <Text className="hint">紧急通知：还没告知的户排在最前面，请尽快一户一户告知。</Text> : null}
            {error ? <Text className="error-note">{error}</Text> : null}
            {board.mayTell && board.counts.notReached && !board.notice.cancelled ? (
              <Button className="btn btn--secondary" disabled={busy} onClick={() => void tellAll()}>
                剩下的全部已告知
              </Button>
            ) : null}
            {board.households.map((h) => (
              <View key={h.id} className="card head-row">
                <View className="head-row__who">
                  <Text className="text">
                    {h.unit} {h.room}
                  </Text>
                  {h.headName ? <Text className="muted">{h.headName}家</Text> : null}
                </View>
                {h.state === 'none' && board.mayTell && !board.notice.cancelled ? (
                  <Button className="btn btn--primary btn--small" disabled={busy} onClick={() => void act(() => api.notices.tell(noticeId, h.id))} ariaLabel={`${h.unit}${h.room} 已告知`}>
                    点一下：已告知
                  </Button>
                ) : (
                  <Text className={cx('head-state', `head-state--${h.state}`)} onClick={h.state === 'told' && board.mayTell ? () => void undo(h) : undefined}>
                    {STATE_WORDS[h.state]}
                    {h.state === 'told' && h.how === 'phone' ? '（电话）' : ''}
                  </Text>
                )}
              </View>
            ))}
          </View>
        ) : null}
      </ListState>
    </Page>
  );

  async function undo(h: ReachHousehold) {
    const r = await Taro.showModal({ title: '撤销已告知', content: `${h.unit} ${h.room} 其实还没告知？`, confirmText: '撤销', cancelText: '不撤销' });
    if (r.confirm) await act(() => api.notices.untell(noticeId, h.id));
  }
}
