// Every page of the app. Member pages live in the main package; admin pages in subpackages
// so members never download them. Each feature owns its pages; add new ones here.
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/tasks/index',
    'pages/points/index',
    'pages/mine/index',
    'pages/report/index',
    'pages/profile/index',
    'pages/inbox/index',
    'pages/task-detail/index',
    'pages/history/index',
    'pages/join-unit/index',
    // public 服务证明 check, opened from the certificate's QR code
    'pages/verify/index',
  ],
  subPackages: [
    {
      root: 'admin-community',
      pages: [
        'index/index',
        'reports/index',
        'roster/index',
        'poster/index',
        'unit-reports/index',
        'tasks/index',
        'task-edit/index',
        'task-signin/index',
        'task-attendance/index',
        'needs/index',
        'projects/index',
        'points-adjust/index',
        // 积分公示 objections: the community admin rules 维持 / 调整 / 撤销
        'gongshi/index',
        // 复核: hand-made credits wait for a second admin of the community
        'review/index',
      ],
    },
    // 承诺践诺 and 微心愿: member pages and community admin pages, outside the main package
    { root: 'pledge', pages: ['mine/index', 'edit/index', 'wall/index'] },
    { root: 'wish', pages: ['wall/index', 'detail/index', 'submit/index'] },
    { root: 'admin-service', pages: ['pledges/index', 'wishes/index', 'wish-edit/index'] },
    // 消息设置 (notification preferences) and 群发通知 (a community admin's notice to its members)
    { root: 'notice', pages: ['settings/index', 'broadcast/index'] },
    { root: 'admin-unit', pages: ['index/index', 'members/index', 'report/index'] },
    { root: 'admin-street', pages: ['index/index', 'admins/index'] },
    // 记实档案, exports, letters, certificates (issue 13): members and admins both open these
    // 双向评价 (evaluate) and the resident's one-tap confirmation (resident: public, no registration)
    { root: 'record', pages: ['timeline/index', 'export/index', 'certificate/index', 'certificates/index', 'letters/index', 'evaluate/index', 'resident/index'] },
    // 积分兑换 (issue 15): 积分商城 and 我的兑换 for members; catalogue and 核销 for the community admin
    // 积分公示 for members (issue 15): the list and the objection form
    { root: 'gongshi', pages: ['list/index'] },
    { root: 'redeem', pages: ['mall/index', 'mine/index'] },
    { root: 'admin-redeem', pages: ['items/index', 'item-edit/index', 'hand-over/index', 'settings/index'] },
    // 数据看板 (issue 16): district / street / community / unit dashboards from the stats roll-up
    { root: 'dashboard', pages: ['index/index', 'thresholds/index'] },
  ],
  tabBar: {
    color: '#666666',
    selectedColor: '#C8102E',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/tasks/index', text: '任务', iconPath: 'assets/tab/tasks.png', selectedIconPath: 'assets/tab/tasks-active.png' },
      { pagePath: 'pages/points/index', text: '积分', iconPath: 'assets/tab/points.png', selectedIconPath: 'assets/tab/points-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#C8102E',
    navigationBarTitleText: '双报到',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  lazyCodeLoading: 'requiredComponents',
  __usePrivacyCheck__: true,
  // every location API the code calls must be declared, or WeChat refuses it on a phone (tests/unit/manifest)
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确认您在服务地点签到签退，以及为服务任务选择地点' },
  },
});
