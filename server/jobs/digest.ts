// Short lists for the building group (#岗位, #培训): the newest open postings,
// nearest first, and the courses still open for sign-up.
import type { Deps } from '../context.js';
import { NEAREST } from './postings.js';

const PAY_UNIT: Record<string, string> = { month: '元/月', day: '元/天', piece: '元/件', hour: '元/小时' };

const pay = (min: number | null, max: number | null, unit: string) =>
  min === null && max === null ? '面议' : `${min === max || max === null ? min : `${min ?? ''}-${max}`}${PAY_UNIT[unit] ?? ''}`;

export async function openJobsDigest(deps: Pick<Deps, 'db' | 'clock'>, communityId: string, limit = 5): Promise<string> {
  const now = deps.clock();
  const jobs = await deps.db.jobPosting.findMany({
    where: { communityId, status: 'open', OR: [{ deadline: null }, { deadline: { gte: now } }] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 50,
  });
  if (!jobs.length) return '暂时没有在招的岗位，有新岗位会在群里通知大家。';
  const picked = jobs.sort((a, b) => NEAREST[a.kind] - NEAREST[b.kind]).slice(0, limit);
  return [
    '最新招聘岗位：',
    ...picked.map((j, i) => `${i + 1}. ${j.title}｜${j.employer}｜${pay(j.payMin, j.payMax, j.payUnit)}｜${j.location}｜联系：${j.contact}`),
    '在「e家社区」小程序「找工作」里一键报名。',
  ].join('\n');
}

export async function openTrainingsDigest(deps: Pick<Deps, 'db' | 'clock'>, communityId: string, limit = 5): Promise<string> {
  const now = deps.clock();
  const sessions = await deps.db.trainingSession.findMany({
    where: { communityId, status: 'open', signupDeadline: { gte: now } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
  if (!sessions.length) return '暂时没有可以报名的培训，有新培训会在群里通知大家。';
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(5, 10).replace('-', '月') + '日';
  return [
    '可以报名的培训：',
    ...sessions.map((t, i) => `${i + 1}. ${t.course}｜${day(t.startsAt)}开课｜${t.schedule}｜${t.place}｜还剩${Math.max(0, t.capacity - t.seatsTaken)}个名额`),
    '在「e家社区」小程序「培训报名」里报名。',
  ].join('\n');
}
