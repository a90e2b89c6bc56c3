// The audience picker: the community's grids and buildings, with each building's
// households and linked group, so the composer can count who a choice reaches.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { homeCommunity, noticePolicy } from '../policies/index.js';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh', { numeric: true });

export async function audienceChoices(deps: Deps, viewer: Viewer, communityId: string | undefined) {
  if (!noticePolicy.write(viewer)) throw forbidden('only community staff can write notices');
  const cid = communityId ?? homeCommunity(viewer);
  if (!cid) throw badRequest('query.communityId', 'required: say which community');
  if (!noticePolicy.compose(viewer, cid)) throw notFound('communityId: community');
  const community = await deps.db.community.findUnique({
    where: { id: cid },
    select: {
      id: true,
      grids: {
        select: {
          id: true,
          name: true,
          buildings: {
            select: {
              id: true,
              name: true,
              _count: { select: { households: true } },
              chatGroup: { select: { group: { select: { id: true, topic: true, channel: true } } } },
            },
          },
        },
      },
    },
  });
  if (!community) throw notFound('communityId: community');
  return {
    communityId: community.id,
    grids: community.grids.sort(byName).map((g) => ({
      id: g.id,
      name: g.name,
      buildings: g.buildings.sort(byName).map((b) => ({
        id: b.id,
        name: b.name,
        households: b._count.households,
        group: b.chatGroup ? b.chatGroup.group : null,
      })),
    })),
  };
}
