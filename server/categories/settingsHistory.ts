// 修改记录: the history of the community's settings (categories, 常用回复, notice
// switches, 评单时限), newest first, from the audit log filtered by target.
import type { Viewer } from '../auth/index.js';
import { historyOf } from '../audit/index.js';
import type { Deps } from '../context.js';
import type { HistoryQuery } from './schemas.js';
import { settingsCommunity } from './settingsCommunity.js';

const TARGETS = ['category', 'stock_reply', 'notice_automation', 'order_settings'];

export async function settingsHistory(deps: Deps, v: Viewer, q: HistoryQuery) {
  const communityId = await settingsCommunity(deps, v, q.communityId);
  const items = await historyOf(deps.db, { communityId, targetTypes: q.target ? [q.target] : TARGETS, targetId: q.targetId, take: q.limit });
  return { items };
}
