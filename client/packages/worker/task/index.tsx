import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../../api/index.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { MessageBox, Messages } from '../../../components/Conversation.js';
import { ListState } from '../../../components/ListState.js';
import { OrderSummaryCard } from '../../../components/OrderSummaryCard.js';
import { Page } from '../../../components/Page.js';
import { ResolveForm } from '../../../components/ResolveForm.js';
import { Timeline } from '../../../components/Timeline.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { when } from '../../../lib/words.js';
import { PAGES } from '../../../lib/workspaces.js';

/** One task: call the resident, claim it (网格员接单), then say what was done. */
export default function WorkerTask() {
  const me = useSession();
  const id = useParam('id');
  const order = useRemote(() => api.orders.get(id), [id]);
  useRefresh(order.reload);
  const o = order.data;
  const claimable = o && (o.status === 'dispatched' || o.status === 'reopened' || (o.status === 'submitted' && o.urgency === 'emergency'));
  const mine = o?.assignee?.id === me?.user.id;
  // 常用回复 of the order's category: questions for 待补充, words for 办结
  const replies = useRemote(() => (o ? api.stockReplies({ category: o.category.code }) : Promise.resolve([])), [o?.category.code]);
  const asks = (replies.data ?? []).filter((r) => r.purpose === 'ask').map((r) => r.text);
  const resolves = (replies.data ?? []).filter((r) => r.purpose === 'resolve').map((r) => r.text);
  const open = o && ['submitted', 'dispatched', 'accepted', 'reopened', 'awaiting_info'].includes(o.status);
  const [sent, setSent] = useState(0);
  const [asking, setAsking] = useState(false);
  // 民情日志 about this order (its grid's workers read it; for anyone else the card stays away)
  const log = useRemote(() => api.gridLog.list({ orderId: id, limit: 5 }), [id]);
  useRefresh(log.reload);
  return (
    <Page>
      <ListState loading={order.loading} error={order.error} empty={!o} emptyText="没有找到这件事" onRetry={() => void order.reload()}>
        {o ? (
          <View>
            <OrderSummaryCard order={o} showContact />
            {claimable ? (
              <View className="card">
                <Text className="text">请在 {when(o.responseDueAt)} 前接单。</Text>
                <ActionButton
                  kind="ok"
                  onPress={async () => {
                    order.setData(await api.orders.claim(id));
                  }}
                >
                  我来办（接单）
                </ActionButton>
              </View>
            ) : null}
            {o.status === 'accepted' && mine ? <Text className="ok-note">已接单，请在 {when(o.resolveDueAt)} 前办好。</Text> : null}
            {/* the job's own step first; the conversation below it */}
            {o.status === 'accepted' && mine ? (
              <ResolveForm
                suggestions={resolves}
                onSubmit={async (body) => {
                  order.setData(await api.orders.resolve(id, body));
                }}
              />
            ) : null}
            {o.status === 'awaiting_info' ? <Text className="ok-note">已请居民补充情况，等居民回复。回复前办理时间不算。</Text> : null}
            <View className="card">
              <Text className="subtitle">留言</Text>
              <Messages entries={o.timeline} meId={me?.user.id} />
            </View>
            {open && asking ? (
              <MessageBox
                key={`ask-${sent}`}
                title="请居民补充情况"
                placeholder="比如：请拍一张漏水位置的照片"
                sendLabel="发给居民"
                requireText
                suggestions={asks}
                onSend={async (body) => {
                  order.setData(await api.orders.ask(id, { question: body.text, photos: body.photos }));
                  setAsking(false);
                  setSent((n) => n + 1);
                }}
              />
            ) : null}
            {open && !asking ? (
              <MessageBox
                key={`msg-${sent}`}
                title="给居民留言"
                placeholder="比如：明天上午十点上门"
                sendLabel="发送"
                onSend={async (body) => {
                  order.setData(await api.orders.update(id, body));
                  setSent((n) => n + 1);
                }}
              />
            ) : null}
            {open && o.status !== 'awaiting_info' && !asking ? (
              <ActionButton kind="secondary" onPress={async () => setAsking(true)}>
                情况不清楚？请居民补充
              </ActionButton>
            ) : null}
            {o.status === 'resolved' ? <Text className="ok-note">已办好，等居民评价和党组织评单。</Text> : null}
            <View className="card">
              <Text className="subtitle">办理经过</Text>
              <Timeline entries={o.timeline} />
            </View>
            {log.data ? (
              <View className="card" data-testid="task-gridlog">
                <Text className="subtitle">民情日志{log.data.total ? `（${log.data.total}条）` : ''}</Text>
                {log.data.items.length ? (
                  log.data.items.map((e) => (
                    <View key={e.id} className="log-link">
                      <Text className="muted">{when(e.occurredAt)} · {e.kindLabel} · {e.author.name}</Text>
                      <Text className="text">{e.text}</Text>
                    </View>
                  ))
                ) : (
                  <Text className="muted">还没有记过这件事。</Text>
                )}
                <ActionButton kind="secondary" onPress={async () => void Taro.navigateTo({ url: `${PAGES.workerLog}?orderId=${id}` })}>
                  记一笔民情日志
                </ActionButton>
              </View>
            ) : null}
          </View>
        ) : null}
      </ListState>
    </Page>
  );
}
