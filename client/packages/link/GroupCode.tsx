import { Button, Text, View } from '@tarojs/components';
import type { LinkCode } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { timeWords } from '../../lib/words.js';

/**
 * 绑定微信群: the line to send in the building's WeChat group (`#绑定 <code>`),
 * so the group bot knows who is who and answers #积分 and #报修.
 */
export function GroupCode({ code, onCopy, onRenew }: { code: LinkCode; onCopy: (text: string) => void; onRenew: () => Promise<unknown> }) {
  const line = `#绑定 ${code.code}`;
  return (
    <View className="card">
      <Text className="title">绑定微信群</Text>
      <Text className="text">在楼栋微信群里发下面这句话，群里的机器人就认得您了。以后在群里发“#积分”能查积分，发“#报修 ……”能报事。</Text>
      <View className="say" ariaLabel={line}>
        <Text className="say__line">{line}</Text>
      </View>
      <Text className="muted">这个码只能用一次，{timeWords(code.expiresAt)} 以前有效（10 分钟）。</Text>
      <Button className="btn btn--primary" onClick={() => onCopy(line)}>
        复制这句话
      </Button>
      <View className="steps-list">
        <Text className="text">1. 点上面的“复制这句话”</Text>
        <Text className="text">2. 打开楼栋微信群，长按输入框，粘贴，发送</Text>
        <Text className="text">3. 机器人回复“绑定成功”就好了</Text>
      </View>
      <ActionButton kind="secondary" onPress={onRenew}>
        过期了，换一个新码
      </ActionButton>
    </View>
  );
}
