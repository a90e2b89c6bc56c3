// The short list for the building group (#岗位): the newest open postings,
// nearest first.
import type { Deps } from '../context.js';
import { NEAREST } from './presenter.js';
import { openPostings } from './queries.js';

const PAY_UNIT: Record<string, string> = { month: '元/月', day: '元/天', piece: '元/件', hour: '元/小时' };

const pay = (min: number | null, max: number | null, unit: string) =>
  min === null && max === null ? '面议' : `${min === max || max === null ? min : `${min ?? ''}-${max}`}${PAY_UNIT[unit] ?? ''}`;

export async function openJobsDigest(deps: Pick<Deps, 'db' | 'clock'>, communityId: string, limit = 5): Promise<string> {
  const jobs = await openPostings(deps.db, communityId, deps.clock(), 50);
  if (!jobs.length) return '暂时没有在招的岗位，有新岗位会在群里通知大家。';
  const picked = jobs.sort((a, b) => NEAREST[a.kind] - NEAREST[b.kind]).slice(0, limit);
  return [
    '最新招聘岗位：',
    ...picked.map((j, i) => `${i + 1}. ${j.title}｜${j.employer}｜${pay(j.payMin, j.payMax, j.payUnit)}｜${j.location}｜联系：${j.contact}`),
    '在「e家社区」小程序「找工作」里一键报名。',
  ].join('\n');
}
