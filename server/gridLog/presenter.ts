// What a reader sees of an entry: its text and photo, who wrote it, and the households
// (building and room, as the visibility table shows rooms) and orders it is about.
import { GRID_LOG_KIND_LABELS } from '../../shared/words.js';
import type { Viewer } from '../auth/index.js';
import { mustReveal, relationsTo } from '../policies/index.js';
import { signedUploadUrl } from '../uploads/index.js';
import type { EntryRow, LinkedHousehold, LinkedOrder } from './queries.js';

export const placeOfLinked = (h: LinkedHousehold) => ({ communityId: h.communityId, gridId: h.gridId, buildingId: h.buildingId, householdId: h.id });

export function presentEntry(
  v: Viewer,
  e: EntryRow,
  links: { households: LinkedHousehold[]; orders: LinkedOrder[] },
  ctx: { secret: string; now: Date },
) {
  return {
    id: e.id,
    gridId: e.gridId,
    grid: e.grid,
    kind: e.kind,
    kindLabel: GRID_LOG_KIND_LABELS[e.kind],
    text: e.text,
    photo: e.photoId ? { id: e.photoId, url: signedUploadUrl(ctx.secret, e.photoId, ctx.now) } : null,
    author: { id: e.authorId, name: e.author },
    occurredAt: e.occurredAt,
    createdAt: e.createdAt,
    households: links.households
      .filter((h) => h.entryId === e.id)
      .map((h) => ({ id: h.id, building: h.building, room: mustReveal(relationsTo(v, placeOfLinked(h)), 'room', `${h.unit} ${h.room}`) })),
    orders: links.orders.filter((o) => o.entryId === e.id).map((o) => ({ id: o.id, title: o.title, status: o.status })),
  };
}
