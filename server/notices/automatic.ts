// Automatic notices, each switchable per community (NoticeAutomation):
// a new job posting or training session becomes a job/training notice for the
// whole community, and an emergency order is announced in its grid's work group.
// Each carries a unique `source`, so an event handled twice makes one notice.
import { JOB_KIND_LABELS } from '../../shared/words.js';
import { NOTICE_LIMITS } from '../../shared/limits.js';
import { isUniqueViolation } from '../db.js';
import type { Deps } from '../context.js';
import type { DomainEventMap } from '../events.js';
import { createNotice, type NewNotice } from './composeNotice.js';

/** A posting's kind in the words residents also read in the mini-program; the event names the kind as a plain string. */
const JOB_KIND_WORDS: Partial<Record<string, string>> = JOB_KIND_LABELS;
/** Automatic titles are cut to what staff may type (composeNoticeBody). */
const noticeTitle = (text: string) => text.slice(0, NOTICE_LIMITS.title.max);

type Switch = 'jobs' | 'trainings' | 'emergencyOrders';

async function switchedOn(deps: Deps, communityId: string, which: Switch): Promise<boolean> {
  const row = await deps.db.noticeAutomation.findUnique({ where: { communityId } });
  return row ? row[which] : true;
}

/** Writes the notice unless one with the same source exists; wakes the worker. */
export async function createOnce(deps: Deps, n: Omit<NewNotice, 'now' | 'sendAt'>): Promise<string | null> {
  const now = deps.clock();
  try {
    const id = await deps.db.$transaction((tx) => createNotice(tx, { ...n, sendAt: now, now }));
    deps.logger.info({ noticeId: id, communityId: n.communityId, source: n.source }, 'automatic notice written');
    deps.events.emit('notice.queued', { noticeId: id, communityId: n.communityId, sendAt: now });
    return id;
  } catch (e) {
    if (isUniqueViolation(e)) return null; // handled before
    throw e;
  }
}

const communityBuildings = async (deps: Deps, communityId: string) =>
  (await deps.db.building.findMany({ where: { communityId }, select: { id: true } })).map((b) => b.id);

const chinaDate = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(d);

export async function noticeForJob(deps: Deps, e: DomainEventMap['job.posted']): Promise<string | null> {
  if (!(await switchedOn(deps, e.communityId, 'jobs'))) return null;
  const kind = JOB_KIND_WORDS[e.kind];
  return createOnce(deps, {
    communityId: e.communityId,
    kind: 'job',
    title: noticeTitle(`招聘：${e.title}`),
    body: `${e.employer}招聘${e.title}${kind ? `（${kind}）` : ''}。工资待遇和报名方式请打开「e家社区」小程序的“就业”查看，点“我有意向”社区就会联系您。`,
    imageId: null,
    pagePath: `pages/jobs/detail?id=${e.jobId}`,
    audience: 'community',
    audienceIds: [],
    buildingIds: await communityBuildings(deps, e.communityId),
    createdById: e.createdById,
    source: `job.posted:${e.jobId}`,
  });
}

export async function noticeForTraining(deps: Deps, e: DomainEventMap['training.scheduled']): Promise<string | null> {
  if (!(await switchedOn(deps, e.communityId, 'trainings'))) return null;
  return createOnce(deps, {
    communityId: e.communityId,
    kind: 'training',
    title: noticeTitle(`培训：${e.course}`),
    body: `${e.course}将于${chinaDate(e.startsAt)}开课，免费参加。报名请打开「e家社区」小程序的“培训”，名额有限。`,
    imageId: null,
    pagePath: `pages/trainings/detail?id=${e.trainingId}`,
    audience: 'community',
    audienceIds: [],
    buildingIds: await communityBuildings(deps, e.communityId),
    createdById: e.createdById,
    source: `training.scheduled:${e.trainingId}`,
  });
}

/** What went late, in the group's words (a 评单 past its deadline is not posted: see registerAutomaticNotices). */
const LATE_WORDS: Record<DomainEventMap['order.escalated']['stage'], string> = {
  response: '超时未接单',
  response_second: '20分钟仍无人接单',
  resolution: '超时未办结',
  review: '超时未评单',
};

/** An emergency order, when raised and when a deadline passes, announced in the grid's work group. No names or phones: the group sees the room. */
export async function alertEmergencyOrder(
  deps: Deps,
  orderId: string,
  escalation: Pick<DomainEventMap['order.escalated'], 'stage' | 'dueAt'> | null,
): Promise<string | null> {
  const o = await deps.db.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      communityId: true,
      urgency: true,
      title: true,
      building: { select: { name: true } },
      household: { select: { room: true, unit: { select: { name: true } } } },
      grid: { select: { name: true, chatGroup: { select: { groupId: true } } } },
    },
  });
  if (!o || o.urgency !== 'emergency' || !o.grid.chatGroup) return null;
  if (!(await switchedOn(deps, o.communityId, 'emergencyOrders'))) return null;
  const where = `${o.building.name} ${o.household.unit.name} ${o.household.room}`;
  const late = escalation ? LATE_WORDS[escalation.stage] : null;
  return createOnce(deps, {
    communityId: o.communityId,
    kind: 'emergency',
    title: noticeTitle(late ? `紧急工单${late}：${o.title}` : `紧急工单：${o.title}`),
    body: late
      ? `${where}的紧急工单「${o.title}」${late}，请${o.grid.name}网格员立即处理，社区干部跟进。`
      : `${where}报了紧急工单「${o.title}」，请${o.grid.name}网格员10分钟内在小程序接单并赶到现场。`,
    imageId: null,
    pagePath: `pages/order/index?id=${o.id}`,
    audience: 'grids',
    audienceIds: [],
    buildingIds: [],
    createdById: null,
    source: escalation ? `order.escalated:${o.id}:${escalation.stage}:${escalation.dueAt.getTime()}` : `order.emergency:${o.id}`,
    staffOnly: { groupIds: [o.grid.chatGroup.groupId] },
  });
}

/** Listens for the events that write automatic notices. */
export function registerAutomaticNotices(deps: Deps): void {
  deps.events.on('job.posted', (e) => noticeForJob(deps, e).then(() => undefined));
  deps.events.on('training.scheduled', (e) => noticeForTraining(deps, e).then(() => undefined));
  // only emergencies are posted: no query at all for the everyday order
  deps.events.on('order.transitioned', (e) => (e.action === 'submit' && e.urgency === 'emergency' ? alertEmergencyOrder(deps, e.orderId, null).then(() => undefined) : undefined));
  // the review (评单) is the party branch's business, not the grid's work group
  deps.events.on('order.escalated', (e) => (e.urgency === 'emergency' && e.stage !== 'review' ? alertEmergencyOrder(deps, e.orderId, e).then(() => undefined) : undefined));
}

// The per-community switches are set in ./automationSettings.ts (社区设置).
