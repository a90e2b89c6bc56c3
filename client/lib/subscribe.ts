// WeChat subscribe messages (订阅消息): a resident allows one message at a time
// in wx.requestSubscribeMessage; the server sends it when their request moves on
// or an emergency notice goes out (server/notices/subscribe.ts). Only on WeChat:
// the browser has no such thing, so there the switch is not shown.
import Taro from '@tarojs/taro';
import { api } from '../api/index.js';
import type { SubscribeTemplate } from '../api/types.js';

/**
 * The template ids configured for this build (config/index.ts, from the same
 * WECHAT_SUBSCRIBE_TEMPLATE_* variables as the server); none unset.
 */
export const SUBSCRIBE_TEMPLATE_IDS: Partial<Record<SubscribeTemplate, string>> =
  typeof EJIA_SUBSCRIBE_TEMPLATES === 'undefined' ? {} : EJIA_SUBSCRIBE_TEMPLATES;

export const canSubscribe = () => process.env.TARO_ENV === 'weapp' && Object.values(SUBSCRIBE_TEMPLATE_IDS).some(Boolean);

/** wx.requestSubscribeMessage: for each template id, 'accept', 'reject', 'ban' or 'filter'. */
export async function askToSubscribe(tmplIds: string[]): Promise<Record<string, string>> {
  const answer = await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
  return answer as unknown as Record<string, string>;
}

/** The messages a new order will need: its status (派单, 接单, 办结 and 请评价). */
export const ORDER_TEMPLATES: SubscribeTemplate[] = ['order_status'];

/**
 * Asked inside the 提交 tap of a new order (WeChat allows wx.requestSubscribeMessage only in a
 * tap), before the order is sent: the resident sees the question where it makes sense, "tell me
 * how this goes". The ones allowed are reported to the server (one message each); the server
 * keeps the last one for 办结/请评价 (server/notices/subscribe.ts). Never stops the filing: a
 * refusal, a closed dialog or a failed report only means no WeChat message.
 */
export async function subscribeForNewOrder(
  ask: (tmplIds: string[]) => Promise<Record<string, string>> = askToSubscribe,
  report: (accepted: SubscribeTemplate[]) => Promise<unknown> = (accepted) => api.notices.optIn(accepted),
  templates: Partial<Record<SubscribeTemplate, string>> = SUBSCRIBE_TEMPLATE_IDS,
): Promise<SubscribeTemplate[]> {
  const wanted = ORDER_TEMPLATES.filter((t) => templates[t]);
  if (!wanted.length) return [];
  try {
    const answer = await ask(wanted.map((t) => templates[t]!));
    const accepted = wanted.filter((t) => answer[templates[t]!] === 'accept');
    if (accepted.length) await report(accepted);
    return accepted;
  } catch {
    return [];
  }
}
