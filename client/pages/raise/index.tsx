import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { api } from '../../api/index.js';
import type { OrderDetail } from '../../api/types.js';
import { ListState, Spinner } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { useParam, useSession } from '../../lib/pageHooks.js';
import { useRemote } from '../../lib/useRemote.js';
import { useAppState } from '../../lib/store.js';
import { canFileForOthers, homeOf, PAGES } from '../../lib/workspaces.js';
import { RaiseWizard } from './RaiseWizard.js';

export default function Raise() {
  const me = useSession();
  const { workspace } = useAppState();
  const forNeighbour = useParam('for') === 'neighbour' && canFileForOthers(workspace);
  const categories = useRemote(() => api.categories(), []);
  const [done, setDone] = useState<OrderDetail | null>(null);
  const searchResidents = useCallback((q: string) => api.org.residents(q ? { q } : {}), []);

  if (!me) {
    return (
      <Page>
        <Spinner />
      </Page>
    );
  }
  if (done) {
    return (
      <Page>
        <View className="card">
          <Text className="title">✅ 已经提交了</Text>
          <Text className="text">
            {done.urgency === 'emergency' ? '紧急的事，网格员会在 10 分钟内接单。' : '社区会尽快安排网格员来办，办好了会请您评价。'}
          </Text>
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
        <RaiseWizard categories={categories.data ?? []} forNeighbour={forNeighbour} searchResidents={searchResidents} submit={(b) => api.orders.submit(b)} onDone={setDone} />
      </ListState>
    </Page>
  );
}
