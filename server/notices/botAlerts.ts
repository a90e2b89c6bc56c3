// The group bot is out (logged out, or waiting for a scan of its login QR): until someone
// scans, no notice reaches a WeChat group. Platform admins and community staff who opted in
// hear it by subscribe message, once per outage (the event is raised once, server/bot/botState.ts,
// and each message is keyed on the outage's start); the console shows a banner meanwhile.
import type { Deps } from '../context.js';
import type { DomainEventMap } from '../events.js';
import { botAlertAudience } from '../policies/index.js';
import { chinaTime, cut, sendSubscribeMessage, type SubscribeMessenger, type SubscribeTemplates } from './subscribe.js';

/** Where staff open the message: the staff desk (the QR itself is on the console's 群管理). */
const ALERT_PAGE = 'packages/staff/desk/index';

export async function alertBotOut(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates, e: DomainEventMap['bot.out']) {
  const roles = await deps.db.userRole.findMany({ where: botAlertAudience, select: { userId: true }, distinct: ['userId'] });
  const what = e.state === 'waiting_scan' ? '群机器人等待扫码登录' : '群机器人已退出登录';
  const outcomes = [];
  for (const { userId } of roles) {
    outcomes.push(
      await sendSubscribeMessage(deps, messenger, templates, {
        userId,
        // the emergency template (紧急通知: title, content, time), as the escalation alerts use it
        template: 'emergency_notice',
        ref: `bot-out:${e.since.getTime()}`,
        page: ALERT_PAGE,
        data: {
          thing1: { value: cut(what, 20) },
          thing2: { value: cut('群通知暂停，请到工作台群管理扫码', 20) },
          time3: { value: chinaTime(e.since) },
        },
      }),
    );
  }
  deps.logger.warn({ state: e.state, told: outcomes.filter((o) => o === 'sent').length, of: outcomes.length }, 'group bot out: staff alerted');
  return outcomes;
}

export function registerBotAlerts(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates): void {
  deps.events.on('bot.out', (e) => alertBotOut(deps, messenger, templates, e).then(() => undefined));
}
