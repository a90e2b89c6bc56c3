// One household's page: its schedule and its visits, newest first.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { maySeeVisits } from '../policies/index.js';
import { householdPlace, visitsOf } from './queries.js';
import { presentHousehold, presentVisit } from './presenter.js';
import { chinaDay } from './rules.js';
import { schedule } from './schedule.js';

export async function householdVisits(deps: Deps, v: Viewer, householdId: string) {
  const now = deps.clock();
  const place = await householdPlace(deps.sql, householdId, v.userId);
  if (!place || !maySeeVisits(v, place, Boolean(place.paired))) throw notFound('household');
  const today = chinaDay(now);
  const [[h], visits] = await Promise.all([schedule(deps.sql, { householdIds: [householdId] }, today, { all: true }), visitsOf(deps.sql, householdId, 30)]);
  return {
    household: presentHousehold(v, h!, today, Boolean(place.paired)),
    visits: visits.map((x) => presentVisit(x, now, deps.config.sessionSecret)),
  };
}
