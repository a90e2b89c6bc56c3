import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ListHead } from '../../components/ListHead.js';
import { ListState } from '../../components/ListState.js';
import { MoreButton } from '../../components/MoreButton.js';
import { OrderCard } from '../../components/OrderCard.js';
import { Page } from '../../components/Page.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { usePagedOrders } from '../../lib/usePagedOrders.js';
import { PAGES } from '../../lib/workspaces.js';

/** My household's requests (and, for a building head, the ones I filed for neighbours). */
export default function MyOrders() {
  useSession();
  const list = usePagedOrders({ limit: 20 }, 'mine');
  useRefresh(list.reload);
  return (
    <Page tab="orders">
      <ListHead title="我的报事" loading={list.loading} onRefresh={() => void list.reload()} />
      <ListState loading={list.loading} error={list.error} empty={!list.items.length} emptyText="还没有报过事。有事可以点首页的“我要报事”。" onRetry={() => void list.reload()}>
        {list.items.map((o) => (
          <OrderCard key={o.id} order={o} showResident={o.filedOnBehalf} onOpen={() => void Taro.navigateTo({ url: `${PAGES.order}?id=${o.id}` })}>
            {o.status === 'resolved' && !o.feedback ? <Text className="hint">办好了，请点开给个评价</Text> : null}
          </OrderCard>
        ))}
        <MoreButton hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </ListState>
    </Page>
  );
}
