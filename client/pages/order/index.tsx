import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import { ActionButton } from '../../components/ActionButton.js';
import { FeedbackForm } from '../../components/FeedbackForm.js';
import { ListState } from '../../components/ListState.js';
import { OrderSummaryCard } from '../../components/OrderSummaryCard.js';
import { Page } from '../../components/Page.js';
import { Timeline } from '../../components/Timeline.js';
import { useParam, useRefresh, useSession } from '../../lib/pageHooks.js';
import { useRemote } from '../../lib/useRemote.js';

/** One of my requests: where it is, the whole story, and my part (rate it, or cancel it before it is taken on). */
export default function OrderPage() {
  useSession();
  const id = useParam('id');
  const order = useRemote(() => api.orders.get(id), [id]);
  useRefresh(order.reload);
  const o = order.data;

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
              <Text className="subtitle">办理经过</Text>
              <Timeline entries={o.timeline} />
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
