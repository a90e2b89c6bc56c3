import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import type { PointsEntry } from '../../api/types.js';
import { BigButton } from '../../components/BigButton.js';
import { LinkPrompt } from '../../components/LinkPrompt.js';
import { ListHead } from '../../components/ListHead.js';
import { ListState, Spinner } from '../../components/ListState.js';
import { MoreButton } from '../../components/MoreButton.js';
import { Page } from '../../components/Page.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { usePaged } from '../../lib/usePaged.js';
import { PAGES } from '../../lib/workspaces.js';
import { LedgerRow, PointsBalance } from './Ledger.js';

/** 我的积分: the household's balance in big figures, the way into the shop, and the ledger, newest first. */
export default function Points() {
  const me = useSession();
  const ledger = usePaged<PointsEntry, { items: PointsEntry[]; nextCursor: string | null; balance: number }>(
    (cursor) => api.points.mine({ limit: 30, cursor }).then((p) => ({ items: p.entries, nextCursor: p.nextCursor, balance: p.balance })),
    [],
    me?.linked === true,
  );
  useRefresh(ledger.reload);
  const balance = ledger.first?.balance;

  if (me && !me.linked) {
    return (
      <Page>
        <LinkPrompt what="查积分、换东西" />
      </Page>
    );
  }
  if (!me || (ledger.loading && balance === undefined)) {
    return (
      <Page>
        <Spinner />
      </Page>
    );
  }
  return (
    <Page>
      {balance !== undefined ? (
        <View>
          <PointsBalance balance={balance} />
          <BigButton primary icon="🛒" label="积分超市" sub="用积分换米、油、日用品" onPress={() => void Taro.navigateTo({ url: PAGES.shop })} />
          <BigButton icon="🧾" label="我的兑换" sub="取货码在这里" onPress={() => void Taro.navigateTo({ url: PAGES.myRedemptions })} />
          <BigButton icon="🏆" label="积分榜" sub="看看楼里谁家积分多" onPress={() => void Taro.navigateTo({ url: PAGES.leaderboard })} />
        </View>
      ) : null}
      <ListHead title="积分明细" loading={ledger.loading} onRefresh={() => void ledger.reload()} />
      <ListState
        loading={ledger.loading}
        error={ledger.error}
        empty={!ledger.items.length}
        emptyText="还没有积分记录。参加志愿服务、评上文明户，都能得积分。"
        onRetry={() => void ledger.reload()}
      >
        <View className="card">
          {ledger.items.map((e) => (
            <LedgerRow key={e.id} entry={e} />
          ))}
        </View>
        <MoreButton hasMore={ledger.hasMore} loading={ledger.loadingMore} error={ledger.moreError} onMore={() => void ledger.loadMore()} />
      </ListState>
      <Text className="muted">积分按户计算，全家人得的积分都在这里。</Text>
    </Page>
  );
}
