import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import type { Redemption } from '../../api/types.js';
import { LinkPrompt } from '../../components/LinkPrompt.js';
import { ListHead } from '../../components/ListHead.js';
import { ListState } from '../../components/ListState.js';
import { MoreButton } from '../../components/MoreButton.js';
import { Page } from '../../components/Page.js';
import { askToConfirm } from '../../lib/confirm.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { usePaged } from '../../lib/usePaged.js';
import { PAGES } from '../../lib/workspaces.js';
import { RedemptionCard } from './RedemptionCard.js';

/** My household's redemptions, newest first: pickup codes of what is waiting, cancel before pickup. */
export default function MyRedemptions() {
  const me = useSession();
  const list = usePaged<Redemption>((cursor) => api.shop.redemptions({ limit: 20, cursor }), [], me?.linked === true);
  useRefresh(list.reload);
  if (me && !me.linked) {
    return (
      <Page>
        <LinkPrompt what="用积分换东西" />
      </Page>
    );
  }
  return (
    <Page>
      <ListHead title="我的兑换" loading={list.loading} onRefresh={() => void list.reload()} />
      <ListState loading={list.loading} error={list.error} empty={!list.items.length} emptyText="还没有换过东西。" onRetry={() => void list.reload()}>
        {list.items.map((r) => (
          <RedemptionCard key={r.id} redemption={r} confirm={askToConfirm} cancel={async (id) => list.update(await api.shop.cancel(id))} />
        ))}
        <MoreButton hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </ListState>
      <View className="subtitle" />
      <Button className="btn btn--secondary" onClick={() => void Taro.redirectTo({ url: PAGES.shop })}>
        🛒 去积分超市
      </Button>
    </Page>
  );
}
