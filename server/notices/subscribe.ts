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

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

/**
 * The real API: subscribeMessage.send with the mini-program's access token. The
 * token lives in the database (WechatAccessToken), so every instance uses one;
 * it comes from WeChat's stable_token endpoint, which hands concurrent fetchers
 * the same token instead of revoking each other's.
 */
export class HttpSubscribeMessenger implements SubscribeMessenger {
  constructor(
    private deps: Pick<Deps, 'db' | 'clock'>,
    private appId: string,
    private secret: string,
    private fetchImpl: typeof fetch = fetch,
    private baseUrl = 'https://api.weixin.qq.com',
  ) {}

  private async call(path: string, body: unknown): Promise<WechatReply> {
    try {
      const res = await this.fetchImpl(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
      return (await res.json()) as WechatReply;
    } catch {
      throw new SubscribeError('WeChat unreachable');
    }
  }

  private async accessToken(refresh = false): Promise<string> {
    const { db } = this.deps;
    const now = this.deps.clock();
    if (!refresh) {
      const kept = await db.wechatAccessToken.findUnique({ where: { appId: this.appId } });
      if (kept && kept.expiresAt > now) return kept.token;
    }
    const r = await this.call('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: this.appId, secret: this.secret, force_refresh: refresh });
    if (!r.access_token) throw new SubscribeError(`access token refused (${r.errcode})`);
    // kept for 90 % of WeChat's lifetime: renewed well before it runs out
    const expiresAt = new Date(now.getTime() + (r.expires_in ?? 7200) * 900);
    await db.wechatAccessToken.upsert({
      where: { appId: this.appId },
      create: { appId: this.appId, token: r.access_token, expiresAt, updatedAt: now },
      update: { token: r.access_token, expiresAt, updatedAt: now },
    });
    return r.access_token;
  }

  async send(msg: SubscribeSend): Promise<void> {
    const body = { touser: msg.openid, template_id: msg.templateId, page: msg.page, data: msg.data, miniprogram_state: 'formal', lang: 'zh_CN' };
    let r = await this.call(`/cgi-bin/message/subscribe/send?access_token=${await this.accessToken()}`, body);
    if (r.errcode === 40001 || r.errcode === 42001) {
      r = await this.call(`/cgi-bin/message/subscribe/send?access_token=${await this.accessToken(true)}`, body);
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
const cut = (s: string, n: number) => {
  const flat = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return [...flat].length > n ? [...flat].slice(0, n - 1).join('') + '…' : flat;
};
const chinaTime = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(d)
    .replace(/\//g, '-');

/**
 * One message to one user for one cause (`ref`), at most once: the row is
 * written before WeChat is called, so an event handled twice sends once.
 */
export async function sendSubscribeMessage(
  deps: Deps,
  messenger: SubscribeMessenger,
  templates: SubscribeTemplates,
  m: { userId: string; template: SubscribeTemplate; ref: string; page: string; data: Record<string, { value: string }> },
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
    where: { userId: m.userId, template: m.template, remaining: { gt: 0 } },
    data: { remaining: { decrement: 1 }, updatedAt: now },
  });
  if (!took.count) return (await record('skipped', 'no opt-in left')) ? 'skipped' : 'duplicate';
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
};

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
  const at = chinaTime(deps.clock());
  const outcomes: Outcome[] = [];
  for (const userId of users) {
    outcomes.push(
      await sendSubscribeMessage(deps, messenger, templates, {
        userId,
        template: 'order_status',
        ref: `order:${o.id}:${e.to}:${at}`,
        page: `pages/order/index?id=${o.id}`,
        data: { thing1: { value: cut(o.title, 20) }, phrase2: { value: label }, time3: { value: at }, thing4: { value: '点击查看办理进度' } },
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
  deps.events.on('notice.queued', (e) => notifyEmergencyNotice(deps, messenger, templates, e.noticeId).then(() => undefined));
}
