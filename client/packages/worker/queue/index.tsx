import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../api/index.js';
import { ListHead } from '../../../components/ListHead.js';
import { ListState } from '../../../components/ListState.js';
import { OrderCard } from '../../../components/OrderCard.js';
import { Page } from '../../../components/Page.js';
import { useRefresh, useSession } from '../../../lib/pageHooks.js';
import { mergeById, nextDeadline, sortQueue } from '../../../lib/queue.js';
import { useRemote } from '../../../lib/useRemote.js';
import { when } from '../../../lib/words.js';
import { PAGES } from '../../../lib/workspaces.js';

/**
 * What a grid worker has to do: the requests dispatched to them, plus their
 * grid's emergencies that nobody has dispatched yet (claimable at once).
 * Emergencies on top, then the overdue, then by the nearest deadline.
 */
export default function WorkerQueue() {
  useSession();
  const queue = useRemote(async () => {
    const [mine, urgent] = await Promise.all([
      // 待补充 stays on the list: the answer may come any time
      api.orders.list({ mine: true, status: ['dispatched', 'accepted', 'reopened', 'awaiting_info'], limit: 100 }),
      api.orders.list({ status: ['submitted'], urgency: 'emergency', limit: 50 }),
    ]);
    return sortQueue(mergeById(mine.items, urgent.items));
  }, []);
  useRefresh(queue.reload);
  const items = queue.data ?? [];
  return (
    <Page tab="queue">
      <ListHead title="我的任务" loading={queue.loading} onRefresh={() => void queue.reload()} />
      <ListState loading={queue.loading} error={queue.error} empty={!items.length} emptyText="手上没有要办的事。" onRetry={() => void queue.reload()}>
        {items.map((o) => (
          <OrderCard key={o.id} order={o} showResident onOpen={() => void Taro.navigateTo({ url: `${PAGES.workerTask}?id=${o.id}` })}>
            {o.status === 'awaiting_info' ? (
              <Text className="text">等居民补充情况（计时暂停）</Text>
            ) : (
              <Text className="text">
                请在 {when(nextDeadline(o))} 前{o.status === 'accepted' ? '办好' : '接单'}
              </Text>
            )}
          </OrderCard>
        ))}
      </ListState>
      <View className="subtitle" />
      <Button className="btn btn--secondary" onClick={() => void Taro.navigateTo({ url: `${PAGES.raise}?for=neighbour` })}>
        📝 帮居民报事
      </Button>
      {/* 民情日志 and 就业摸底 (issue #20) */}
      <Button className="btn btn--secondary" onClick={() => void Taro.navigateTo({ url: PAGES.workerLog })}>
        🗒️ 写民情日志
      </Button>
      <Button className="btn btn--secondary" onClick={() => void Taro.navigateTo({ url: PAGES.workerSurvey })}>
        📋 本月就业摸底
      </Button>
    </Page>
  );
}
