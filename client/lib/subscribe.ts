// WeChat subscribe messages (订阅消息): a resident allows one message at a time
// in wx.requestSubscribeMessage; the server sends it when their request moves on
// or an emergency notice goes out (server/notices/subscribe.ts). Only on WeChat:
// the browser has no such thing, so there the switch is not shown.
import Taro from '@tarojs/taro';
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
