import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PAGES } from '../lib/workspaces.js';
import { BigButton } from './BigButton.js';

/** For a WeChat account nobody has linked to a resident yet: what they cannot do, and how to fix it. */
export function LinkPrompt({ what }: { what: string }) {
  return (
    <View>
      <Text className="hint">
        您的微信还没有和住户信息关联，暂时还不能{what}。请找网格员要一个绑定码，输入以后就能用了。
      </Text>
      <BigButton primary icon="🔗" label="账号绑定" sub="输入网格员给的绑定码" onPress={() => void Taro.navigateTo({ url: PAGES.link })} />
    </View>
  );
}
