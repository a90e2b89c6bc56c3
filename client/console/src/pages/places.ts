// The community's grids and their buildings, for the 网格 and 楼栋 pickers of the 就业 and
// 积分 sections (every building, also those without orders: GET /api/notices/audience,
// the staff's view of the community's places, with each building's households).
import { useEffect, useState } from 'react';
import { api, type NoticeAudienceChoices } from '../api.js';

export type Grids = NoticeAudienceChoices['grids'];

export function useGrids(): Grids {
  const [grids, setGrids] = useState<Grids>([]);
  useEffect(() => {
    api.notices.audience().then((a) => setGrids(a.grids), () => undefined);
  }, []);
  return grids;
}

export const buildingOptions = (grids: Grids, gridId?: string) =>
  grids.filter((g) => !gridId || g.id === gridId).flatMap((g) => g.buildings.map((b) => ({ value: b.id, label: b.name, households: b.households })));

/** What is wrong with a searched room number (how staff name a household: 302, 1-302), or null. */
export const roomProblem = (room: string) => (/^[0-9A-Za-z-]{1,20}$/.test(room) ? null : '房号请只写数字，如 302');
