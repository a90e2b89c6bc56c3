// WeChat subscribe messages (订阅消息): a resident who accepted a one-time
// subscription in the mini-program gets one message per acceptance, for a
// change of their order's status or an emergency notice for their building.
// Without an acceptance left the message is skipped (not failed): WeChat would
// refuse it anyway. The WeChat API sits behind SubscribeMessenger; tests and
// development use the fake.
import { isUniqueViolation } from '../db.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import type { DomainEventMap } from '../events.js';
import { WechatApi } from '../wechatApi.js';
import { orderAudience } from '../orders/index.js';

export const SUBSCRIBE_TEMPLATES = ['order_status', 'emergency_notice'] as const;
export type SubscribeTemplate = (typeof SUBSCRIBE_TEMPLATES)[number];

export interface SubscribeSend {
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** Thrown for a message WeChat refused; `noSubscription` (43101) means the user has no acceptance left. */
export class SubscribeError extends Error {
  constructor(
    message: string,
    readonly noSubscription = false,
  ) {
    super(message);
  }
}

export interface SubscribeMessenger {
  send(msg: SubscribeSend): Promise<void>;
}

/**
 * The real API: subscribeMessage.send with the mini-program's access token (server/wechatApi.ts).
 */
export class HttpSubscribeMessenger implements SubscribeMessenger {
  private api: WechatApi;

  constructor(deps: Pick<Deps, 'db' | 'clock'>, appId: string, secret: string, fetchImpl: typeof fetch = fetch, baseUrl = 'https://api.weixin.qq.com') {
    this.api = new WechatApi(deps, appId, secret, fetchImpl, baseUrl);
  }

  async send(msg: SubscribeSend): Promise<void> {
    const body = { touser: msg.openid, template_id: msg.templateId, page: msg.page, data: msg.data, miniprogram_state: 'formal', lang: 'zh_CN' };
    let r;
    try {
      r = await this.api.call('/cgi-bin/message/subscribe/send', body);
    } catch (e) {
      throw new SubscribeError(e instanceof Error ? e.message : 'WeChat unreachable');
    }
    if (!r.errcode) return;
    if (r.errcode === 43101) throw new SubscribeError('the user has no subscription left (43101)', true);
    throw new SubscribeError(`WeChat refused the message (${r.errcode} ${r.errmsg ?? ''})`.trim());
  }
}

// --- WeChat's rules for the values ------------------------------------------------

const HAN = /^\p{Script=Han}+$/u;
const DATE = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}\/\d{1,2}\/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}|\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2})`;
const CLOCK = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`;
const oneOrRange = (one: string) => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`, 'u');
const TIME = oneOrRange(`(?:${DATE}\\s*)?${CLOCK}`);
const DATE_TIME = oneOrRange(`${DATE}(?:\\s*${CLOCK})?`);

/** Value rules per keyword type (the letters before the keyword's number: thing1 → thing). */
const VALUE_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20, // Han, digits, letters or symbols
  number: (v) => v.length <= 32 && /^\d+(?:\.\d+)?$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => [...v].length <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(v),
  character_string: (v) => /^[\x20-\x7e]{1,32}$/.test(v), // digits, letters or symbols, no Han
  time: (v) => TIME.test(v),
  date: (v) => DATE_TIME.test(v),
  amount: (v) => /^[¥￥$€£]?\d{1,10}(?:\.\d+)?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => [...v].length <= 8 && /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u.test(v),
  name: (v) => (/\p{Script=Han}/u.test(v) ? [...v].length <= 10 : /^[^\p{N}]{1,20}$/u.test(v)),
  phrase: (v) => [...v].length <= 5 && HAN.test(v),
};

/**
 * What WeChat's subscribeMessage.send refuses with 47003 "argument invalid! data.<key>.value …"
 * (订阅消息参数值内容限制): thing ≤ 20 characters; phrase ≤ 5 Han characters only; number,
 * letter, character_string ≤ 32 of their kind; symbol ≤ 5; time 24-hour (with a date in
 * front if wanted) and date y年m月d日 or 2019-10-01 (with a time if wanted), each also as a
 * range joined by ~; amount one currency sign and ≤ 10 digits, 元 at the end allowed;
 * phone_number ≤ 17 digits and symbols; car_number ≤ 8; name ≤ 10 Han or ≤ 20 letters. No
 * value may be empty or hold a control character (a line break). Null when WeChat would take it.
 * (enum values depend on the template and are not checked.)
 */
export function subscribeDataProblem(data: Record<string, { value: string }>): string | null {
  const keys = Object.keys(data);
  if (!keys.length) return 'data is empty';
  for (const key of keys) {
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    const value = data[key]?.value;
    if (!type) return `data.${key} is not a template keyword`;
    if (typeof value !== 'string' || !value.trim()) return `data.${key}.value is empty`;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) return `data.${key}.value invalid (a control character)`;
    if (type === 'enum') continue;
    const rule = VALUE_RULES[type];
    if (!rule) return `data.${key} is not a template keyword (unknown type ${type})`;
    if (!rule(value)) return `data.${key}.value invalid`;
  }
  return null;
}

/**
 * Records what would be sent, after WeChat's checks: refuses (43101) for openids told to, as
 * WeChat does for a user who never accepted, and (47003) a message whose values break
 * WeChat's rules (subscribeDataProblem), so a test fails where WeChat would refuse.
 */
export class FakeSubscribeMessenger implements SubscribeMessenger {
  readonly sent: SubscribeSend[] = [];
  readonly refused: Array<{ msg: SubscribeSend; reason: string }> = [];
  readonly refusing = new Set<string>();

  async send(msg: SubscribeSend): Promise<void> {
    if (this.refusing.has(msg.openid)) throw new SubscribeError('the user has no subscription left (43101)', true);
    const problem = !msg.templateId ? 'template_id is empty' : !msg.openid ? 'touser is empty' : subscribeDataProblem(msg.data);
    if (problem) {
      this.refused.push({ msg, reason: problem });
      throw new SubscribeError(`WeChat refused the message (47003 argument invalid! ${problem})`);
    }
    this.sent.push(msg);
  }
}

// --- opt-ins ------------------------------------------------------------------

/** The mini-program reports which templates the user accepted in wx.requestSubscribeMessage: one message each. */
export async function recordOptIns(deps: Deps, viewer: Viewer, accepted: SubscribeTemplate[]) {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    for (const template of accepted) {
      await tx.subscribeOptIn.upsert({
        where: { userId_template: { userId: viewer.userId, template } },
        create: { userId: viewer.userId, template, remaining: 1, updatedAt: now },
        update: { remaining: { increment: 1 }, updatedAt: now },
      });
    }
  });
  return optInCounts(deps, viewer);
}

export async function optInCounts(deps: Deps, viewer: Viewer): Promise<Record<SubscribeTemplate, number>> {
  const rows = await deps.db.subscribeOptIn.findMany({ where: { userId: viewer.userId } });
  return Object.fromEntries(SUBSCRIBE_TEMPLATES.map((t) => [t, rows.find((r) => r.template === t)?.remaining ?? 0])) as Record<SubscribeTemplate, number>;
}

// --- sending --------------------------------------------------------------------

export interface SubscribeTemplates {
  order_status?: string;
  emergency_notice?: string;
}

type Outcome = 'sent' | 'skipped' | 'failed' | 'duplicate';

/** WeChat's field limits: thing ≤ 20 characters, phrase ≤ 5; no line breaks or other control characters (a notice body has them). */
export const cut = (s: string, n: number) => {
  const flat = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return [...flat].length > n ? [...flat].slice(0, n - 1).join('') + '…' : flat;
};
export const chinaTime = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(d)
    .replace(/\//g, '-');

/**
 * One message to one user for one cause (`ref`), at most once: the row is
 * written before WeChat is called, so an event handled twice sends once.
 * `reserve`: opt-ins this message must leave unused (kept for a later message that matters more).
 */
export async function sendSubscribeMessage(
  deps: Deps,
  messenger: SubscribeMessenger,
  templates: SubscribeTemplates,
  m: { userId: string; template: SubscribeTemplate; ref: string; page: string; data: Record<string, { value: string }>; reserve?: number },
): Promise<Outcome> {
  const db = deps.db;
  const now = deps.clock();
  const record = async (outcome: 'sent' | 'skipped' | 'failed', reason: string | null) => {
    try {
      await db.subscribeMessage.create({ data: { userId: m.userId, template: m.template, ref: m.ref, outcome, reason, createdAt: now } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  };
  if (await db.subscribeMessage.findUnique({ where: { userId_ref: { userId: m.userId, ref: m.ref } } })) return 'duplicate';
  const templateId = templates[m.template];
  if (!templateId) return (await record('skipped', 'template not configured')) ? 'skipped' : 'duplicate';
  const identity = await db.wechatIdentity.findFirst({ where: { userId: m.userId }, orderBy: { createdAt: 'asc' }, select: { openid: true } });
  if (!identity) return (await record('skipped', 'no WeChat account')) ? 'skipped' : 'duplicate';
  const took = await db.subscribeOptIn.updateMany({
    where: { userId: m.userId, template: m.template, remaining: { gt: m.reserve ?? 0 } },
    data: { remaining: { decrement: 1 }, updatedAt: now },
  });
  if (!took.count) return (await record('skipped', m.reserve ? 'opt-in kept for a later step' : 'no opt-in left')) ? 'skipped' : 'duplicate';
  if (!(await record('sent', null))) {
    // someone else is sending it: give the opt-in back
    await db.subscribeOptIn.updateMany({ where: { userId: m.userId, template: m.template }, data: { remaining: { increment: 1 } } });
    return 'duplicate';
  }
  try {
    await messenger.send({ openid: identity.openid, templateId, page: m.page, data: m.data });
    return 'sent';
  } catch (e) {
    const noSubscription = e instanceof SubscribeError && e.noSubscription;
    if (noSubscription) {
      // WeChat knows better: nothing is left
      await db.subscribeOptIn.updateMany({ where: { userId: m.userId, template: m.template }, data: { remaining: 0, updatedAt: now } });
    }
    await db.subscribeMessage.update({
      where: { userId_ref: { userId: m.userId, ref: m.ref } },
      data: { outcome: noSubscription ? 'skipped' : 'failed', reason: (e as Error).message.slice(0, 200) },
    });
    if (!noSubscription) deps.logger.warn({ userId: m.userId, ref: m.ref, err: e }, 'subscribe message failed');
    return noSubscription ? 'skipped' : 'failed';
  }
}

const STATUS_LABELS: Partial<Record<DomainEventMap['order.transitioned']['to'], string>> = {
  dispatched: '已派单',
  accepted: '已接单',
  resolved: '已办结',
  closed: '已评单',
  reopened: '返工处理',
  cancelled: '已取消',
  merged: '已合并',
};

/**
 * The steps a resident most needs to hear of: 已办结 asks them to rate (请评价), 已取消 ends it.
 * A resident allows one message per tap of 提交 (client/lib/subscribe.ts), so the steps in
 * between (派单, 接单…) are sent only from a second opt-in on: the last one waits for these.
 */
const STATUSES_THAT_MATTER_MOST = new Set<DomainEventMap['order.transitioned']['to']>(['resolved', 'cancelled']);

/** The resident an order is for and whoever filed it, except the person who just acted. */
export async function notifyOrderStatus(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates, e: DomainEventMap['order.transitioned']) {
  const label = STATUS_LABELS[e.to];
  if (!label) return [];
  const o = await deps.db.order.findUnique({
    where: { id: e.orderId },
    select: { id: true, title: true, filedById: true, resident: { select: { user: { select: { id: true } } } } },
  });
  if (!o) return [];
  const users = [...new Set([o.resident.user?.id, o.filedById].filter((u): u is string => !!u && u !== e.actorId))];
  // households that joined the order (+1) hear as it moves too; they open its brief, not the order
  const followers = ((await orderAudience(deps, o.id))?.followers ?? []).filter((u) => u !== e.actorId && !users.includes(u));
  const at = chinaTime(deps.clock());
  const outcomes: Outcome[] = [];
  for (const userId of [...users, ...followers]) {
    outcomes.push(
      await sendSubscribeMessage(deps, messenger, templates, {
        userId,
        template: 'order_status',
        ref: `order:${o.id}:${e.to}:${at}`,
        reserve: STATUSES_THAT_MATTER_MOST.has(e.to) ? 0 : 1,
        page: followers.includes(userId) ? `pages/order/index?id=${o.id}&joined=1` : `pages/order/index?id=${o.id}`,
        data: { thing1: { value: cut(o.title, 20) }, phrase2: { value: label }, time3: { value: at }, thing4: { value: '点击查看办理进度' } },
      }),
    );
  }
  return outcomes;
}

const UPDATE_LABELS: Record<DomainEventMap['order.updated']['action'], string> = {
  comment: '新留言',
  ask: '待补充',
  answer: '已补充',
  join: '又一户反映',
  merge: '已合并',
};

/**
 * Something said on an order (a message, a question for the resident, their answer): the
 * other side hears it, with the order_status template — the resident's side when a worker
 * spoke (待补充 asks them to answer), the order's worker when the resident did.
 */
export async function notifyOrderUpdate(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates, e: DomainEventMap['order.updated']) {
  if (e.action === 'join' || e.action === 'merge') return [];
  const o = await orderAudience(deps, e.orderId);
  if (!o) return [];
  const users = (e.side === 'workers' ? o.requester : o.workers).filter((u) => u !== e.actorId);
  const what = e.action === 'ask' ? '网格员需要您补充情况' : e.side === 'workers' ? '网格员给您留了言' : '居民留了言';
  const outcomes: Outcome[] = [];
  for (const userId of users) {
    outcomes.push(
      await sendSubscribeMessage(deps, messenger, templates, {
        userId,
        template: 'order_status',
        ref: `order-update:${e.eventId}`,
        // a question (待补充) waits on the resident's answer: it may take the last opt-in; a message may not
        reserve: e.action === 'ask' ? 0 : 1,
        page: e.side === 'workers' ? `pages/order/index?id=${o.id}` : `packages/worker/task/index?id=${o.id}`,
        data: { thing1: { value: cut(o.title, 20) }, phrase2: { value: UPDATE_LABELS[e.action] }, time3: { value: chinaTime(deps.clock()) }, thing4: { value: what } },
      }),
    );
  }
  return outcomes;
}

/** Everyone in the notice's buildings who ever subscribed to emergency notices (those with none left are skipped). */
export async function notifyEmergencyNotice(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates, noticeId: string) {
  const n = await deps.db.notice.findUnique({ where: { id: noticeId }, select: { id: true, kind: true, title: true, body: true, staffOnly: true, sendAt: true, cancelledAt: true } });
  if (!n || n.kind !== 'emergency' || n.staffOnly || n.cancelledAt || n.sendAt > deps.clock()) return [];
  const optIns = await deps.db.subscribeOptIn.findMany({
    where: {
      template: 'emergency_notice',
      user: { resident: { household: { building: { noticeTargets: { some: { noticeId } } } } } },
    },
    select: { userId: true },
  });
  const outcomes: Outcome[] = [];
  for (const { userId } of optIns) {
    outcomes.push(
      await sendSubscribeMessage(deps, messenger, templates, {
        userId,
        template: 'emergency_notice',
        ref: `notice:${n.id}`,
        page: `pages/notices/detail?id=${n.id}`,
        data: { thing1: { value: cut(n.title, 20) }, thing2: { value: cut(n.body, 20) }, time3: { value: chinaTime(n.sendAt) } },
      }),
    );
  }
  return outcomes;
}

export function registerSubscribeMessages(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates): void {
  deps.events.on('order.transitioned', (e) => notifyOrderStatus(deps, messenger, templates, e).then(() => undefined));
  deps.events.on('order.updated', (e) => notifyOrderUpdate(deps, messenger, templates, e).then(() => undefined));
  deps.events.on('notice.queued', (e) => notifyEmergencyNotice(deps, messenger, templates, e.noticeId).then(() => undefined));
}
