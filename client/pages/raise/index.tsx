import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { api } from '../../api/index.js';
import type { OrderBrief, OrderDetail } from '../../api/types.js';
import { ListState, Spinner } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { useParam, useSession } from '../../lib/pageHooks.js';
import { useRemote } from '../../lib/useRemote.js';
import { canSubscribe, subscribeForNewOrder } from '../../lib/subscribe.js';
import { when, withinWords } from '../../lib/words.js';
import { useAppState } from '../../lib/store.js';
import { canFileForOthers, homeOf, PAGES } from '../../lib/workspaces.js';
import { RaiseWizard } from './RaiseWizard.js';

export default function Raise() {
  const me = useSession();
  const { workspace } = useAppState();
  const forNeighbour = useParam('for') === 'neighbour' && canFileForOthers(workspace);
  const categories = useRemote(() => api.categories(), []);
  const [done, setDone] = useState<OrderDetail | null>(null);
  // 是不是这件事？ answered with 我也遇到了: the neighbour's request the household joined
  const [joined, setJoined] = useState<OrderBrief | null>(null);
  const searchResidents = useCallback((q: string) => api.org.residents(q ? { q } : {}), []);

  if (!me) {
    return (
      <Page>
        <Spinner />
      </Page>
    );
  }
  if (joined) {
    return (
      <Page>
        <View className="card">
          <Text className="title">✅ 已经记下了</Text>
          <Text className="text">您和邻居反映的是同一件事，社区会一起办。现在共有 {joined.joined + 1} 户反映了这件事，办理进度会通知您。</Text>
          <Button className="btn btn--primary" onClick={() => void Taro.redirectTo({ url: `${PAGES.order}?id=${joined.id}&joined=1` })}>
            看办理进度
          </Button>
          <Button className="btn btn--secondary" onClick={() => void Taro.reLaunch({ url: homeOf(workspace) })}>
            回首页
          </Button>
        </View>
      </Page>
    );
  }
  if (done) {
    return (
      <Page>
        <View className="card">
          <Text className="title">✅ 已经提交了</Text>
          {/* by when someone will come, from the order's own deadlines (its category's service levels) */}
          <View className="due">
            <Text className="due__line">
              {done.urgency === 'emergency' ? '🚨 紧急的事：' : ''}网格员会在 <Text className="due__strong">{withinWords(done.createdAt, done.responseDueAt)}</Text>（{when(done.responseDueAt)} 前）接单，和您联系。
            </Text>
            <Text className="due__line">
              最晚 <Text className="due__strong">{when(done.resolveDueAt)}</Text> 前办好，办好了会请您评价。
            </Text>
          </View>
          <Button className="btn btn--primary" onClick={() => void Taro.redirectTo({ url: `${PAGES.order}?id=${done.id}` })}>
            看办理进度
          </Button>
          <Button className="btn btn--secondary" onClick={() => void Taro.reLaunch({ url: homeOf(workspace) })}>
            回首页
          </Button>
        </View>
      </Page>
    );
  }
  return (
    <Page>
      <ListState loading={categories.loading} error={categories.error} empty={!categories.data?.length} emptyText="社区还没有设置可以报的事项" onRetry={() => void categories.reload()}>
        <RaiseWizard
          categories={categories.data ?? []}
          forNeighbour={forNeighbour}
          searchResidents={searchResidents}
          submit={(b) => api.orders.submit(b)}
          onDone={setDone}
          findSimilar={(q) => api.orders.similar(q)}
          joinOrder={(orderId) => api.orders.join(orderId)}
          onJoined={setJoined}
          // WeChat only, with templates configured: ask at the 提交 tap for this order's messages
          askSubscribe={canSubscribe() ? () => subscribeForNewOrder() : undefined}
        />
      </ListState>
    </Page>
  );
}
