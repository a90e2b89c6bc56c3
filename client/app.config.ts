// Main package: sign-in and what a resident or building head uses most (报事 and notices).
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
  ],
  subPackages: [
    { root: 'packages/worker', pages: ['queue/index', 'task/index', 'households/index', 'visits/index', 'visits/record', 'log/index', 'survey/index', 'survey/change'] },
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
    // 找工作, 技能培训, 我的积分 and 积分超市: opened now and then, not at every start (the main
    // package stays under 400 KB); links written with their old pages/… paths still open them
    // (client/lib/workspaces.ts, pageOfNotice)
    { root: 'packages/jobs', pages: ['index', 'detail'] },
    { root: 'packages/trainings', pages: ['index', 'detail'] },
    { root: 'packages/points', pages: ['index', 'leaderboard'] },
    { root: 'packages/shop', pages: ['index', 'mine'] },
    // 账号绑定 and 绑定微信群: done once per person, from 首页 or 我的
    { root: 'packages/link', pages: ['index', 'group'] },
    // 隐私政策 and 用户协议: linked from sign-in, 我的 and the privacy pop-up
    { root: 'packages/policy', pages: ['privacy/index', 'terms/index'] },
    // 扫码登录: opened by the staff console's sign-in code (wxacode.getUnlimited, scene = the ticket)
    { root: 'packages/signin', pages: ['confirm/index'] },
    // 楼栋长: 楼道巡查 and 通知告知情况, from 首页 when working as a building head
    { root: 'packages/head', pages: ['patrol/index', 'told/index'] },
  ],
  // WeChat's privacy checks (WeChat turns them on for every app since 2023-10-17; said here so the
  // pop-up's flow, client/lib/privacy.ts, is what runs in DevTools too). Taro copies the key into app.json.
  __usePrivacyCheck__: true,
  // 按需注入: WeChat loads a page's components when the page is opened, not all at start (a code-quality item)
  lazyCodeLoading: 'requiredComponents',
  window: {
    navigationBarTitleText: 'e家社区',
    navigationBarBackgroundColor: '#b3121c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f2f2',
    backgroundTextStyle: 'dark',
  },
});
