// The community a page is about: staff work in their own; an administrator of several
// (platform, 街道, 县) picks one of those they administer, as 户籍台账 lists them.
import { useEffect, useState } from 'react';
import { request } from '../../api/core.js';
import type { Me } from './api.js';

export type Place = { id: string; name: string };

export function useCommunity(me: Me) {
  const own = me.community?.id ?? me.roles.find((r) => r.communityId)?.communityId ?? null;
  const [choices, setChoices] = useState<Place[]>([]);
  const [picked, setPicked] = useState<string | null>(own);
  useEffect(() => {
    if (own) return;
    request<Place[]>('GET', '/registry/communities').then(
      (list) => {
        setChoices(list.map((c) => ({ id: c.id, name: c.name })));
        setPicked((p) => p ?? list[0]?.id ?? null);
      },
      () => undefined,
    );
  }, [own]);
  return { communityId: picked, choices, pick: setPicked, fixed: !!own };
}
