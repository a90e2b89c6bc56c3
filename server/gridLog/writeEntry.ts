// A grid worker writes an entry of their grid's 民情日志: checked by WeChat's content
// security like any text others read, its households and orders checked to be the grid's.
import type { Viewer } from '../auth/index.js';
import { SCENE } from '../contentSecurity.js';
import type { Deps } from '../context.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { gridLogGridsOf, gridLogReach, mayWriteGridLog } from '../policies/index.js';
import { checkUserText } from '../wechat/index.js';
import { presentEntry } from './presenter.js';
import { entryById, gridById, householdsInGrid, insertEntry, linksOf, ordersInGrid, ownPhoto } from './queries.js';
import type { WriteEntryBody } from './schemas.js';

export async function writeEntry(deps: Deps, v: Viewer, body: WriteEntryBody) {
  const mine = gridLogGridsOf(v);
  if (!mine.length) throw forbidden('only grid workers write the 民情日志 of their grid');
  const gridId = body.gridId ?? (mine.length === 1 ? mine[0]! : undefined);
  if (!gridId) throw badRequest('body.gridId', 'required: you work more than one grid');
  if (!mayWriteGridLog(v, gridId)) throw forbidden('a grid worker writes the 民情日志 of their own grid only');
  const grid = await gridById(deps.sql, gridId);
  if (!grid) throw notFound('grid');

  const householdIds = [...new Set(body.householdIds)];
  const orderIds = [...new Set(body.orderIds)];
  const households = await householdsInGrid(deps.sql, gridId, householdIds);
  const badHousehold = householdIds.find((h) => !households.includes(h));
  if (badHousehold) throw badRequest('body.householdIds', `household ${badHousehold} is not in this grid`);
  const orders = await ordersInGrid(deps.sql, gridId, orderIds);
  const badOrder = orderIds.find((o) => !orders.includes(o));
  if (badOrder) throw badRequest('body.orderIds', `order ${badOrder} is not this grid's`);
  if (body.photoId && !(await ownPhoto(deps.sql, body.photoId, v.userId, grid.communityId))) throw badRequest('body.photoId', 'no such photo; upload it first');
  // 日志 is WeChat's own scene for a log a user keeps
  await checkUserText(deps, v, [{ field: 'body.text', text: body.text }], SCENE.social);

  const now = deps.clock();
  const id = newId();
  await deps.sql.transaction((tx) =>
    insertEntry(
      tx,
      { id, communityId: grid.communityId, gridId, authorId: v.userId, kind: body.kind, text: body.text, photoId: body.photoId ?? null, occurredAt: body.occurredAt ?? now, createdAt: now },
      householdIds,
      orderIds,
    ),
  );
  const row = (await entryById(deps.sql, gridLogReach(v), id))!;
  return presentEntry(v, row, await linksOf(deps.sql, [id]), { secret: deps.config.sessionSecret, now });
}
