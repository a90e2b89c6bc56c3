import { Text, View } from '@tarojs/components';
import { api } from '../../../api/index.js';
import { ListState } from '../../../components/ListState.js';
import { OrderSummaryCard } from '../../../components/OrderSummaryCard.js';
import { Page } from '../../../components/Page.js';
import { Timeline } from '../../../components/Timeline.js';
import { useParam, useRefresh, useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { DispatchForm } from '../DispatchForm.js';

const DISPATCHABLE = new Set(['submitted', 'dispatched', 'reopened']);

/** A request seen by staff: its story, and 派单 (or 改派) while nobody has taken it on. */
export default function StaffOrder() {
  useSession();
  const id = useParam('id');
  const data = useRemote(async () => {
    const [order, workers] = await Promise.all([api.orders.get(id), api.org.gridWorkers()]);
    return { order, workers };
  }, [id]);
  useRefresh(data.reload);
  const o = data.data?.order;
  return (
    <Page>
      <ListState loading={data.loading} error={data.error} empty={!o} emptyText="没有找到这件事" onRetry={() => void data.reload()}>
        {o && data.data ? (
          <View>
            <OrderSummaryCard order={o} showContact />
            {o.status === 'dispatched' ? <Text className="ok-note">已派给 {o.assignee?.name}，等网格员接单。</Text> : null}
            {DISPATCHABLE.has(o.status) ? (
              <DispatchForm
                key={`${o.status}-${o.assignee?.id ?? ''}`}
                order={o}
                workers={data.data.workers}
                onDispatch={async (body) => {
                  const order = await api.orders.dispatch(id, body);
                  data.setData({ order, workers: data.data!.workers });
                }}
              />
            ) : null}
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
