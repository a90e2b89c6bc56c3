import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LinkResult } from '../../api/types.js';
import { Page } from '../../components/Page.js';
import { ROLE_WORDS } from '../../lib/words.js';

export type RegionGrant = NonNullable<Extract<LinkResult, { regionRole: unknown }>['regionRole']>;

/** After a 县/街道 invitation code: the official's work is in the console on a PC, not in the mini-program. */
export function RegionGranted({ grant, home }: { grant: RegionGrant; home: string }) {
  const role = ROLE_WORDS[grant.role as keyof typeof ROLE_WORDS] ?? grant.role;
  return (
    <Page>
      <View className="card">
        <Text className="title">✅ 您已是{grant.region.name}的{role}</Text>
        <Text className="text">请在电脑上打开「e家社区工作台」，选「扫码登录」，用这个微信扫一扫就能进。</Text>
      </View>
      <Button className="btn btn--primary" onClick={() => void Taro.reLaunch({ url: home })}>
        回首页
      </Button>
    </Page>
  );
}
