// A community under a 街道: its admin, the 县 admin above it, or the platform admin.
// The Community row is server/org's; it writes it through its index.ts.
import type { Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import { addStandardCatalogue } from '../categories/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { communityNamed, insertCommunity } from '../org/index.js';
import { mayCreateCommunityIn, visibleRegions } from '../policies/index.js';
import { regionById } from './queries.js';
import type { CreateCommunityBody } from './schemas.js';

export async function createCommunity(deps: Deps, v: Viewer, streetId: string, body: CreateCommunityBody) {
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const seen = visibleRegions(v);
    // a region outside the viewer's reach is as good as unknown
    const street = seen === null || seen.includes(streetId) ? await regionById(tx, streetId) : null;
    if (!street) throw notFound('街道');
    if (street.level !== 'STREET') throw badRequest('params.id', 'communities go under a 街道, not a 县');
    if (!mayCreateCommunityIn(v, street)) throw forbidden('only the 街道 admin, the 县 admin above it or a platform administrator creates its communities');
    if (await communityNamed(tx, street.id, body.name)) {
      throw new AppError('conflict', `name: ${body.name} already exists in this 街道`, [{ path: 'body.name', message: 'already exists' }], 'name_taken');
    }
    const community = await insertCommunity(tx, { name: body.name, estate: body.estate, district: body.district ?? street.parent?.name ?? street.name, regionId: street.id });
    // residents can file from the first day; 社区设置 changes the catalogue afterwards
    const categories = await addStandardCatalogue(tx, community.id);
    await recordAdminChange(tx, {
      actor: v, action: 'community.create', at: now,
      target: { type: 'community', id: community.id, communityId: community.id, regionId: street.id },
      before: null,
      after: { name: community.name, estate: community.estate, district: community.district, street: street.name, serviceCategories: categories },
    });
    return { ...community, regionId: street.id };
  });
}
