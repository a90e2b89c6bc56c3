import type { Deps } from '../context.js';
import { orderAudienceRow } from './conversationQueries.js';

/**
 * Who hears of an order: the requester's side (the resident's account and whoever
 * filed it), the working side (its assignee, or before dispatch the suggested
 * worker of its grid), and the households that joined it (their accounts).
 */
export async function orderAudience(deps: Deps, orderId: string) {
  const o = await orderAudienceRow(deps.sql, orderId);
  if (!o) return undefined;
  const requester = [...new Set([o.residentUserId, o.filedById].filter((u): u is string => !!u))];
  const workers = [o.assigneeId ?? o.suggestedAssigneeId].filter((u): u is string => !!u);
  return { id: o.id, title: o.title, requester, workers, followers: [...new Set(o.followerUserIds)].filter((u) => !requester.includes(u)) };
}
