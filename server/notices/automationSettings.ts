// 通知自动化: which automatic notices a community wants (job and training postings,
// emergency orders in the grid's work group). Set by the community's staff and its
// administrators (社区设置; noticePolicy.automateFor); every change is in the audit
// log with the switches before and after. No row: every switch on (automatic.ts).
import type { Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { homeCommunity, noticePolicy } from '../policies/index.js';
import type { AutomationBody } from './schemas.js';

const SWITCHES = ['jobs', 'trainings', 'emergencyOrders'] as const;

async function automationCommunity(deps: Deps, viewer: Viewer, communityId: string | undefined): Promise<string> {
  if (!noticePolicy.automate(viewer)) throw forbidden('only community staff and administrators set automatic notices');
  const id = communityId ?? homeCommunity(viewer);
  if (!id || !noticePolicy.automateFor(viewer, id)) throw notFound('community');
  // an admin may name any community: it must be one
  if (!(await deps.db.community.findUnique({ where: { id }, select: { id: true } }))) throw notFound('community');
  return id;
}

const read = async (deps: Deps, communityId: string) => {
  const row = await deps.db.noticeAutomation.findUnique({ where: { communityId } });
  return { communityId, jobs: row?.jobs ?? true, trainings: row?.trainings ?? true, emergencyOrders: row?.emergencyOrders ?? true };
};

export async function getAutomation(deps: Deps, viewer: Viewer, communityId?: string) {
  return read(deps, await automationCommunity(deps, viewer, communityId));
}

export async function setAutomation(deps: Deps, viewer: Viewer, body: AutomationBody) {
  const id = await automationCommunity(deps, viewer, body.communityId);
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const row = await tx.noticeAutomation.findUnique({ where: { communityId: id } });
    const before = { jobs: row?.jobs ?? true, trainings: row?.trainings ?? true, emergencyOrders: row?.emergencyOrders ?? true };
    const changed = SWITCHES.filter((k) => body[k] !== undefined && body[k] !== before[k]);
    const after = { ...before, ...Object.fromEntries(changed.map((k) => [k, body[k]])) };
    if (changed.length) {
      await tx.noticeAutomation.upsert({ where: { communityId: id }, create: { communityId: id, ...after, updatedAt: now }, update: { ...after, updatedAt: now } });
      const pick = (x: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, x[k]]));
      await recordAdminChange(tx, { actor: viewer, action: 'notice_automation.update', at: now, target: { type: 'notice_automation', id, communityId: id }, before: pick(before), after: pick(after) });
    }
    return { communityId: id, ...after };
  });
}
