// A 县 (platform admin) or a 街道 under a 县 (platform admin, or that 县's admin).
import type { Viewer } from '../auth/index.js';
import { recordAdminChange } from '../audit/index.js';
import type { Deps } from '../context.js';
import { isUniqueViolation } from '../db.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { mayCreateCounty, mayCreateStreet, visibleRegions } from '../policies/index.js';
import { countyNamed, insertRegion, regionById } from './queries.js';
import type { CreateRegionBody } from './schemas.js';

const taken = (name: string) => new AppError('conflict', `name: ${name} already exists there`, [{ path: 'body.name', message: 'already exists' }], 'name_taken');

export async function createRegion(deps: Deps, v: Viewer, body: CreateRegionBody) {
  const now = deps.clock();
  try {
    return await deps.db.$transaction(async (tx) => {
      if (body.level === 'COUNTY') {
        if (!mayCreateCounty(v)) throw forbidden('only a platform administrator creates a 县');
        if (await countyNamed(tx, body.name)) throw taken(body.name);
      } else {
        const seen = visibleRegions(v);
        const county = seen === null || seen.includes(body.parentId!) ? await regionById(tx, body.parentId!) : null;
        if (!county) throw notFound('parentId: 县');
        if (county.level !== 'COUNTY') throw badRequest('body.parentId', 'a 街道 goes under a 县');
        if (!mayCreateStreet(v, county.id)) throw forbidden('only a platform administrator or the 县 admin creates its 街道');
      }
      const region = await insertRegion(tx, { level: body.level, name: body.name, parentId: body.parentId ?? null, createdAt: now });
      await recordAdminChange(tx, {
        actor: v, action: 'region.create', at: now,
        target: { type: 'region', id: region.id, regionId: region.id },
        before: null,
        after: { level: body.level === 'COUNTY' ? '县' : '街道', name: region.name },
      });
      return region;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw taken(body.name);
    throw e;
  }
}
