import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../api/index.js';
import { Spinner } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { useSession } from '../../lib/pageHooks.js';
import { store, useAppState } from '../../lib/store.js';
import { homeOf } from '../../lib/workspaces.js';
import { LinkForm } from './LinkForm.js';
import { RegionGranted, type RegionGrant } from './RegionGranted.js';

/** 账号绑定 for a WeChat account nobody has linked yet; once linked, who it belongs to. */
export default function LinkPage() {
  const me = useSession();
  const { workspace } = useAppState();
  const [region, setRegion] = useState<RegionGrant | null>(null);
  if (region) return <RegionGranted grant={region} home={homeOf(workspace)} />;
  if (!me) {
    return (
      <Page>
        <Spinner />
      </Page>
    );
  }
  if (me.linked) {
    return (
      <Page>
        <View className="card">
          <Text className="title">✅ 已经绑定好了</Text>
          <Text className="text">
            这个微信是 {me.resident?.name ?? me.user.name} 的账号
            {me.building ? `（${me.building.name} ${me.room ?? ''}）` : ''}。
          </Text>
          <Text className="muted">不是您家？请找网格员处理。</Text>
        </View>
        <Button className="btn btn--primary" onClick={() => void Taro.reLaunch({ url: homeOf(workspace) })}>
          回首页
        </Button>
      </Page>
    );
  }
  return (
    <Page>
      <LinkForm
        link={async (code) => {
          const answer = await api.link(code);
          // the roles and home page change with the household: ask again who I am
          store.signedIn(await api.me());
          if ('regionRole' in answer && answer.regionRole) setRegion(answer.regionRole);
        }}
      />
    </Page>
  );
}
