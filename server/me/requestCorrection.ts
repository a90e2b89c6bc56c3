// PIPL Art. 46: a resident who finds something wrong in their copy (GET /api/me/data)
// asks for it to be corrected. The request is a 信息更正 order filed through the
// orders domain's own filing, so it reaches staff's 待派单 queue with its deadlines
// and timeline like any other request.
import type { Viewer } from '../auth/index.js';
import { CORRECTION_CATEGORY, ensureCorrectionCategory } from '../categories/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { submitOrder } from '../orders/index.js';
import { householdOf } from '../policies/index.js';
import type { CorrectionBody } from './schemas.js';

export async function requestCorrection(deps: Deps, v: Viewer, body: CorrectionBody) {
  const home = householdOf(v);
  // an account of nobody holds nothing to correct but itself; its household is the grid worker's to set up
  if (!home) throw new AppError('forbidden', 'this account is not linked to a household yet; ask your building head or grid worker');
  await ensureCorrectionCategory(deps, home.communityId);
  return submitOrder(
    deps,
    v,
    {
      category: CORRECTION_CATEGORY.code,
      title: `${CORRECTION_CATEGORY.name}：${body.item}`,
      description: `有误的信息：${body.item}\n正确的应该是：${body.correction}`,
      urgency: 'normal',
      photos: [],
    },
    { reservedCategory: true },
  );
}
