import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import { LinkPrompt } from '../../components/LinkPrompt.js';
import { ListState } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { useRemote } from '../../lib/useRemote.js';
import { PAGES } from '../../lib/workspaces.js';
import { Shop } from './Shop.js';

/** 积分超市: what the community shop has, what it costs, and the redemption with its pickup code. */
export default function ShopPage() {
  const me = useSession();
  const shelf = useRemote(
    async () => {
      const [items, points] = await Promise.all([api.shop.items(), api.points.mine({ limit: 1 })]);
      return { items, balance: points.balance };
    },
    [],
    me?.linked === true,
  );
  useRefresh(shelf.reload);
  if (me && !me.linked) {
    return (
      <Page>
        <LinkPrompt what="用积分换东西" />
      </Page>
    );
  }
  const data = shelf.data;
  return (
    <Page>
      <ListState loading={shelf.loading} error={shelf.error} empty={!data?.items.length} emptyText="积分超市还没有上架东西。" onRetry={() => void shelf.reload()}>
        {data ? (
          <Shop
            items={data.items}
            balance={data.balance}
            redeem={(body, key) => api.shop.redeem(body, key)}
            onRedeemed={() => void shelf.reload()}
            onShowMine={() => void Taro.redirectTo({ url: PAGES.myRedemptions })}
          />
        ) : null}
      </ListState>
    </Page>
  );
}
