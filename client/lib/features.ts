// Resident services beyond the 四单 flow: jobs and training, the points shop,
// and the building's notices. Each entry's button appears on a linked resident's
// home page while `available` is true; switching one off (a community without a
// points shop, say) hides its button rather than leading to an empty page.
import { PAGES } from './workspaces.js';

export interface ResidentService {
  key: 'jobs' | 'training' | 'points';
  icon: string;
  label: string;
  sub: string;
  url: string;
  available: boolean;
}

export const RESIDENT_SERVICES: ResidentService[] = [
  { key: 'jobs', icon: '💼', label: '找工作', sub: '家门口的工作岗位', url: PAGES.jobs, available: true },
  { key: 'training', icon: '🎓', label: '培训报名', sub: '学手艺，拿证书', url: PAGES.trainings, available: true },
  { key: 'points', icon: '🎁', label: '我的积分', sub: '积分换东西', url: PAGES.points, available: true },
];

/** The latest notices for my building, on the home page. */
export const NOTICES_ON_HOME = 3;
