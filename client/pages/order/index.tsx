import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../api/index.js';
import { ActionButton } from '../../components/ActionButton.js';
import { MessageBox, Messages, openQuestion, QuestionBanner } from '../../components/Conversation.js';
import { FeedbackForm } from '../../components/FeedbackForm.js';
import { ListState } from '../../components/ListState.js';
import { OrderSummaryCard } from '../../components/OrderSummaryCard.js';
import { Page } from '../../components/Page.js';
import { Timeline } from '../../components/Timeline.js';
import { useParam, useRefresh, useSession } from '../../lib/pageHooks.js';
import { useRemote } from '../../lib/useRemote.js';
import { statusWords, when } from '../../lib/words.js';

/** Orders that are finished: nothing more is said on them. */
const FINISHED = ['closed', 'cancelled', 'merged'];

/**
 * One of my requests: where it is, the conversation with the worker (待补充: their question
 * and my answer), the whole story, and my part (rate it, or cancel it before it is taken on).
 * With `joined=1` (a neighbour's request I joined, from a subscribe message): its brief.
 */
export default function OrderPage() {
  const joined = useParam('joined') === '1';
  return joined ? <JoinedOrder /> : <MyOrder />;
}

function MyOrder() {
  const me = useSession();
  const id = useParam('id');
  const order = useRemote(() => api.orders.get(id), [id]);
  useRefresh(order.reload);
  const o = order.data;
  // a new box after each message, so what was written and picked is cleared
  const [sent, setSent] = useState(0);
  const question = o ? openQuestion(o) : null;

  const cancel = async () => {
    const { confirm } = await Taro.showModal({ title: '撤销报事', content: '确定这件事不用办了吗？', confirmText: '撤销', cancelText: '不撤销' });
    if (!confirm) return;
    order.setData(await api.orders.cancel(id));
  };

  return (
    <Page>
      <ListState loading={order.loading} error={order.error} empty={!o} emptyText="没有找到这件事" onRetry={() => void order.reload()}>
        {o ? (
          <View>
            <OrderSummaryCard order={o} />
            {question ? <QuestionBanner question={question} /> : null}
            {question ? (
              <MessageBox
                key={`answer-${sent}`}
                title="补充情况"
                placeholder="写一写网格员问的事"
                sendLabel="发送补充"
                onSend={async (body) => {
                  order.setData(await api.orders.update(id, body));
                  setSent((n) => n + 1);
                }}
              />
            ) : null}
            {o.joined > 0 ? <Text className="ok-note">另有 {o.joined} 户也反映了这件事</Text> : null}
            {o.mergedInto ? (
              <View className="card">
                <Text className="text">这件事和邻居报的同一件事合并了，社区会一起办，进度会通知您。</Text>
                <ActionButton kind="secondary" onPress={() => Taro.navigateTo({ url: `/pages/order/index?id=${o.mergedInto}&joined=1` })}>
                  看那件事的进度
                </ActionButton>
              </View>
            ) : null}
            {o.status === 'resolved' && !o.feedback ? (
              <FeedbackForm
                onSubmit={async (body) => {
                  order.setData(await api.orders.feedback(id, body));
                }}
              />
            ) : null}
            {o.feedback ? (
              <Text className="ok-note">
                谢谢！您的评价：{o.feedback.satisfied ? '满意' : '不满意'}，{o.feedback.rating} 星
              </Text>
            ) : null}
            <View className="card">
              <Text className="subtitle">留言</Text>
              <Messages entries={o.timeline} meId={me?.user.id} />
            </View>
            {!question && !FINISHED.includes(o.status) ? (
              <MessageBox
                key={`message-${sent}`}
                title="给网格员留言"
                placeholder="想补充什么、问什么，写在这里"
                sendLabel="发送"
                onSend={async (body) => {
                  order.setData(await api.orders.update(id, body));
                  setSent((n) => n + 1);
                }}
              />
            ) : null}
            <View className="card">
              <Text className="subtitle">办理经过</Text>
              {/* messages are above; questions and answers stay here too, as they pause and resume the clock */}
              <Timeline entries={o.timeline.filter((e) => e.action !== 'comment')} />
            </View>
            {o.status === 'submitted' || o.status === 'dispatched' ? (
              <ActionButton kind="secondary" onPress={cancel}>
                不用办了，撤销
              </ActionButton>
            ) : null}
          </View>
        ) : null}
      </ListState>
    </Page>
  );
}

/** A neighbour's request I joined (+1): what it is about and how far it got; no names, no details. */
function JoinedOrder() {
  useSession();
  const id = useParam('id');
  const brief = useRemote(() => api.orders.brief(id), [id]);
  useRefresh(brief.reload);
  const b = brief.data;
  return (
    <Page>
      <ListState loading={brief.loading} error={brief.error} empty={!b} emptyText="没有找到这件事" onRetry={() => void brief.reload()}>
        {b ? (
          <View className="card">
            <Text className="title">
              {b.category.icon} {b.title}
            </Text>
            <Text className="text">
              {b.building.name} · {statusWords({ status: b.status, feedback: null })}
            </Text>
            <Text className="muted">
              {b.joined > 0 ? `共 ${b.joined + 1} 户反映了这件事 · ` : ''}
              {when(b.createdAt)} 提交
            </Text>
            <View className="timeline">
              {b.steps.map((st) => (
                <View key={`${st.action}-${st.at}`} className="timeline__item">
                  <View className="timeline__dot" />
                  <View className="timeline__body">
                    <Text className="timeline__what">{statusWords({ status: st.to, feedback: null })}</Text>
                    <Text className="muted">{when(st.at)}</Text>
                  </View>
                </View>
              ))}
            </View>
          </View>
        ) : null}
      </ListState>
    </Page>
  );
}
