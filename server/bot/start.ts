// Started by `npm start`: the group bot, on a real puppet or (outside
// production) the demo on the mock; the notices' delivery worker posts through
// its channel (server/notices/start.ts).
//
// wechaty and its puppets are loaded here, when the bot starts, not with the server: they took
// 1.3 s of a 3.3 s start, and main.ts starts the bot once the API is already answering.
import type { PuppetModuleName } from 'wechaty';
import type { Deps } from '../context.js';
import { startDemoBot } from './demo.js';
import { GroupBot } from './groupBot.js';

/** The running bot, or null when none is configured. */
export async function startGroupBot(deps: Deps): Promise<GroupBot | null> {
  const { bot, production } = deps.config;
  if (!bot.enabled) return null;
  if (bot.puppet) {
    const { WechatyBuilder } = await import('wechaty');
    const wechaty = WechatyBuilder.build({
      name: 'ejia-group-bot', // the puppet keeps its login session under this name
      puppet: bot.puppet as PuppetModuleName,
      ...(bot.token ? { puppetOptions: { token: bot.token } } : {}),
    });
    const b = new GroupBot(deps, wechaty, { mode: 'wechat', card: bot.card });
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
