import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api/index.js';
import { session } from '../../api/http.js';
import { ActionButton } from '../../components/ActionButton.js';
import { Spinner } from '../../components/ListState.js';
import { Page } from '../../components/Page.js';
import { SubscribeOptIns } from '../../components/SubscribeOptIns.js';
import { cx } from '../../lib/cx.js';
import { useSession } from '../../lib/pageHooks.js';
import { POLICY_PAGES } from '../../lib/privacy.js';
import { store, useAppState } from '../../lib/store.js';
import { askToSubscribe, canSubscribe, SUBSCRIBE_TEMPLATE_IDS } from '../../lib/subscribe.js';
import { homeOf, PAGES, WORKSPACE_WORDS, workspacesOf } from '../../lib/workspaces.js';

/** Me: linking the account and the WeChat group, large text, which role I am working as, sign out. */
export default function MePage() {
  const me = useSession();
  const { largeText, workspace } = useAppState();
  if (!me) {
    return (
      <Page tab="me">
        <Spinner />
      </Page>
    );
  }
  const spaces = workspacesOf(me);
  const signOut = async () => {
    try {
      await api.auth.logout();
    } finally {
      session.set(undefined);
      store.signedOut();
      await Taro.reLaunch({ url: PAGES.login });
    }
  };
  return (
    <Page tab="me">
      <View className="card">
        <Text className="title">{me.resident?.name ?? me.user.name}</Text>
        <Text className="muted">{[me.community?.name, me.building?.name, me.room].filter(Boolean).join(' ')}</Text>
        <Text className="muted">身份：{spaces.map((w) => WORKSPACE_WORDS[w]).join('、')}</Text>
      </View>
      <View>
        {me.linked ? null : (
          <View className="choice" onClick={() => void Taro.navigateTo({ url: PAGES.link })} ariaRole="button">
            <View>
              <Text className="text">🔗 账号绑定</Text>
              <Text className="muted">输入网格员给的绑定码</Text>
            </View>
            <Text className="muted">›</Text>
          </View>
        )}
        <View className="choice" onClick={() => void Taro.navigateTo({ url: PAGES.myData })} ariaRole="button">
          <View>
            <Text className="text">📄 我的信息</Text>
            <Text className="muted">社区存了我家哪些信息，不对可以申请更正</Text>
          </View>
          <Text className="muted">›</Text>
        </View>
        <View className="choice" onClick={() => void Taro.navigateTo({ url: PAGES.groupCode })} ariaRole="button">
          <View>
            <Text className="text">💬 绑定微信群</Text>
            <Text className="muted">在楼栋群里查积分、报事</Text>
          </View>
          <Text className="muted">›</Text>
        </View>
        <View className="choice" onClick={() => void Taro.navigateTo({ url: POLICY_PAGES.privacy })} ariaRole="button">
          <View>
            <Text className="text">🔒 隐私政策</Text>
            <Text className="muted">用哪些信息、谁能看到、存多久</Text>
          </View>
          <Text className="muted">›</Text>
        </View>
        <View className="choice" onClick={() => void Taro.navigateTo({ url: POLICY_PAGES.terms })} ariaRole="button">
          <View>
            <Text className="text">📜 用户协议</Text>
          </View>
          <Text className="muted">›</Text>
        </View>
      </View>
      {/* WeChat only: the browser has no subscribe messages, so no switch there */}
      {me.linked && canSubscribe() ? <SubscribeOptIns templates={SUBSCRIBE_TEMPLATE_IDS} ask={askToSubscribe} /> : null}
      <View className="card setting">
        <View>
          <Text className="text">大字模式</Text>
          <Text className="muted">字更大，看得更清楚</Text>
        </View>
        <Switch checked={largeText} color="#b3121c" onChange={(e) => store.setLargeText(e.detail.value)} ariaLabel="大字模式" />
      </View>
      {spaces.length > 1 ? (
        <View className="card">
          <Text className="subtitle">切换身份</Text>
          {spaces.map((w) => (
            <View
              key={w}
              className={cx('choice', w === workspace && 'choice--on')}
              onClick={() => {
                store.chooseWorkspace(w);
                void Taro.reLaunch({ url: homeOf(w) });
              }}
              ariaRole="button"
            >
              <Text>{WORKSPACE_WORDS[w]}</Text>
              <Text className="muted">{w === workspace ? '正在使用' : '切换'}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <ActionButton kind="secondary" onPress={signOut}>
        退出登录
      </ActionButton>
    </Page>
  );
}
