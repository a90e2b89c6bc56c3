// Emergencies always reach someone (issue #20): a missed deadline, raised once by
// the sweeper (server/orders/escalateOverdueOrders.ts), is told to the people the
// policy names (server/policies/orders.ts escalationAudience) by WeChat subscribe
// message where they opted in, and an emergency in the grid's work group too
// (server/notices/automatic.ts alertEmergencyOrder). Then one entry on the order's
// timeline says who was alerted and how, and who could not be reached by message.
//
// The 08:30 digest of overdue ordinary orders (server/orders/overdueDigest.ts)
// goes to the community's staff the same two ways, once per community and day.
import type { Deps } from '../context.js';
import type { DomainEventMap } from '../events.js';
import { digestAudienceOf, escalationAudienceOf, recordEscalationAlert, type AlertedPerson } from '../orders/index.js';
import { alertEmergencyOrder, createOnce } from './automatic.js';
import { chinaTime, cut, sendSubscribeMessage, type SubscribeMessenger, type SubscribeTemplates } from './subscribe.js';

type Escalated = DomainEventMap['order.escalated'];

const ROLE_WORDS: Record<AlertedPerson['as'], string> = {
  GRID_WORKER: '网格员',
  STAFF: '社区干部',
  REVIEWER: '党组织',
  STREET_ADMIN: '街道领导',
};

/** What the subscribe message says went late (thing1: ≤ 20 characters). */
const STAGE_WORDS: Record<Escalated['stage'], string> = {
  response: '紧急工单10分钟无人接单',
  response_second: '紧急工单20分钟仍无人接单',
  resolution: '紧急工单超时未办结',
  review: '评单超时',
};

/** Where each role opens the order from the message. */
const pageFor = (as: AlertedPerson['as'], orderId: string) =>
  as === 'GRID_WORKER' ? `packages/worker/task/index?id=${orderId}`
  : as === 'STAFF' ? `packages/staff/order/index?id=${orderId}`
  : as === 'REVIEWER' ? `packages/reviewer/review/index?id=${orderId}`
  : `pages/order/index?id=${orderId}`;

/** "网格员 李四、王五；社区干部 赵六": people by role, in the policy's order. */
function byRole(people: AlertedPerson[]): string {
  const groups = new Map<AlertedPerson['as'], string[]>();
  for (const p of people) groups.set(p.as, [...(groups.get(p.as) ?? []), p.name]);
  return [...groups].map(([as, names]) => `${ROLE_WORDS[as]} ${names.join('、')}`).join('；');
}

/**
 * Tells the people of one escalation and writes the timeline entry. Runs once per escalation:
 * the event is emitted only by the sweep whose Escalation row went in, and each message is
 * keyed on the escalation (sendSubscribeMessage sends a ref to a user once).
 */
export async function alertEscalation(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates, e: Escalated): Promise<string | null> {
  const audience = await escalationAudienceOf(deps, e.orderId, e.stage);
  if (!audience) return null;
  const { order, roles, people } = audience;
  const postsToGroup = order.urgency === 'emergency' && e.stage !== 'review';
  if (!roles.length && !postsToGroup) return null; // an ordinary order late: the 08:30 digest carries it
  const at = chinaTime(deps.clock());
  const reached: AlertedPerson[] = [];
  const missed: AlertedPerson[] = [];
  for (const p of people) {
    const outcome = await sendSubscribeMessage(deps, messenger, templates, {
      userId: p.userId,
      ref: `escalation:${order.id}:${e.stage}:${e.dueAt.getTime()}`,
      page: pageFor(p.as, order.id),
      ...(e.stage === 'review'
        ? {
            template: 'order_status' as const,
            data: { thing1: { value: cut(order.title, 20) }, phrase2: { value: '评单超时' }, time3: { value: at }, thing4: { value: '已过评单时限，请尽快评单' } },
          }
        : {
            template: 'emergency_notice' as const,
            data: { thing1: { value: cut(STAGE_WORDS[e.stage], 20) }, thing2: { value: cut(`${order.buildingName} ${order.title}`, 20) }, time3: { value: at } },
          }),
    });
    (outcome === 'sent' ? reached : missed).push(p);
  }
  // the work group: the automatic notice (its source makes it one, whoever writes it first)
  let group: string | null = null;
  if (postsToGroup) {
    const source = `order.escalated:${order.id}:${e.stage}:${e.dueAt.getTime()}`;
    const posted = (await alertEmergencyOrder(deps, order.id, e)) ?? (await deps.db.notice.findFirst({ where: { communityId: order.communityId, source }, select: { id: true } }))?.id;
    if (posted) group = `${order.gridName}工作群`;
  }
  const how: string[] = [];
  if (reached.length) how.push(`${byRole(reached)}（微信订阅消息）`);
  if (group) how.push(`${group}（群消息）`);
  let note = how.length ? `已提醒：${how.join('；')}` : '没能发出提醒';
  if (missed.length) note += `。未开通订阅消息、需电话联系：${byRole(missed)}`;
  if (!how.length && !roles.length) return null; // nobody named, no work group: the escalation step says it all
  if (roles.length && !people.length) note += '。没有可提醒的人员，请社区配置网格员和干部';
  await recordEscalationAlert(deps, order.id, note);
  return note;
}

const LATE_WORDS = { response: '未接单', resolution: '未办结', review: '未评单' } as const;
const daysLate = (dueAt: Date, now: Date) => Math.max(1, Math.floor((now.getTime() - dueAt.getTime()) / 86_400_000));

/** The day's digest: one subscribe message to each of the community's staff, one post to its grids' work groups. */
export async function sendOverdueDigest(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates, e: DomainEventMap['orders.overdueDigest']) {
  const now = deps.clock();
  const { response, resolution, review } = e.counts;
  const total = response + resolution + review;
  const summary = [response && `未接单${response}件`, resolution && `未办结${resolution}件`, review && `未评单${review}件`].filter(Boolean).join(' ');
  const outcomes = [];
  for (const p of await digestAudienceOf(deps, e.communityId)) {
    outcomes.push(
      await sendSubscribeMessage(deps, messenger, templates, {
        userId: p.userId,
        template: 'order_status',
        ref: `overdue-digest:${e.communityId}:${e.day}`,
        page: 'packages/staff/overdue/index',
        data: { thing1: { value: cut(`超时工单日报：${total}件`, 20) }, phrase2: { value: '待督办' }, time3: { value: chinaTime(now) }, thing4: { value: cut(summary, 20) } },
      }),
    );
  }
  // the grids' work groups, one notice for the community: buildings only, no names or phones
  const groups = await deps.db.gridGroup.findMany({ where: { communityId: e.communityId }, select: { groupId: true } });
  let noticeId: string | null = null;
  if (groups.length) {
    const oldest = e.oldest.map((o) => `${o.building}「${o.title}」${LATE_WORDS[o.late]}${daysLate(o.dueAt, now) > 1 ? `已${daysLate(o.dueAt, now)}天` : ''}`).join('；');
    noticeId = await createOnce(deps, {
      communityId: e.communityId,
      kind: 'service',
      title: `超时工单日报：${total}件`,
      body: `今天仍超时的工单${total}件：${summary.replace(/ /g, '，')}。最久的：${oldest}。请在小程序“超时督办”查看并跟进。`,
      imageId: null,
      pagePath: 'packages/staff/overdue/index',
      audience: 'grids',
      audienceIds: [],
      buildingIds: [],
      createdById: null,
      source: `orders.overdueDigest:${e.communityId}:${e.day}`,
      staffOnly: { groupIds: [...new Set(groups.map((g) => g.groupId))] },
    });
  }
  return { outcomes, noticeId };
}

/** Listens for raised escalations and the day's digests. */
export function registerEscalationAlerts(deps: Deps, messenger: SubscribeMessenger, templates: SubscribeTemplates): void {
  deps.events.on('order.escalated', (e) => alertEscalation(deps, messenger, templates, e).then(() => undefined));
  deps.events.on('orders.overdueDigest', (e) => sendOverdueDigest(deps, messenger, templates, e).then(() => undefined));
}
