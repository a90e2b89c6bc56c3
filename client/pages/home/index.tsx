import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import { BigButton } from '../../components/BigButton.js';
import { Spinner } from '../../components/ListState.js';
import { NoticeCard } from '../../components/NoticeCard.js';
import { Page } from '../../components/Page.js';
import { NOTICES_ON_HOME, RESIDENT_SERVICES } from '../../lib/features.js';
import { useRefresh, useSession } from '../../lib/pageHooks.js';
import { useAppState } from '../../lib/store.js';
import { useRemote } from '../../lib/useRemote.js';
import { PAGES } from '../../lib/workspaces.js';
import { LargeTextOnHome } from './LargeText.js';

/** A resident's (and building head's) home: a few big buttons, nothing to read through, then the building's latest notices. */
export default function Home() {
  const me = useSession();
  const { workspace, largeText } = useAppState();
  const linked = me?.linked === true;
  const notices = useRemote(() => api.notices.list({ limit: NOTICES_ON_HOME }), [], linked);
  useRefresh(notices.reload);
  if (!me) {
    return (
      <Page tab="home">
        <Spinner />
      </Page>
    );
  }
  const name = me.resident?.name ?? me.user.name;
  const latest = notices.data?.items ?? [];
  const unread = notices.data?.unreadCount ?? 0;
  const openNotice = (id: string) => void Taro.navigateTo({ url: `${PAGES.notice}?id=${id}` });
  // an emergency nobody has read yet goes above everything else
  const alarm = latest.find((n) => n.urgent && n.unread);
  return (
    <Page tab="home">
      <Text className="greeting">{name}，您好！</Text>
      <Text className="muted">{[me.community?.name, me.building?.name, me.room].filter(Boolean).join(' ')}</Text>
      <LargeTextOnHome largeText={largeText} />
      <View className="subtitle" />
      {alarm ? <NoticeCard notice={alarm} onOpen={() => openNotice(alarm.id)} /> : null}
      {linked ? (
        <BigButton primary icon="📝" label="我要报事" sub="家里、楼里有事，告诉社区" onPress={() => void Taro.navigateTo({ url: PAGES.raise })} />
      ) : (
        // a new WeChat user: the server cannot know their household until they enter the code from their grid worker
        <View>
          <Text className="hint">您的微信还没有和住户信息关联，暂时还不能报事。请找网格员要一个绑定码；有急事可以请楼栋长或网格员代您报。</Text>
          <BigButton primary icon="🔗" label="账号绑定" sub="输入网格员给的绑定码" onPress={() => void Taro.navigateTo({ url: PAGES.link })} />
        </View>
      )}
      {workspace === 'buildingHead' ? (
        <View>
          <BigButton icon="🤝" label="帮邻居报事" sub="替不方便用手机的邻居报" onPress={() => void Taro.navigateTo({ url: `${PAGES.raise}?for=neighbour` })} />
          <BigButton icon="🔦" label="楼道巡查" sub="消防通道、楼道灯、电梯…一项项看" onPress={() => void Taro.navigateTo({ url: '/packages/head/patrol/index' })} />
          <BigButton icon="📣" label="通知告知情况" sub="哪些户还不知道，告知了点一下" onPress={() => void Taro.navigateTo({ url: '/packages/head/told/index' })} />
        </View>
      ) : null}
      <BigButton icon="📋" label="我的报事" sub="看看办到哪一步了" onPress={() => void Taro.redirectTo({ url: PAGES.orders })} />
      {linked
        ? RESIDENT_SERVICES.filter((s) => s.available).map((s) => (
            <BigButton key={s.key} icon={s.icon} label={s.label} sub={s.sub} onPress={() => void Taro.navigateTo({ url: s.url })} />
          ))
        : null}
      {linked ? (
        <View className="home-notices">
          <View className="list-head">
            <Text className="title">📢 社区通知</Text>
            {unread ? <Text className="badge badge--new">{unread} 条没看</Text> : null}
          </View>
          {notices.error ? <Text className="error-note">{notices.error}</Text> : null}
          {notices.loading && !notices.data ? <Spinner /> : null}
          {notices.data && !latest.length ? <Text className="muted">还没有通知。</Text> : null}
          {latest
            .filter((n) => n !== alarm)
            .map((n) => (
              <NoticeCard key={n.id} notice={n} onOpen={() => openNotice(n.id)} />
            ))}
          {latest.length ? (
            <Button className="btn btn--secondary" onClick={() => void Taro.navigateTo({ url: PAGES.notices })}>
              看全部通知
            </Button>
          ) : null}
        </View>
      ) : null}
    </Page>
  );
}
