// The typed API of e家社区, one function per route (README: "The API"), on whichever
// transport the app installed (core.ts).
import { ApiError, ROUTE_WORDS as W } from './errors.js';
import { request, upload } from './core.js';
import type {
  AskInput,
  OrderBrief,
  OrderUpdateInput,
  SimilarOrder,
  StockReply,
  AccountPage,
  AccountsQuery,
  AssignedRole,
  AssignRoleInput,
  BotStatus,
  BuildingMoved,
  ChatGroup,
  GridGroupLink,
  GridWithBuildings,
  GroupLink,
  NewRoleInvite,
  OpenRoleInvite,
  RemovedRole,
  RobotRemoved,
  RobotTested,
  RoleInviteInput,
  AttendanceInput,
  CreateItemInput,
  CreateRuleInput,
  HouseholdPoints,
  RegistryCommunity,
  AuditActions,
  AuditPage,
  AuditQuery,
  CommunityFigures,
  CreateCommunityInput,
  CreatedCommunity,
  CreatedRegion,
  CreateRegionInput,
  OversightCompare,
  OversightQuery,
  RegionCandidates,
  RegionOfficial,
  RegionRoleName,
  RegionTree,
  RegistryImport,
  ResidentLeft,
  ManagedJobPage,
  ManagedTrainingPage,
  ManageJobsInput,
  ManageTrainingsInput,
  PointsHouseholdPage,
  PointsHouseholdsInput,
  StoredPointsRule,
  BulkDispatchInput,
  BulkDispatchResult,
  AttendanceResult,
  AwardInput,
  AwardResult,
  CompleteResult,
  ComposeNoticeInput,
  CreateJobInput,
  CreateTrainingInput,
  DeliveryProgress,
  EmploymentHouseholdPage,
  EmploymentHouseholdsQuery,
  EmploymentStats,
  JobCandidate,
  JobInterestRow,
  ManagedNotice,
  ManagedNoticePage,
  ManageNoticesInput,
  NoticeAudienceChoices,
  ResendDeliveryInput,
  OptIns,
  OrderStats,
  OutcomeResult,
  PointsRule,
  PointsMonth,
  StaffJob,
  SubscribeTemplate,
  TrainingDetail,
  TrainingRoster,
  TrainingsQuery,
  Category,
  DispatchInput,
  FeedbackInput,
  GridWorker,
  Enrolment,
  HouseholdPage,
  HouseholdsQuery,
  Job,
  JobDetail,
  JobInterest,
  JobsQuery,
  Leaderboard,
  LedgerQuery,
  LinkCode,
  LinkResult,
  LoginResult,
  QrDecision,
  QrScan,
  ConsentKind,
  ConsentState,
  Me,
  MyDataCopy,
  CorrectionInput,
  MyInterest,
  MyPoints,
  Notice,
  NoticePage,
  NoticesQuery,
  OrderDetail,
  OrderPage,
  OrderPlaces,
  OrdersQuery,
  RedeemInput,
  Redemption,
  RedemptionPage,
  RedemptionsQuery,
  ResidentChoice,
  ResidentsQuery,
  ResolveInput,
  ReviewInput,
  ShopItem,
  SubmitOrderInput,
  Training,
  UploadResult,
  WithdrawResult,
} from './types.js';

export const api = {
  auth: {
    wechat: (code: string) => request<LoginResult>('POST', '/auth/wechat', { body: { code } }),
    /** Development and test builds only; in production the minifier drops the call (and the server refuses it). */
    devLogin: (openid: string) => {
      if (!EJIA_DEV_LOGIN) throw new ApiError(404, 'not_found', 'demo sign-in is not in production builds');
      return request<LoginResult>('POST', '/auth/dev-login', { body: { openid } });
    },
    logout: () => request<void>('POST', '/auth/logout', { body: {} }),
    /** 扫码登录: the phone's side (the console's side is client/console/src/signIn.ts) */
    qr: {
      scan: (ticket: string) => request<QrScan>('POST', `/auth/qr/${encodeURIComponent(ticket)}/scan`, { body: {}, words: W.qrSignIn }),
      confirm: (ticket: string) => request<QrDecision>('POST', `/auth/qr/${encodeURIComponent(ticket)}/confirm`, { body: {}, words: W.qrSignIn }),
      cancel: (ticket: string) => request<QrDecision>('POST', `/auth/qr/${encodeURIComponent(ticket)}/cancel`, { body: {}, words: W.qrSignIn }),
    },
  },
  me: () => request<Me>('GET', '/me'),
  categories: () => request<Category[]>('GET', '/categories'),
  orders: {
    list: (q: OrdersQuery = {}) => request<OrderPage>('GET', '/orders', { query: q }),
    get: (id: string) => request<OrderDetail>('GET', `/orders/${encodeURIComponent(id)}`),
    submit: (body: SubmitOrderInput) => request<OrderDetail>('POST', '/orders', { body, words: W.submitOrder }),
    /** Staff, reviewers: the dashboard's figures for the last `days` days. */
    stats: (days: number) => request<OrderStats>('GET', '/orders/stats', { query: { days } }),
    /** The grids and buildings of the viewer's orders (the console's filters). */
    places: () => request<OrderPlaces>('GET', '/orders/places'),
    /** 批量派单 (the staff console): each order dispatched or refused on its own. */
    bulkDispatch: (body: BulkDispatchInput) => request<BulkDispatchResult>('POST', '/orders/dispatch', { body }),
    dispatch: (id: string, body: DispatchInput = {}) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/dispatch`, { body }),
    claim: (id: string, note?: string) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/claim`, { body: note ? { note } : {} }),
    resolve: (id: string, body: ResolveInput) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/resolve`, { body }),
    feedback: (id: string, body: FeedbackInput) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/feedback`, { body }),
    review: (id: string, body: ReviewInput) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/review`, { body }),
    cancel: (id: string, reason?: string) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/cancel`, { body: reason ? { reason } : {} }),
    /** A message (and photos) on the order; while 待补充, the resident's answer. */
    update: (id: string, body: OrderUpdateInput) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/updates`, { body }),
    /** 待补充: a worker asks the resident for more. */
    ask: (id: string, body: AskInput) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/ask`, { body }),
    /** 是不是这件事？ before filing. */
    similar: (q: { category: string; description: string; onBehalfOf?: string }) => request<SimilarOrder[]>('GET', '/orders/similar', { query: q }),
    brief: (id: string) => request<OrderBrief>('GET', `/orders/${encodeURIComponent(id)}/brief`),
    /** 我也遇到了 (+1) */
    join: (id: string) => request<OrderBrief>('POST', `/orders/${encodeURIComponent(id)}/join`, { body: {} }),
    merge: (id: string, into: string) => request<OrderDetail>('POST', `/orders/${encodeURIComponent(id)}/merge`, { body: { into } }),
  },
  /** 常用回复 of the viewer's community */
  stockReplies: (q: { category?: string; purpose?: 'ask' | 'resolve' } = {}) => request<StockReply[]>('GET', '/categories/replies', { query: q }),
  uploads: {
    photo: (filePath: string) => upload<UploadResult>('/uploads', filePath),
  },
  org: {
    residents: (q: ResidentsQuery = {}) => request<ResidentChoice[]>('GET', '/org/residents', { query: q }),
    households: (q: HouseholdsQuery = {}) => request<HouseholdPage>('GET', '/org/households', { query: q }),
    gridWorkers: () => request<GridWorker[]>('GET', '/org/grid-workers'),
  },
  /** 账号绑定: the one-time code a grid worker or staff gave the resident. */
  link: (code: string) => request<LinkResult>('POST', '/me/link', { body: { code }, words: W.link }),
  /** PIPL Art. 45: a copy of everything held about me and my household. */
  myData: () => request<MyDataCopy>('GET', '/me/data'),
  /** PIPL Art. 46: 信息有误，申请更正 — filed as a 信息更正 order for staff. */
  askCorrection: (body: CorrectionInput) => request<OrderDetail>('POST', '/me/corrections', { body, words: W.correction }),
  /** 同意隐私政策 / 用户协议: the version shown (shared/consent.ts), recorded on the server with the time. */
  consent: (kind: ConsentKind, version: string) => request<ConsentState>('POST', '/me/consents', { body: { kind, version } }),
  bot: {
    /** A code to send in the building group as `#绑定 <code>`. */
    linkCode: () => request<LinkCode>('POST', '/bot/link-code', { body: {} }),
    /** 群管理 (staff): the groups the bot is in and the WeCom robots, with what each is linked to. */
    groups: () => request<ChatGroup[]>('GET', '/bot/groups'),
    status: () => request<BotStatus>('GET', '/bot/status'),
    /** The group a building's notices go to; null unlinks. */
    linkBuilding: (buildingId: string, groupId: string | null) =>
      request<GroupLink>('PUT', `/bot/buildings/${encodeURIComponent(buildingId)}/group`, { body: { groupId }, words: W.groups }),
    linkGrid: (gridId: string, groupId: string | null) =>
      request<GridGroupLink>('PUT', `/bot/grids/${encodeURIComponent(gridId)}/group`, { body: { groupId }, words: W.groups }),
    addRobot: (body: { webhook: string; topic: string; communityId?: string }) => request<ChatGroup>('POST', '/bot/wecom-robots', { body, words: W.groups }),
    removeRobot: (id: string) => request<RobotRemoved>('DELETE', `/bot/wecom-robots/${encodeURIComponent(id)}`, { words: W.groups }),
    testRobot: (id: string) => request<RobotTested>('POST', `/bot/wecom-robots/${encodeURIComponent(id)}/test`, { body: {}, words: W.groups }),
  },
  /** 账号 (staff, administrators): the community's working accounts and their roles. */
  accounts: {
    list: (q: AccountsQuery = {}) => request<AccountPage>('GET', '/accounts', { query: q }),
    assign: (body: AssignRoleInput) => request<AssignedRole>('POST', '/accounts/roles', { body, words: W.accounts }),
    remove: (roleId: string) => request<RemovedRole>('DELETE', `/accounts/roles/${encodeURIComponent(roleId)}`, { words: W.accounts }),
    invites: (communityId?: string) => request<OpenRoleInvite[]>('GET', '/accounts/invites', { query: { communityId } }),
    invite: (body: RoleInviteInput) => request<NewRoleInvite>('POST', '/accounts/invites', { body, words: W.accounts }),
    withdrawInvite: (id: string) => request<void>('DELETE', `/accounts/invites/${encodeURIComponent(id)}`, { words: W.accounts }),
  },
  /** 网格划分 (staff, administrators): grids as sets of buildings. */
  grids: {
    list: (communityId?: string) => request<GridWithBuildings[]>('GET', '/org/grids', { query: { communityId } }),
    create: (name: string, communityId?: string) => request<GridWithBuildings>('POST', '/org/grids', { body: { name, communityId }, words: W.grids }),
    rename: (id: string, name: string) => request<GridWithBuildings>('PATCH', `/org/grids/${encodeURIComponent(id)}`, { body: { name }, words: W.grids }),
    moveBuilding: (buildingId: string, gridId: string) =>
      request<BuildingMoved>('POST', `/org/buildings/${encodeURIComponent(buildingId)}/move`, { body: { gridId }, words: W.grids }),
  },
  points: {
    mine: (q: LedgerQuery = {}) => request<MyPoints>('GET', '/points/me', { query: q }),
    /** 积分榜 of my building (staff: of `buildingId`). */
    leaderboard: (buildingId?: string) => request<Leaderboard>('GET', '/points/leaderboard', { query: { buildingId } }),
    rules: () => request<PointsRule[]>('GET', '/points/rules'),
    /** Staff: the community's points earned, redeemed… per month, oldest first. */
    monthly: (months = 6) => request<PointsMonth[]>('GET', '/points/monthly', { query: { months } }),
    createRule: (body: CreateRuleInput) => request<StoredPointsRule>('POST', '/points/rules', { body }),
    /** Staff: the community's households with their balance, by building and room. */
    households: (q: PointsHouseholdsInput = {}) => request<PointsHouseholdPage>('GET', '/points/households', { query: q }),
    /** Staff: one household's balance and ledger, newest first. */
    ledger: (householdId: string, q: LedgerQuery = {}) => request<HouseholdPoints>('GET', `/points/households/${encodeURIComponent(householdId)}`, { query: q }),
    /** Staff: one rule to one or many households; `idempotencyKey` the same again when the tap is retried. */
    award: (body: AwardInput, idempotencyKey: string) =>
      request<AwardResult>('POST', '/points/awards', { body, headers: { 'Idempotency-Key': idempotencyKey }, words: W.award }),
  },
  shop: {
    items: () => request<ShopItem[]>('GET', '/shop/items'),
    /** Staff: new goods on the shelf. */
    createItem: (body: CreateItemInput) => request<ShopItem>('POST', '/shop/items', { body }),
    restock: (id: string, quantity: number) => request<ShopItem>('POST', `/shop/items/${encodeURIComponent(id)}/restock`, { body: { quantity } }),
    /** `idempotencyKey`: one per tap on 确定兑换, the same again when that tap is retried, so nothing is bought twice. */
    redeem: (body: RedeemInput, idempotencyKey: string) =>
      request<Redemption>('POST', '/shop/redemptions', { body, headers: { 'Idempotency-Key': idempotencyKey }, words: W.redeem }),
    redemptions: (q: RedemptionsQuery = {}) => request<RedemptionPage>('GET', '/shop/redemptions', { query: q }),
    cancel: (id: string) => request<Redemption>('POST', `/shop/redemptions/${encodeURIComponent(id)}/cancel`, { body: {}, words: W.cancelRedemption }),
    /** Staff: 核销 against the pickup code the resident shows. */
    handOver: (pickupCode: string) => request<Redemption>('POST', '/shop/redemptions/handover', { body: { pickupCode }, words: W.handOver }),
  },
  jobs: {
    list: (q: JobsQuery = {}) => request<Job[]>('GET', '/jobs', { query: q }),
    /** Staff: every posting, closed ones too, with how many registered. */
    manage: () => request<StaffJob[]>('GET', '/jobs', { query: { all: true, limit: 100 } }),
    get: (id: string) => request<JobDetail>('GET', `/jobs/${encodeURIComponent(id)}`),
    interest: (id: string) => request<JobInterest>('POST', `/jobs/${encodeURIComponent(id)}/interest`, { body: {}, words: W.jobInterest }),
    mine: () => request<MyInterest[]>('GET', '/jobs/interests/mine'),
    create: (body: CreateJobInput) => request<StaffJob>('POST', '/jobs', { body, words: W.createJob }),
    close: (id: string) => request<StaffJob>('POST', `/jobs/${encodeURIComponent(id)}/close`, { body: {}, words: W.closeJob }),
    interests: (id: string) => request<JobInterestRow[]>('GET', `/jobs/${encodeURIComponent(id)}/interests`),
    outcome: (id: string, interestId: string, outcome: 'hired' | 'not_hired') =>
      request<OutcomeResult>('POST', `/jobs/${encodeURIComponent(id)}/interests/${encodeURIComponent(interestId)}/outcome`, { body: { outcome }, words: W.interestOutcome }),
    candidates: (id: string) => request<JobCandidate[]>('GET', `/jobs/${encodeURIComponent(id)}/candidates`),
    /** Staff console: every posting, filtered, searched, sorted and paged on the server. */
    managed: (q: ManageJobsInput = {}) => request<ManagedJobPage>('GET', '/jobs/manage', { query: q }),
  },
  trainings: {
    /** `all` (staff): past and closed courses too. */
    list: (q: TrainingsQuery = {}) => request<Training[]>('GET', '/trainings', { query: q }),
    get: (id: string) => request<TrainingDetail>('GET', `/trainings/${encodeURIComponent(id)}`),
    /** A seat; a full course is a 409 (see isFull) unless `waitlist` asks for the waiting list. */
    enrol: (id: string, waitlist = false) =>
      request<Enrolment>('POST', `/trainings/${encodeURIComponent(id)}/enrol`, { body: waitlist ? { waitlist } : {}, words: W.enrol }),
    withdraw: (id: string) => request<WithdrawResult>('POST', `/trainings/${encodeURIComponent(id)}/withdraw`, { body: {}, words: W.withdraw }),
    create: (body: CreateTrainingInput) => request<Training>('POST', '/trainings', { body, words: W.createTraining }),
    roster: (id: string) => request<TrainingRoster>('GET', `/trainings/${encodeURIComponent(id)}/enrolments`),
    attendance: (id: string, body: AttendanceInput) =>
      request<AttendanceResult>('POST', `/trainings/${encodeURIComponent(id)}/attendance`, { body, words: W.attendance }),
    complete: (id: string, residentIds: string[]) =>
      request<CompleteResult>('POST', `/trainings/${encodeURIComponent(id)}/complete`, { body: { residentIds }, words: W.complete }),
    /** Staff console: every course, filtered, searched, sorted and paged on the server. */
    managed: (q: ManageTrainingsInput = {}) => request<ManagedTrainingPage>('GET', '/trainings/manage', { query: q }),
  },
  employment: {
    /** Staff: 就业率 and zero-employment households, the community's and each grid's. */
    stats: () => request<EmploymentStats>('GET', '/employment/stats'),
    households: (q: EmploymentHouseholdsQuery = {}) => request<EmploymentHouseholdPage>('GET', '/employment/households', { query: q }),
  },
  registry: {
    /** Administrators: the communities whose 户籍台账 they may import and export. */
    communities: () => request<RegistryCommunity[]>('GET', '/registry/communities'),
    /** A stored dry run again (upload: the console posts the file itself, to keep its name). */
    preview: (id: string) => request<RegistryImport>('GET', `/registry/imports/${encodeURIComponent(id)}`),
    /** Apply exactly what the preview showed; 409 stale_preview when the registry changed since. */
    confirm: (id: string) =>
      request<RegistryImport>('POST', `/registry/imports/${encodeURIComponent(id)}/confirm`, {
        body: {},
        words: {
          stale_preview: '核对之后，台账又有了改动（有人改了楼栋、住户或就业状态）。请重新上传这份表格核对一遍，再确认。',
          already_confirmed: '这份表格已经导入过了。',
          superseded: '之后又上传了别的表格，请用最新的核对结果确认。',
        },
      }),
    /** 迁出/去世 of a person the workbook no longer lists (POST /api/org/residents/:id/leave): anonymised, history kept. */
    markLeft: (residentId: string, reason: 'moved_out' | 'deceased') =>
      request<ResidentLeft>('POST', `/org/residents/${encodeURIComponent(residentId)}/leave`, { body: { reason }, words: { '409': '这个人已经登记过迁出或去世了。' } }),
  },
  notices: {
    list: (q: NoticesQuery = {}) => request<NoticePage>('GET', '/notices', { query: q }),
    get: (id: string) => request<Notice>('GET', `/notices/${encodeURIComponent(id)}`),
    read: (id: string) => request<Notice>('POST', `/notices/${encodeURIComponent(id)}/read`, { body: {} }),
    /** Staff: write a notice (now, or at `sendAt`); one delivery is queued per linked building group. */
    compose: (body: ComposeNoticeInput) => request<ManagedNotice>('POST', '/notices', { body, words: W.composeNotice }),
    manage: (q: ManageNoticesInput = {}) => request<ManagedNoticePage>('GET', '/notices/manage', { query: q }),
    managed: (id: string) => request<ManagedNotice>('GET', `/notices/manage/${encodeURIComponent(id)}`),
    deliveries: (id: string) => request<DeliveryProgress>('GET', `/notices/${encodeURIComponent(id)}/deliveries`),
    cancel: (id: string) => request<ManagedNotice>('POST', `/notices/${encodeURIComponent(id)}/cancel`, { body: {}, words: W.cancelNotice }),
    /** Send the failed deliveries again. */
    retry: (id: string) => request<DeliveryProgress>('POST', `/notices/${encodeURIComponent(id)}/retry`, { body: {}, words: W.retryNotice }),
    /** Send one group's post again; a possibly sent one (可能已发出) only with `confirmPossiblyPosted: true`. */
    resend: (id: string, deliveryId: string, body: ResendDeliveryInput = {}) =>
      request<DeliveryProgress>('POST', `/notices/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/resend`, { body, words: W.resendDelivery }),
    /** Staff: the grids and buildings to pick from, with households and linked groups. */
    audience: (communityId?: string) => request<NoticeAudienceChoices>('GET', '/notices/audience', { query: { communityId } }),
    /** Subscribe messages I may still receive, per template. */
    optIns: () => request<OptIns>('GET', '/notices/subscriptions'),
    /** After wx.requestSubscribeMessage: the templates accepted (one message each). */
    optIn: (accepted: SubscribeTemplate[]) => request<OptIns>('POST', '/notices/subscriptions', { body: { accepted } }),
  },
  /** 县/街道 and their communities and officials (platform, 县 and 街道 officials; issue #19). */
  regions: {
    tree: () => request<RegionTree>('GET', '/regions'),
    create: (body: CreateRegionInput) => request<CreatedRegion>('POST', '/regions', { body, words: { name_taken: '这个名字已经有了。', '404': '没有找到上级的县。', '403': '您不能在这里新建。' } }),
    createCommunity: (streetId: string, body: CreateCommunityInput) =>
      request<CreatedCommunity>('POST', `/regions/${encodeURIComponent(streetId)}/communities`, { body, words: { name_taken: '这个街道已经有同名的社区了。', '403': '只有街道或县的管理员可以新建社区。' } }),
    /** Accounts by name that may be named officials (never a resident's own account). */
    candidates: (q: string) => request<RegionCandidates>('GET', '/regions/candidates', { query: { q } }),
    assign: (regionId: string, userId: string, role: RegionRoleName) =>
      request<RegionOfficial>('POST', `/regions/${encodeURIComponent(regionId)}/roles`, {
        body: { userId, role },
        words: { already_held: '这个账号已经有这个角色了。', resident_account: '这是居民自己的微信账号，不能担任工作角色。请让本人用另一个微信号登录后再任命。', '403': '您不能任命这个角色。' },
      }),
  },
  /** 辖区总览: the communities under a 街道 or 县 side by side, and one community's figures (aggregates only). */
  oversight: {
    communities: (q: OversightQuery = {}) => request<OversightCompare>('GET', '/oversight/communities', { query: q }),
    community: (id: string, month?: string) => request<CommunityFigures>('GET', `/oversight/communities/${encodeURIComponent(id)}`, { query: { month } }),
  },
  /** 操作日志: every administrative change (platform, 县 and 街道 admins). */
  audit: {
    list: (q: AuditQuery = {}) => request<AuditPage>('GET', '/audit', { query: q }),
    actions: () => request<AuditActions>('GET', '/audit/actions'),
  },
};

export type Api = typeof api;
