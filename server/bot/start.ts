// Started by `npm start`: the group bot (a real puppet, or the demo on the mock)
// the delivery worker that posts notices through it and the WeCom robots, and
// the listeners for automatic notices and subscribe messages.
import { WechatyBuilder, type PuppetModuleName } from 'wechaty';
import type { Deps } from '../context.js';
import type { Channel } from '../notices/channel.js';
import { registerAutomaticNotices } from '../notices/automatic.js';
import { DeliveryWorker } from '../notices/deliveryWorker.js';
import { FakeSubscribeMessenger, HttpSubscribeMessenger, registerSubscribeMessages } from '../notices/subscribe.js';
import { WeComWebhookChannel } from '../notices/wecom.js';
import { startDemoBot } from './demo.js';
import { GroupBot } from './groupBot.js';

async function startBot(deps: Deps): Promise<GroupBot | null> {
  const { bot, production } = deps.config;
  if (!bot.enabled) return null;
  if (bot.puppet) {
    const wechaty = WechatyBuilder.build({
      name: 'ejia-group-bot', // the puppet keeps its login session under this name
      puppet: bot.puppet as PuppetModuleName,
      ...(bot.token ? { puppetOptions: { token: bot.token } } : {}),
    });
    const b = new GroupBot(deps, wechaty, { mode: 'wechat' });
    await b.start();
    deps.logger.info({ puppet: bot.puppet }, 'group bot started');
    return b;
  }
  if (production) {
    deps.logger.warn('WECHATY_PUPPET is not set: no group bot (WeCom robot groups still get their notices)');
    return null;
  }
  return startDemoBot(deps);
}

/** Automatic notices and subscribe messages follow the domain events of this process. */
function registerNoticeListeners(deps: Deps) {
  registerAutomaticNotices(deps);
  const { appId, secret } = deps.config.wechat;
  if (appId && secret) {
    registerSubscribeMessages(deps, new HttpSubscribeMessenger(deps, appId, secret), deps.config.subscribeTemplates);
  } else {
    // development: the fake takes the messages; every template counts as configured
    const fake = new FakeSubscribeMessenger();
    const send = fake.send.bind(fake);
    fake.send = async (m) => {
      await send(m);
      deps.logger.info({ template: m.templateId, page: m.page }, '[DEMO] subscribe message (not sent to WeChat)');
    };
    registerSubscribeMessages(deps, fake, { order_status: 'dev-order-status', emergency_notice: 'dev-emergency-notice' });
  }
}

export async function startBotAndWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  registerNoticeListeners(deps);
  const bot = await startBot(deps);
  const channels: Channel[] = [new WeComWebhookChannel(), ...(bot ? [bot.channel] : [])];
  const worker = deps.config.notices.worker ? new DeliveryWorker(deps, { channels }) : null;
  if (worker) {
    deps.events.on('notice.queued', () => worker.wake());
    worker.start();
  }
  return {
    async stop() {
      await worker?.stop();
      await bot?.stop();
    },
  };
}
