import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../../api/errors.js';
import { ActionButton } from '../../components/ActionButton.js';
import { LINK_CODE_LENGTH } from '../../../shared/limits.js';

/** What people type, the way the server reads it: spaces dropped, letters in capitals. */
export const normaliseCode = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

/**
 * 账号绑定: the one-time code the grid worker or staff gave the resident (on a
 * slip of paper, or read out on the phone) links this WeChat account to them.
 */
export function LinkForm({ link }: { link: (code: string) => Promise<unknown> }) {
  const [code, setCode] = useState('');
  const send = async () => {
    const c = normaliseCode(code);
    if (c.length < LINK_CODE_LENGTH.min) throw new FormProblem('请输入网格员给您的绑定码。');
    await link(c);
  };
  return (
    <View className="card">
      <Text className="title">账号绑定</Text>
      <Text className="text">请输入网格员或社区干部给您的绑定码。绑定以后，就能报事、查积分、报名培训了。</Text>
      <Text className="field-label">绑定码（8 位字母和数字）</Text>
      <Input
        className="input input--code"
        value={code}
        maxlength={LINK_CODE_LENGTH.max}
        placeholder="比如 7K3M9QXA"
        onInput={(e) => setCode(e.detail.value.toUpperCase())}
      />
      <Text className="muted">没有绑定码？请找您所在网格的网格员，或者到社区服务中心。</Text>
      <ActionButton onPress={send}>绑定</ActionButton>
    </View>
  );
}
