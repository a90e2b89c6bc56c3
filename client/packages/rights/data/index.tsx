import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../../api/index.js';
import type { CorrectionInput, MyDataCopy, OrderDetail } from '../../../api/types.js';
import { ActionButton } from '../../../components/ActionButton.js';
import { ListState } from '../../../components/ListState.js';
import { Page } from '../../../components/Page.js';
import { useSession } from '../../../lib/pageHooks.js';
import { useRemote } from '../../../lib/useRemote.js';
import { PAGES } from '../../../lib/workspaces.js';
import { dayWords, when } from '../../../lib/words.js';
import { CorrectionForm } from '../CorrectionForm.js';
import { MyDataView } from '../MyDataView.js';
import { SAVED_WORDS, saveCopy } from '../saveCopy.js';
import '../rights.scss';

/** 我的信息 (PIPL Art. 45–46): what the community holds about me, a copy to keep, and 申请更正. */
export default function MyDataPage() {
  const me = useSession();
  const remote = useRemote(() => api.myData(), [], Boolean(me));
  return (
    <Page>
      <MyData
        copy={remote.data}
        loading={remote.loading}
        error={remote.error}
        reload={remote.reload}
        linked={me?.linked ?? false}
        ask={(body) => api.askCorrection(body)}
        openOrder={(id) => void Taro.navigateTo({ url: `${PAGES.order}?id=${id}` })}
      />
    </Page>
  );
}

/** The page without its data source, for the tests. */
export function MyData({
  copy,
  loading,
  error,
  reload,
  linked,
  ask,
  openOrder,
  save = saveCopy,
}: {
  copy: MyDataCopy | undefined;
  loading: boolean;
  error: string | null;
  reload: () => unknown;
  linked: boolean;
  ask: (body: CorrectionInput) => Promise<OrderDetail>;
  openOrder: (id: string) => void;
  save?: (copy: MyDataCopy) => Promise<keyof typeof SAVED_WORDS>;
}) {
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [sent, setSent] = useState<OrderDetail | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // the form and the answer replace a long page: start them at its top
  const scrollTop = () => {
    try {
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch {
      // no page to scroll (tests)
    }
  };

  if (sent) {
    return (
      <View className="card">
        <Text className="title">✅ 已经交给社区了</Text>
        <Text className="text">社区会核对以后帮您改正，最晚 {dayWords(sent.resolveDueAt)}办好。办理进度在「我的报事」里能看到。</Text>
        <Button className="btn btn--primary" onClick={() => openOrder(sent.id)}>
          看办理进度
        </Button>
        <Button className="btn btn--secondary" onClick={() => setSent(null)}>
          回到我的信息
        </Button>
      </View>
    );
  }
  if (correcting !== null) {
    return (
      <CorrectionForm
        item={correcting}
        send={async (body) => {
          setSent(await ask(body));
          setCorrecting(null);
          scrollTop();
        }}
        onBack={() => setCorrecting(null)}
      />
    );
  }
  if (!copy) {
    return (
      <ListState loading={loading} error={error} empty emptyText="还没有取到您的信息" onRetry={() => void reload()}>
        {null}
      </ListState>
    );
  }
  const correct = (item: string) => {
    setCorrecting(item);
    scrollTop();
  };
  return (
    <View>
      <View className="card">
        <Text className="text">
          这里是社区存着的关于您和您家的全部信息。{linked ? '哪一条不对，点它下面的「这条不对」，社区会帮您核对改正。' : ''}
        </Text>
        <Text className="muted mydata__made">整理时间：{when(copy.madeAt)}</Text>
        <ActionButton
          onPress={async () => {
            setSaved(null);
            setSaved(SAVED_WORDS[await save(copy)] || null);
          }}
        >
          📥 保存一份我的信息
        </ActionButton>
        {saved ? <Text className="ok-note">{saved}</Text> : null}
        {linked ? (
          <Button className="btn btn--secondary" onClick={() => correct('')}>
            ✏️ 信息有误，申请更正
          </Button>
        ) : null}
      </View>
      <MyDataView copy={copy} onCorrect={linked ? correct : null} />
    </View>
  );
}
