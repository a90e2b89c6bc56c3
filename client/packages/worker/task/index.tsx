import { Text, View } from '@tarojs/components';
import { api } from '../../../api/index.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { OrderSummaryCard } from '../../../components/OrderSummaryCard.js';
import { Page } from '../../../components/Page.js';
import { ResolveForm } from '../../../components/ResolveForm.js';
import { Timeline } from '../../../components/Timeline.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { when } from '../../../lib/words.js';

/** One task: call the resident, claim it (网格员接单), then say what was done. */
export default function WorkerTask() {
  const me = useSession();
  const id = useParam('id');
  const order = useRemote(() => api.orders.get(id), [id]);
  useRefresh(order.reload);
  const o = order.data;
  const claimable = o && (o.status === 'dispatched' || o.status === 'reopened' || (o.status === 'submitted' && o.urgency === 'emergency'));
  const mine = o?.assignee?.id === me?.user.id;
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
            {o.status === 'accepted' && mine ? (
              <ResolveForm
                onSubmit={async (body) => {
                  order.setData(await api.orders.resolve(id, body));
                }}
              />
            ) : null}
            {o.status === 'resolved' ? <Text className="ok-note">已办好，等居民评价和党组织评单。</Text> : null}
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
