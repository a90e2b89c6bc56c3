import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { CONSENT_VERSIONS } from '../../../shared/consent.js';
import { FormProblem } from '../../api/errors.js';
import { api } from '../../api/index.js';
import type { CorrectionInput } from '../../api/types.js';
import { ActionButton } from '../../components/ActionButton.js';
import { CORRECTION_LIMITS } from '../../../shared/limits.js';

/**
 * Sensitive personal information (PIPL Art. 28) a resident may write here themselves: an ID number,
 * a disability, 低保 or 防返贫监测, an illness. Writing it asks for a separate tick (Art. 29).
 */
export const SENSITIVE_WORDS = /身份证|\d{15}|\d{17}[\dXx]|残疾|残障|低保|特困|监测|病|医院|住院|药|怀孕|宗教|信仰|银行卡|存折/;
export const SENSITIVE_TICK = '我同意社区为更正我家的信息，处理我在上面写的敏感个人信息（如身份证号、残疾、低保、病情），不作别的用途。';

/**
 * 信息有误，申请更正 (PIPL Art. 46): which item is wrong (filled in from the part
 * tapped, and can be changed) and what is right, in the resident's own words.
 */
export function CorrectionForm({
  item: first,
  send,
  onBack,
  consentToSensitive = () => api.consent('sensitive_info', CONSENT_VERSIONS.sensitive_info),
}: {
  item: string;
  send: (body: CorrectionInput) => Promise<unknown>;
  onBack: () => void;
  /** records the separate tick on the server (POST /api/me/consents) before the request goes */
  consentToSensitive?: () => Promise<unknown>;
}) {
  const [item, setItem] = useState(first);
  const [correction, setCorrection] = useState('');
  const [ticked, setTicked] = useState(false);
  const sensitive = SENSITIVE_WORDS.test(`${item} ${correction}`);
  const submit = async () => {
    const body = { item: item.trim(), correction: correction.trim() };
    if (body.item.length < CORRECTION_LIMITS.item.min) throw new FormProblem('请写是哪一项不对。');
    if (body.correction.length < CORRECTION_LIMITS.correction.min) throw new FormProblem('请写正确的应该是什么。');
    if (sensitive) {
      if (!ticked) throw new FormProblem('这里写了敏感信息，请先勾选上面的“我同意”，或者改成到社区当面说。');
      await consentToSensitive();
    }
    await send(body);
  };
  return (
    <View className="card">
      <Text className="title">信息有误，申请更正</Text>
      <Text className="text">写清楚哪一项不对、正确的是什么，交给社区。社区核对以后帮您改正，办理进度在「我的报事」里能看到。</Text>
      <Text className="field-label">哪一项不对</Text>
      <Input className="input" value={item} maxlength={CORRECTION_LIMITS.item.max} placeholder="比如：电话" onInput={(e) => setItem(e.detail.value)} />
      <Text className="field-label">正确的应该是</Text>
      <Textarea
        className="textarea"
        value={correction}
        maxlength={CORRECTION_LIMITS.correction.max}
        placeholder="比如：我的电话换了，新号码是 138…"
        onInput={(e) => setCorrection(e.detail.value)}
      />
      {sensitive ? (
        <View className={`choice${ticked ? ' choice--on' : ''}`} onClick={() => setTicked(!ticked)} ariaRole="checkbox">
          <Text className="text">{`${ticked ? '☑' : '☐'} ${SENSITIVE_TICK}`}</Text>
        </View>
      ) : null}
      <ActionButton onPress={submit}>交给社区</ActionButton>
      <ActionButton kind="secondary" onPress={async () => onBack()}>
        不改了，返回
      </ActionButton>
    </View>
  );
}
