import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '../../components/BigButton.js';
import { Spinner } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { UPCOMING_SERVICES } from '../../lib/features.js';
import { useSession } from '../../lib/pageHooks.js';
import { useAppState } from '../../lib/store.js';
import { PAGES } from '../../lib/workspaces.js';

/** A resident's (and building head's) home: a few big buttons, nothing to read through. */
export default function Home() {
  const me = useSession();
  const { workspace } = useAppState();
  if (!me) {
    return (
      <Page tab="home">
        <Spinner />
      </Page>
    );
  }
  const name = me.resident?.name ?? me.user.name;
  return (
    <Page tab="home">
      <Text className="greeting">{name}，您好！</Text>
      <Text className="muted">
        {[me.community?.name, me.building?.name, me.room].filter(Boolean).join(' ')}
      </Text>
      <View className="subtitle" />
      {me.linked ? (
        <BigButton primary icon="📝" label="我要报事" sub="家里、楼里有事，告诉社区" onPress={() => void Taro.navigateTo({ url: PAGES.raise })} />
      ) : (
        // a new WeChat user: the server cannot know their household until staff link it
        <Text className="hint">您的微信还没有和住户信息关联，暂时还不能报事。请找楼栋长或网格员帮您关联；有急事可以请他们代您报。</Text>
      )}
      {workspace === 'buildingHead' ? (
        <BigButton icon="🤝" label="帮邻居报事" sub="替不方便用手机的邻居报" onPress={() => void Taro.navigateTo({ url: `${PAGES.raise}?for=neighbour` })} />
      ) : null}
      <BigButton icon="📋" label="我的报事" sub="看看办到哪一步了" onPress={() => void Taro.redirectTo({ url: PAGES.orders })} />
      {/* EXTENSION POINT (lib/features.ts): 找工作, 培训报名, 我的积分 and the building's notices, once their APIs exist */}
      {UPCOMING_SERVICES.filter((s) => s.available).map((s) => (
        <BigButton key={s.key} icon={s.icon} label={s.label} sub={s.sub} onPress={() => void Taro.navigateTo({ url: s.url })} />
      ))}
    </Page>
  );
}
