// Main package: sign-in and everything a resident or building head uses (报事, notices,
// points and the shop, jobs and training, 账号绑定).
// Grid workers', staff's and reviewers' pages are subpackages, loaded only by those who open them.
export default defineAppConfig({
  pages: [
    'pages/login/index',
    'pages/home/index',
    'pages/raise/index',
    'pages/orders/index',
    'pages/order/index',
    'pages/me/index',
    'pages/notices/index',
    'pages/notices/detail',
    'pages/points/index',
    'pages/shop/index',
    'pages/shop/mine',
    'pages/jobs/index',
    'pages/jobs/detail',
    'pages/trainings/index',
    'pages/trainings/detail',
    'pages/link/index',
    'pages/link/group',
  ],
  subPackages: [
    { root: 'packages/worker', pages: ['queue/index', 'task/index', 'households/index'] },
    { root: 'packages/staff', pages: ['dispatch/index', 'order/index', 'overdue/index', 'handover/index'] },
    { root: 'packages/reviewer', pages: ['list/index', 'review/index'] },
  ],
  window: {
    navigationBarTitleText: 'e家社区',
    navigationBarBackgroundColor: '#b3121c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f2f2',
    backgroundTextStyle: 'dark',
  },
});
