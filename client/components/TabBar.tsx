import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { cx } from '../lib/cx.js';
import { tabsOf, type Workspace } from '../lib/workspaces.js';

/**
 * Drawn by us rather than WeChat's tabBar: WeChat's is one fixed list for
 * everyone and must live in the main package; ours fits the role.
 */
export function TabBar({ workspace, current, go = (url: string) => Taro.redirectTo({ url }) }: { workspace: Workspace; current: string; go?: (url: string) => unknown }) {
  return (
    <View className="tabbar">
      {tabsOf(workspace).map((t) => (
        <View
          key={t.key}
          className={cx('tabbar__item', t.key === current && 'tabbar__item--on')}
          onClick={() => (t.key === current ? undefined : go(t.url))}
          ariaRole="link"
          ariaLabel={t.text}
        >
          <Text className="tabbar__icon">{t.icon}</Text>
          <Text className="tabbar__text">{t.text}</Text>
        </View>
      ))}
    </View>
  );
}
