import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { MoreButton } from '../../../components/MoreButton.js';
import { OrderCard } from '../../../components/OrderCard.js';
import { Page } from '../../../components/Page.js';
import { StarRating } from '../../../components/StarRating.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { usePagedOrders } from '../../../lib/usePagedOrders.js';
import { PAGES } from '../../../lib/workspaces.js';

/** Resolved requests awaiting 党组织评单, with what the resident said about each. */
export default function ReviewList() {
  useSession();
  const list = usePagedOrders({ status: ['resolved'], limit: 30 }, 'resolved');
  useRefresh(list.reload);
  return (
    <Page tab="review">
      <ListHead title="待评单" loading={list.loading} onRefresh={() => void list.reload()} />
      <ListState loading={list.loading} error={list.error} empty={!list.items.length} emptyText="没有等着评单的事。" onRetry={() => void list.reload()}>
        {list.items.map((o) => (
          <OrderCard key={o.id} order={o} showResident onOpen={() => void Taro.navigateTo({ url: `${PAGES.reviewerReview}?id=${o.id}` })}>
            {o.feedback ? (
              <View className="row">
                <Text>居民评价：{o.feedback.satisfied ? '满意' : '不满意'}</Text>
                <StarRating value={o.feedback.rating ?? 0} small />
              </View>
            ) : (
              <Text className="muted">居民还没评价</Text>
            )}
            <Text className="muted">网格员：{o.assignee?.name ?? ''}</Text>
          </OrderCard>
        ))}
        <MoreButton hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </ListState>
    </Page>
  );
}
