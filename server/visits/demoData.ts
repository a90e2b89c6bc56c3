// Demo visits for 惠泽社区 第1网格 (demo-gridworker's), so the 今日走访 list and the
// console's coverage show something on first start: some households visited a
// day or two ago, some long enough ago to be overdue, one where nobody was home;
// one household's own frequency (不需要走访), and two 1+X pairs for the 党组织 reviewer.
import type { Deps } from '../context.js';
import { DEMO_OPENIDS } from '../demoFacts.js';
import { newId } from '../ids.js';
import { insertPairing, insertVisit, upsertOverride, upsertRule } from './queries.js';
import { chinaDay, walkOrder } from './rules.js';
import { schedule } from './schedule.js';

const DAY = 86_400_000;

export async function seedVisitsDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  const now = deps.clock();
  const [worker, reviewer, staff] = await Promise.all(
    [DEMO_OPENIDS.gridWorker, DEMO_OPENIDS.reviewer, DEMO_OPENIDS.staff].map((openid) =>
      db.wechatIdentity.findUniqueOrThrow({ where: { openid }, select: { user: { select: { id: true, roles: true } } } }),
    ),
  );
  const grid = worker!.user.roles.find((r) => r.role === 'GRID_WORKER')!;
  const communityId = grid.communityId!;
  // the community wrote its frequencies down (the defaults, the elderly weekly)
  await upsertRule(deps.sql, { communityId, tag: 'EMPTY_NEST_ELDERLY', intervalDays: 7, updatedById: staff!.user.id, at: now });

  const households = (await schedule(deps.sql, { gridIds: [grid.gridId!] }, chinaDay(now))).sort(walkOrder);
  const visit = async (h: (typeof households)[number], daysAgo: number, met: 'head' | 'family' | 'nobody', note: string | null) =>
    insertVisit(deps.sql, {
      id: newId(),
      communityId,
      gridId: h.gridId,
      householdId: h.id,
      visitorId: worker!.user.id,
      visitedAt: new Date(now.getTime() - daysAgo * DAY - 3 * 3_600_000),
      met,
      wellbeing: met === 'nobody' ? null : daysAgo % 3 === 0 ? 'fair' : 'good',
      note,
      photoUploadId: null,
      needs: null,
      orderId: null,
      completed: met !== 'nobody',
    });
  const NOTES = ['身体还好，按时吃药', '家里干净，孩子在上学', '说最近腿有点疼，提醒去卫生室看看', null];
  for (const [i, h] of households.entries()) {
    if (i % 5 === 0) await visit(h, 1 + (i % 3), i % 2 ? 'family' : 'head', NOTES[i % NOTES.length]!); // visited lately
    else if (i % 5 === 1) await visit(h, h.intervalDays! + 2 + (i % 4), 'head', NOTES[(i + 1) % NOTES.length]!); // overdue by a few days
    else if (i % 7 === 3) await visit(h, 1, 'nobody', '敲门无人应答，邻居说去赶集了');
  }
  // a household whose own frequency wins: the old man moved in with his daughter in town
  const away = households.find((h) => h.tags.includes('EMPTY_NEST_ELDERLY')) ?? households[households.length - 1];
  if (away) await upsertOverride(deps.sql, { communityId, householdId: away.id, intervalDays: null, note: '老人随女儿去县城住了，暂不需要走访', updatedById: staff!.user.id, at: now });
  // 1+X: the 党组织 reviewer looks after two households of the grid's second building
  for (const h of households.filter((x) => x !== away && x.buildingId !== households[0]!.buildingId).slice(0, 2)) {
    await insertPairing(deps.sql, { id: newId(), communityId, householdId: h.id, userId: reviewer!.user.id, createdById: staff!.user.id, at: now });
  }
}
