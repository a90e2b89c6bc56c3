import { Text, View } from '@tarojs/components';
import { api } from '../../../api/index.js';
import { ListState } from '../../../components/ListState.js';
import { OrderSummaryCard } from '../../../components/OrderSummaryCard.js';
import { Page } from '../../../components/Page.js';
import { Timeline } from '../../../components/Timeline.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { ReviewForm } from '../ReviewForm.js';

export default function Review() {
  useSession();
  const id = useParam('id');
  const order = useRemote(() => api.orders.get(id), [id]);
  useRefresh(order.reload);
  const o = order.data;
  return (
    <Page>
      <ListState loading={order.loading} error={order.error} empty={!o} emptyText="没有找到这件事" onRetry={() => void order.reload()}>
        {o ? (
          <View>
            <OrderSummaryCard order={o} />
            {o.feedback ? (
              <Text className="ok-note">
                居民评价：{o.feedback.satisfied ? '满意' : '不满意'}，{o.feedback.rating} 星
              </Text>
            ) : (
              <Text className="hint">居民还没有评价，可以先打电话问问。</Text>
            )}
            {o.status === 'resolved' ? (
              <ReviewForm
                onReview={async (body) => {
                  order.setData(await api.orders.review(id, body));
                }}
              />
            ) : null}
            {o.status === 'closed' ? <Text className="ok-note">已评单，事情办结。</Text> : null}
            {o.status === 'reopened' ? <Text className="hint">已退回，网格员会重新办理。</Text> : null}
            <View className="card">
              <Text className="subtitle">办理经过</Text>
              <Timeline entries={o.timeline} />
            </View>
          </View>
        ) : null}
      </ListState>
    </Page>
  );
}
