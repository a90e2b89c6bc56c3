// Started with the server: automatic notices and subscribe messages follow the
// domain events of this process, and the delivery worker posts queued notices
// through the WeCom robots and, once it runs, the group bot.
import type { Deps } from '../context.js';
import { registerAutomaticNotices } from './automatic.js';
import { registerBotAlerts } from './botAlerts.js';
import type { Channel } from './channel.js';
import { DeliveryWorker } from './deliveryWorker.js';
import { registerEscalationAlerts } from './escalationAlerts.js';
import { FakeSubscribeMessenger, HttpSubscribeMessenger, registerSubscribeMessages } from './subscribe.js';
import { WeComWebhookChannel } from './wecom.js';

function registerNoticeListeners(deps: Deps) {
  registerAutomaticNotices(deps);
  const { appId, secret } = deps.config.wechat;
  if (appId && secret) {
    const messenger = new HttpSubscribeMessenger(deps, appId, secret);
    registerSubscribeMessages(deps, messenger, deps.config.subscribeTemplates);
    registerEscalationAlerts(deps, messenger, deps.config.subscribeTemplates);
    registerBotAlerts(deps, messenger, deps.config.subscribeTemplates);
  } else {
    // development: the fake takes the messages; every template counts as configured
    const fake = new FakeSubscribeMessenger();
    const send = fake.send.bind(fake);
    fake.send = async (m) => {
      await send(m);
      deps.logger.info({ template: m.templateId, page: m.page }, '[DEMO] subscribe message (not sent to WeChat)');
    };
    const devTemplates = { order_status: 'dev-order-status', emergency_notice: 'dev-emergency-notice' };
    registerSubscribeMessages(deps, fake, devTemplates);
    registerEscalationAlerts(deps, fake, devTemplates);
    registerBotAlerts(deps, fake, devTemplates);
  }
}

/**
 * The listeners from now on (call it before the first request), the delivery
 * worker when `startDelivery` is given the group bot's channel, if any: the bot
 * may take a while to start, and no event may be missed meanwhile.
 */
export function startNotices(deps: Deps): { startDelivery(botChannels: Channel[]): void; stop(): Promise<void> } {
  registerNoticeListeners(deps);
  let worker: DeliveryWorker | null = null;
  return {
    startDelivery(botChannels) {
      if (!deps.config.notices.worker || worker) return;
      const w = new DeliveryWorker(deps, { channels: [new WeComWebhookChannel(fetch, deps.config.notices.wecomBaseUrl), ...botChannels] });
      deps.events.on('notice.queued', () => w.wake());
      w.start();
      worker = w;
    },
    async stop() {
      await worker?.stop();
    },
  };
}
