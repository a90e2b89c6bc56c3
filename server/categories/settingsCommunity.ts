// Which community a settings request is about: the one it names (an administrator of
// several), else the viewer's own. Someone who does no settings work at all is refused
// (403); a community outside the viewer's reach is not found (404), as elsewhere.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { homeCommunity, mayOpenSettings, mayReadSettings } from '../policies/index.js';

export async function settingsCommunity(deps: Deps, v: Viewer, named: string | undefined, field = 'query.communityId'): Promise<string> {
  if (!mayOpenSettings(v)) throw forbidden('community settings are for its staff and administrators');
  const id = named ?? homeCommunity(v);
  if (!id) throw badRequest(field, 'name the community');
  if (!mayReadSettings(v, id)) throw notFound('community');
  // an administrator may name any community: it must be one
  if (!(await deps.db.community.findUnique({ where: { id }, select: { id: true } }))) throw notFound('community');
  return id;
}
