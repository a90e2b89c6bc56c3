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
    'pages/points/leaderboard',
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
    {
      root: 'packages/staff',
      pages: [
        'dispatch/index',
        'order/index',
        'overdue/index',
        'handover/index',
        'desk/index',
        'dashboard/index',
        'notices/index',
        'notices/compose',
        'notices/detail',
        'jobs/index',
        'jobs/compose',
        'jobs/detail',
        'trainings/compose',
        'trainings/detail',
        'points/index',
      ],
    },
    { root: 'packages/reviewer', pages: ['list/index', 'review/index'] },
    // 我的信息 (PIPL Art. 45–46): opened rarely, from 我的
    { root: 'packages/rights', pages: ['data/index'] },
    // 隐私政策 and 用户协议: linked from sign-in, 我的 and the privacy pop-up
    { root: 'packages/policy', pages: ['privacy/index', 'terms/index'] },
  ],
  // WeChat's privacy checks (WeChat turns them on for every app since 2023-10-17; said here so the
  // pop-up's flow, client/lib/privacy.ts, is what runs in DevTools too). Taro copies the key into app.json.
  __usePrivacyCheck__: true,
  window: {
    navigationBarTitleText: 'e家社区',
    navigationBarBackgroundColor: '#b3121c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f2f2',
    backgroundTextStyle: 'dark',
  },
});
