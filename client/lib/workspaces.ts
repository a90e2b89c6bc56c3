// One person can hold several roles (a building head is also a resident; a grid
// worker may live in the estate). A workspace is the set of pages for one role;
// the tab bar shows the current one, 我的 switches between them.
import type { Me } from '../api/types.js';

export type Workspace = 'resident' | 'buildingHead' | 'worker' | 'staff' | 'reviewer';

export const WORKSPACE_WORDS: Record<Workspace, string> = {
  resident: '居民',
  buildingHead: '楼栋长',
  worker: '网格员',
  staff: '社区干部',
  reviewer: '党组织评单',
};

export interface Tab {
  key: string;
  text: string;
  icon: string;
  url: string;
}

export const PAGES = {
  login: '/pages/login/index',
  home: '/pages/home/index',
  raise: '/pages/raise/index',
  orders: '/pages/orders/index',
  order: '/pages/order/index',
  me: '/pages/me/index',
  points: '/packages/points/index',
  leaderboard: '/packages/points/leaderboard',
  shop: '/packages/shop/index',
  myRedemptions: '/packages/shop/mine',
  jobs: '/packages/jobs/index',
  job: '/packages/jobs/detail',
  trainings: '/packages/trainings/index',
  training: '/packages/trainings/detail',
  notices: '/pages/notices/index',
  notice: '/pages/notices/detail',
  link: '/packages/link/index',
  groupCode: '/packages/link/group',
  myData: '/packages/rights/data/index',
  workerQueue: '/packages/worker/queue/index',
  workerTask: '/packages/worker/task/index',
  workerHouseholds: '/packages/worker/households/index',
  workerVisits: '/packages/worker/visits/index',
  workerVisit: '/packages/worker/visits/record',
  workerLog: '/packages/worker/log/index',
  workerSurvey: '/packages/worker/survey/index',
  workerSurveyChange: '/packages/worker/survey/change',
  staffDispatch: '/packages/staff/dispatch/index',
  staffOrder: '/packages/staff/order/index',
  staffOverdue: '/packages/staff/overdue/index',
  staffHandover: '/packages/staff/handover/index',
  staffDesk: '/packages/staff/desk/index',
  staffDashboard: '/packages/staff/dashboard/index',
  staffNotices: '/packages/staff/notices/index',
  staffNoticeCompose: '/packages/staff/notices/compose',
  staffNotice: '/packages/staff/notices/detail',
  staffJobs: '/packages/staff/jobs/index',
  staffJobCompose: '/packages/staff/jobs/compose',
  staffJob: '/packages/staff/jobs/detail',
  staffTrainingCompose: '/packages/staff/trainings/compose',
  staffTraining: '/packages/staff/trainings/detail',
  staffAwards: '/packages/staff/points/index',
  reviewerList: '/packages/reviewer/list/index',
  reviewerReview: '/packages/reviewer/review/index',
} as const;

const ME_TAB: Tab = { key: 'me', text: '我的', icon: '👤', url: PAGES.me };

const TABS: Record<Workspace, Tab[]> = {
  resident: [
    { key: 'home', text: '首页', icon: '🏠', url: PAGES.home },
    { key: 'orders', text: '我的报事', icon: '📋', url: PAGES.orders },
    ME_TAB,
  ],
  buildingHead: [
    { key: 'home', text: '首页', icon: '🏠', url: PAGES.home },
    { key: 'orders', text: '报事进度', icon: '📋', url: PAGES.orders },
    ME_TAB,
  ],
  worker: [
    { key: 'queue', text: '我的任务', icon: '🧰', url: PAGES.workerQueue },
    { key: 'visits', text: '走访', icon: '🚪', url: PAGES.workerVisits },
    { key: 'households', text: '网格住户', icon: '🏘️', url: PAGES.workerHouseholds },
    ME_TAB,
  ],
  staff: [
    { key: 'dispatch', text: '待派单', icon: '📨', url: PAGES.staffDispatch },
    { key: 'overdue', text: '超时督办', icon: '⏰', url: PAGES.staffOverdue },
    { key: 'handover', text: '核销', icon: '🎁', url: PAGES.staffHandover },
    // the dashboard, notices, jobs and training, points awards
    { key: 'desk', text: '工作台', icon: '🗂️', url: PAGES.staffDesk },
    ME_TAB,
  ],
  reviewer: [
    { key: 'review', text: '待评单', icon: '✅', url: PAGES.reviewerList },
    ME_TAB,
  ],
};

export const tabsOf = (w: Workspace): Tab[] => TABS[w];

/** The first page of a workspace. */
export const homeOf = (w: Workspace): string => TABS[w][0]!.url;

/** Workspaces a person may use, the most demanding first (that is where they land). */
export function workspacesOf(me: Pick<Me, 'roles' | 'linked'>): Workspace[] {
  const has = (r: string) => me.roles.some((g) => g.role === r);
  const list: Workspace[] = [];
  if (has('STAFF') || has('ADMIN')) list.push('staff');
  if (has('REVIEWER')) list.push('reviewer');
  if (has('GRID_WORKER')) list.push('worker');
  if (has('BUILDING_HEAD')) list.push('buildingHead');
  else if (me.linked || has('RESIDENT') || list.length === 0) list.push('resident');
  return list;
}

/** The stored choice if it is still one of theirs, else the first. */
export function pickWorkspace(me: Pick<Me, 'roles' | 'linked'>, stored: string | undefined): Workspace {
  const list = workspacesOf(me);
  return list.find((w) => w === stored) ?? list[0]!;
}

/** Building heads, grid workers and staff may raise a request for someone else. */
export const canFileForOthers = (w: Workspace) => w === 'buildingHead' || w === 'worker' || w === 'staff';

/**
 * A notice's mini-program page (`pages/jobs/detail?id=…`) as a URL to open, or
 * null when this version of the app has no such page.
 */
export function pageOfNotice(pagePath: string | null): string | null {
  if (!pagePath) return null;
  const url = `/${pagePath.replace(/^\//, '')}`;
  const [path, query] = url.split('?') as [string, string | undefined];
  const moved = MOVED_PAGES[path];
  if (moved) return query === undefined ? moved : `${moved}?${query}`;
  return (Object.values(PAGES) as string[]).includes(path) ? url : null;
}

/** Pages that moved into subpackages; notices written before (and the console's link list) name the old path. */
const MOVED_PAGES: Record<string, string> = {
  '/pages/points/index': PAGES.points,
  '/pages/points/leaderboard': PAGES.leaderboard,
  '/pages/shop/index': PAGES.shop,
  '/pages/shop/mine': PAGES.myRedemptions,
  // the server's automatic job and training notices (server/notices/automatic.ts) and the demo job notice
  '/pages/jobs/index': PAGES.jobs,
  '/pages/jobs/detail': PAGES.job,
  '/pages/trainings/index': PAGES.trainings,
  '/pages/trainings/detail': PAGES.training,
};
