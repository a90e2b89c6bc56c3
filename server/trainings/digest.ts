// The short list for the building group (#培训): the courses still open for sign-up.
import type { Deps } from '../context.js';
import { sessionsOpenForSignup } from './queries.js';

export async function openTrainingsDigest(deps: Pick<Deps, 'db' | 'clock'>, communityId: string, limit = 5): Promise<string> {
  const sessions = await sessionsOpenForSignup(deps.db, communityId, deps.clock(), limit);
  if (!sessions.length) return '暂时没有可以报名的培训，有新培训会在群里通知大家。';
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(5, 10).replace('-', '月') + '日';
  return [
    '可以报名的培训：',
    ...sessions.map((t, i) => `${i + 1}. ${t.course}｜${day(t.startsAt)}开课｜${t.schedule}｜${t.place}｜还剩${Math.max(0, t.capacity - t.seatsTaken)}个名额`),
    '在「e家社区」小程序「培训报名」里报名。',
  ].join('\n');
}
