import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { OrderStatus } from '../../../api/types.js';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { MoreButton } from '../../../components/MoreButton.js';
import { OrderCard } from '../../../components/OrderCard.js';
import { Page } from '../../../components/Page.js';
import { cx } from '../../../lib/cx.js';
import { sortQueue } from '../../../lib/queue.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { usePagedOrders } from '../../../lib/usePagedOrders.js';
import { PAGES } from '../../../lib/workspaces.js';

const VIEWS: Array<{ status: OrderStatus; label: string; empty: string }> = [
  { status: 'submitted', label: '新报事', empty: '没有等着派单的报事。' },
  { status: 'reopened', label: '退回重办', empty: '没有退回重办的事。' },
];

/** New requests waiting for 社区派单, each with the worker the system suggests; emergencies and the overdue first. */
export default function StaffDispatch() {
  useSession();
  const [view, setView] = useState(VIEWS[0]!);
  const list = usePagedOrders({ status: [view.status], limit: 30 }, view.status);
  useRefresh(list.reload);
  return (
    <Page tab="dispatch">
      <ListHead title="待派单" loading={list.loading} onRefresh={() => void list.reload()} />
      <View className="filters">
        {VIEWS.map((v) => (
          <Text key={v.status} className={cx('chip', v.status === view.status && 'chip--on')} onClick={() => setView(v)}>
            {v.label}
          </Text>
        ))}
      </View>
      <ListState loading={list.loading} error={list.error} empty={!list.items.length} emptyText={view.empty} onRetry={() => void list.reload()}>
        {sortQueue(list.items).map((o) => (
          <OrderCard key={o.id} order={o} showResident onOpen={() => void Taro.navigateTo({ url: `${PAGES.staffOrder}?id=${o.id}` })}>
            <Text className="text">
              {o.status === 'reopened' ? `原网格员：${o.assignee?.name ?? '无'}` : `建议派给：${o.suggestedAssignee?.name ?? '（本网格没有网格员）'}`}
            </Text>
          </OrderCard>
        ))}
        <MoreButton hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </ListState>
      <View className="subtitle" />
      <Button className="btn btn--secondary" onClick={() => void Taro.navigateTo({ url: `${PAGES.raise}?for=neighbour` })}>
        📞 接到电话，代居民报事
      </Button>
    </Page>
  );
}
