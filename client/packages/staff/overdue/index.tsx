import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { MoreButton } from '../../../components/MoreButton.js';
import { OrderCard } from '../../../components/OrderCard.js';
import { Page } from '../../../components/Page.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { usePagedOrders } from '../../../lib/usePagedOrders.js';
import { when } from '../../../lib/words.js';
import { PAGES } from '../../../lib/workspaces.js';

/** Requests past a service-level deadline: who has them, and since when they are late. */
export default function StaffOverdue() {
  useSession();
  const list = usePagedOrders({ overdue: true, limit: 30 }, 'overdue');
  useRefresh(list.reload);
  return (
    <Page tab="overdue">
      <ListHead title="超时督办" loading={list.loading} onRefresh={() => void list.reload()} />
      <ListState loading={list.loading} error={list.error} empty={!list.items.length} emptyText="没有超时的事，很好！" onRetry={() => void list.reload()}>
        {list.items.map((o) => (
          <OrderCard key={o.id} order={o} showResident onOpen={() => void Taro.navigateTo({ url: `${PAGES.staffOrder}?id=${o.id}` })}>
            <Text className="text">网格员：{o.assignee?.name ?? '还没派单'}</Text>
            <Text className="muted">
              {o.overdue.response ? `应在 ${when(o.responseDueAt)} 前接单` : `应在 ${when(o.resolveDueAt)} 前办好`}
            </Text>
            {/* how far the escalation went: 10 minutes the grid's workers and staff, 20 minutes the community's leaders */}
            {o.urgency === 'emergency' && o.overdue.response ? (
              <Text className="text">{o.overdue.secondAlert ? '20分钟没人接单，已上报社区领导' : '10分钟没人接单，已提醒网格员和社区干部'}</Text>
            ) : null}
          </OrderCard>
        ))}
        <MoreButton hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </ListState>
    </Page>
  );
}
