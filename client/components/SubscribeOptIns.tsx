import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormProblem } from '../api/errors.js';
import { api } from '../api/index.js';
import type { SubscribeTemplate } from '../api/types.js';
import { useRemote } from '../lib/useRemote.js';
import { ActionButton } from './ActionButton.js';

export const SUBSCRIBE_WORDS: Record<SubscribeTemplate, { label: string; sub: string }> = {
  order_status: { label: '报事进度', sub: '您报的事有人接单、办好了' },
  emergency_notice: { label: '紧急通知', sub: '停水停电、防汛等紧急通知' },
};

/**
 * 微信提醒: WeChat lets a mini-program send one message per “允许” the person taps.
 * One tap asks for every configured template; the ones allowed are reported to
 * the server, which then has one message each to send. `ask` is
 * wx.requestSubscribeMessage (answers 'accept' per allowed template id).
 */
export function SubscribeOptIns({ templates, ask }: { templates: Partial<Record<SubscribeTemplate, string>>; ask: (tmplIds: string[]) => Promise<Record<string, string>> }) {
  const configured = (Object.entries(templates) as Array<[SubscribeTemplate, string | undefined]>).filter((e): e is [SubscribeTemplate, string] => Boolean(e[1]));
  const counts = useRemote(() => api.notices.optIns(), [], configured.length > 0);
  const [done, setDone] = useState<string | null>(null);
  if (!configured.length) return null;

  const allow = async () => {
    setDone(null);
    let answer: Record<string, string>;
    try {
      answer = await ask(configured.map(([, id]) => id));
    } catch {
      throw new FormProblem('微信没有弹出提醒设置。请在微信“我 → 设置 → 消息通知”里打开通知后再试。');
    }
    const accepted = configured.filter(([, id]) => answer[id] === 'accept').map(([t]) => t);
    if (!accepted.length) throw new FormProblem('您没有点“允许”，收不到微信提醒。想收的话再点一次。');
    counts.setData(await api.notices.optIn(accepted));
    setDone(`好的，${accepted.map((t) => SUBSCRIBE_WORDS[t].label).join('、')}会用微信提醒您。`);
  };

  return (
    <View className="card">
      <Text className="subtitle">🔔 微信提醒</Text>
      {configured.map(([t]) => (
        <View key={t} className="kv">
          <Text className="kv__k">{SUBSCRIBE_WORDS[t].label}</Text>
          <Text className="kv__v">
            {SUBSCRIBE_WORDS[t].sub}
            {counts.data ? `（还能提醒 ${counts.data[t]} 次）` : ''}
          </Text>
        </View>
      ))}
      {counts.error ? <Text className="error-note">{counts.error}</Text> : null}
      {done ? <Text className="ok-note">{done}</Text> : null}
      <ActionButton kind="secondary" onPress={allow}>
        接收微信提醒
      </ActionButton>
      <Text className="muted">微信规定：每点一次“允许”，能收到一次提醒。</Text>
    </View>
  );
}
