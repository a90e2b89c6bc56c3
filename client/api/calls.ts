// The typed API of e家社区, one function per route (README: "The API"), on whichever
// transport the app installed (core.ts).
import { ApiError, ROUTE_WORDS as W } from './errors.js';
import { request, upload } from './core.js';
import type {
  GridLogEntry,
  GridLogPage,
  GridLogQuery,
  SurveyChangeInput,
  SurveyGenerated,
  SurveyProgress,
  SurveyTaskDone,
  SurveyTaskPage,
  SurveyTasksQuery,
  WriteGridLogInput,
} from './types.js';
import type {
  RecordedVisit,
  RecordVisitInput,
  VisitCoverage,
  VisitHousehold,
  VisitOverdue,
  VisitOverride,
  VisitPairing,
  VisitPairings,
  VisitRules,
  VisitsDue,
} from './types.js';
import type {
  NoticeReach,
  NoticeReachBoard,
  PatrolBuildings,
  PatrolCheckInput,
  PatrolChecklist,
  PatrolChecklistInput,
  PatrolDetail,
  PatrolHistory,
  PatrolProblemInput,
  ToldHow,
} from './types.js';
import type { CategoryPatch as CategoryChange, ManagedCategory, ManagedCategoryList, NewCategoryBody } from '../../server/categories/schemas.js';
import type { Wire } from './types.js';
import type {
  AuditItem,
  AskInput,
  OrderBrief,
  OrderUpdateInput,
  SimilarOrder,
  StockReply,
  AccountPage,
  AccountsQuery,
  AssignedRole,
  AssignRoleInput,
  BotBanner,
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
  ConsoleSignedIn,
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
    /** The console's demo sign-in (test builds): a cookie session, as a password or a scan gives. */
    devConsoleLogin: (openid: string) => {
      if (!EJIA_DEV_LOGIN) throw new ApiError(404, 'not_found', 'demo sign-in is not in production builds');
      return request<ConsoleSignedIn>('POST', '/auth/dev-login/console', { body: { openid } });
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
    /** The console's banner while the bot is logged out or waiting for a scan (staff and platform admins). */
    banner: () => request<BotBanner>('GET', '/bot/banner'),
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
    /** 就业摸底 (staff): generate a month's tasks (this month when none is named); again adds only new households. */
    generateSurvey: (month?: string) => request<SurveyGenerated>('POST', '/employment/surveys', { body: month ? { month } : {} }),
    surveyProgress: (month: string) => request<SurveyProgress>('GET', `/employment/surveys/${encodeURIComponent(month)}`),
    /** The month's household tasks: the grid worker's grid, or the community for staff. */
    surveyTasks: (month: string, q: SurveyTasksQuery = {}) => request<SurveyTaskPage>('GET', `/employment/surveys/${encodeURIComponent(month)}/tasks`, { query: q }),
    /** "无变化" in one tap: nothing is written to the ledger. */
    surveyUnchanged: (taskId: string) => request<SurveyTaskDone>('POST', `/employment/survey-tasks/${encodeURIComponent(taskId)}/unchanged`, { body: {} }),
    surveyChanges: (taskId: string, changes: SurveyChangeInput[]) => request<SurveyTaskDone>('POST', `/employment/survey-tasks/${encodeURIComponent(taskId)}/changes`, { body: { changes } }),
  },
  /** 民情日志: the grid's running log (workers write, staff read and export). */
  gridLog: {
    write: (body: WriteGridLogInput) => request<GridLogEntry>('POST', '/grid-log', { body }),
    list: (q: GridLogQuery = {}) => request<GridLogPage>('GET', '/grid-log', { query: q }),
    get: (id: string) => request<GridLogEntry>('GET', `/grid-log/${encodeURIComponent(id)}`),
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
    /** 告知情况: per building of the notice, households read / told by the head / not reached. */
    reach: (id: string) => request<NoticeReach>('GET', `/notices/${encodeURIComponent(id)}/reach`),
    reachBoard: (id: string, buildingId: string) => request<NoticeReachBoard>('GET', `/notices/${encodeURIComponent(id)}/reach/buildings/${encodeURIComponent(buildingId)}`),
    /** The building head marks a household 已告知. */
    tell: (id: string, householdId: string, how: ToldHow = 'in_person') =>
      request<NoticeReachBoard>('PUT', `/notices/${encodeURIComponent(id)}/reach/households/${encodeURIComponent(householdId)}`, { body: { how }, words: { notice_cancelled: '这条通知已经撤回了，不用再告知。' } }),
    untell: (id: string, householdId: string) =>
      request<NoticeReachBoard>('DELETE', `/notices/${encodeURIComponent(id)}/reach/households/${encodeURIComponent(householdId)}`),
    /** 全部已告知: every household of the building not yet reached. */
    tellAll: (id: string, buildingId: string, how: ToldHow = 'in_person') =>
      request<NoticeReachBoard>('POST', `/notices/${encodeURIComponent(id)}/reach/all`, { body: { buildingId, how }, words: { notice_cancelled: '这条通知已经撤回了，不用再告知。' } }),
  },
  /** 楼道巡查: the community's checklist, the building head's patrols, and staff following every building. */
  patrols: {
    checklist: (communityId?: string) => request<PatrolChecklist>('GET', '/patrols/checklist', { query: { communityId } }),
    setChecklist: (body: PatrolChecklistInput) => request<PatrolChecklist>('PUT', '/patrols/checklist', { body }),
    buildings: (communityId?: string) => request<PatrolBuildings>('GET', '/patrols/buildings', { query: { communityId } }),
    history: (buildingId: string) => request<PatrolHistory>('GET', '/patrols', { query: { buildingId } }),
    start: (buildingId: string) => request<PatrolDetail>('POST', '/patrols', { body: { buildingId } }),
    get: (id: string) => request<PatrolDetail>('GET', `/patrols/${encodeURIComponent(id)}`),
    mark: (id: string, itemId: string, body: PatrolCheckInput) =>
      request<PatrolDetail>('PUT', `/patrols/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}`, { body, words: { order_filed: '这一项已经报过事了，到“报事进度”里看办理情况。' } }),
    /** One tap: the problem becomes an order, for the head's own household unless `onBehalfOf` says whom. */
    fileProblem: (id: string, itemId: string, body: PatrolProblemInput = {}) =>
      request<PatrolDetail>('POST', `/patrols/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/order`, {
        body,
        words: { order_filed: '这一项已经报过事了。', not_a_problem: '只有“有问题”的项目才能报事。' },
      }),
  },
  /** 走访: the worker's due list, recording a visit (need → order), staff's coverage, frequencies and 1+X pairs. */
  visits: {
    due: (gridId?: string) => request<VisitsDue>('GET', '/visits/due', { query: { gridId } }),
    record: (body: RecordVisitInput) => request<RecordedVisit>('POST', '/visits', { body }),
    household: (householdId: string) => request<VisitHousehold>('GET', `/visits/households/${encodeURIComponent(householdId)}`),
    coverage: (q: { month?: string; communityId?: string } = {}) => request<VisitCoverage>('GET', '/visits/coverage', { query: q }),
    overdue: (communityId?: string) => request<VisitOverdue>('GET', '/visits/overdue', { query: { communityId } }),
    rules: (communityId?: string) => request<VisitRules>('GET', '/visits/rules', { query: { communityId } }),
    setRule: (tag: string, intervalDays: number | null, communityId?: string) =>
      request<VisitRules>('PUT', `/visits/rules/${encodeURIComponent(tag)}`, { body: { intervalDays, ...(communityId ? { communityId } : {}) } }),
    setOverride: (householdId: string, intervalDays: number | null, note?: string) =>
      request<VisitOverride>('PUT', `/visits/overrides/${encodeURIComponent(householdId)}`, { body: { intervalDays, ...(note ? { note } : {}) } }),
    removeOverride: (householdId: string) => request<void>('DELETE', `/visits/overrides/${encodeURIComponent(householdId)}`),
    pairings: (communityId?: string) => request<VisitPairings>('GET', '/visits/pairings', { query: { communityId } }),
    pair: (householdId: string, userId: string) => request<VisitPairing>('POST', '/visits/pairings', { body: { householdId, userId } }),
    unpair: (id: string) => request<void>('DELETE', `/visits/pairings/${encodeURIComponent(id)}`),
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
  /** 社区设置 (issue #19): categories, 常用回复 and notice switches of a community, with their history (server/policies/settings.ts). */
  settings: {
    categories: (communityId?: string) => request<ManagedCategoryList>('GET', '/categories/manage', { query: { communityId } }),
    addCategory: (body: NewCategoryInput) => request<ManagedCategory>('POST', '/categories/manage', { body, words: SETTINGS_WORDS }),
    changeCategory: (id: string, body: CategoryChange) => request<ManagedCategory>('PATCH', `/categories/manage/${encodeURIComponent(id)}`, { body, words: SETTINGS_WORDS }),
    removeCategory: (id: string) => request<void>('DELETE', `/categories/manage/${encodeURIComponent(id)}`, { words: SETTINGS_WORDS }),
    reorderCategories: (ids: string[], communityId?: string) => request<ManagedCategoryList>('PUT', '/categories/manage/order', { body: { ids, communityId }, words: SETTINGS_WORDS }),
    replies: (q: { communityId?: string; category?: string; purpose?: 'ask' | 'resolve' }) => request<StockReply[]>('GET', '/categories/replies', { query: q }),
    addReply: (body: { communityId?: string; category?: string | null; purpose: 'ask' | 'resolve'; text: string; sort?: number }) => request<StockReply>('POST', '/categories/replies', { body, words: SETTINGS_WORDS }),
    changeReply: (id: string, body: { text?: string; purpose?: 'ask' | 'resolve'; category?: string | null }) => request<StockReply>('PATCH', `/categories/replies/${encodeURIComponent(id)}`, { body, words: SETTINGS_WORDS }),
    removeReply: (id: string) => request<void>('DELETE', `/categories/replies/${encodeURIComponent(id)}`),
    reorderReplies: (ids: string[], communityId?: string) => request<StockReply[]>('PUT', '/categories/replies/order', { body: { ids, communityId } }),
    automation: (communityId?: string) => request<NoticeAutomation>('GET', '/notices/automation', { query: { communityId } }),
    setAutomation: (body: Partial<Omit<NoticeAutomation, 'communityId'>> & { communityId?: string }) => request<NoticeAutomation>('PUT', '/notices/automation', { body }),
    history: (q: { communityId?: string; target?: 'category' | 'stock_reply' | 'notice_automation' | 'order_settings'; targetId?: string; limit?: number }) =>
      request<{ items: AuditItem[] }>('GET', '/categories/history', { query: q }),
  },
  /** 对接 (Open311 GeoReport v2): a community's integration keys (server/open311). */
  integrations: {
    keys: (communityId?: string) => request<{ items: IntegrationKey[] }>('GET', '/open311/keys', { query: { communityId } }),
    /** the answer's apiKey is shown this once */
    issue: (body: { communityId?: string; name: string; purpose: IntegrationKey['purpose'] }) =>
      request<{ key: IntegrationKey; apiKey: string }>('POST', '/open311/keys', { body, words: { '404': '您不能为这个社区发放对接密钥。' } }),
    revoke: (id: string) => request<IntegrationKey>('POST', `/open311/keys/${encodeURIComponent(id)}/revoke`, { words: { already_revoked: '这个密钥已经吊销了。' } }),
  },
  /** 操作日志: every administrative change (platform, 县 and 街道 admins). */
  audit: {
    list: (q: AuditQuery = {}) => request<AuditPage>('GET', '/audit', { query: q }),
    actions: () => request<AuditActions>('GET', '/audit/actions'),
  },
};

export type Api = typeof api;
/** A new category as the console sends it (the server fills in the defaults). */
export type NewCategoryInput = Omit<NewCategoryBody, 'emergency'> & { emergency?: boolean };
/** 通知自动化: which automatic notices a community wants. */
export type NoticeAutomation = { communityId: string; jobs: boolean; trainings: boolean; emergencyOrders: boolean };
export type { CategoryChange, ManagedCategory, ManagedCategoryList };
/** An integration's key as the console lists it (never the key itself). */
export type IntegrationKey = Wire<Awaited<ReturnType<typeof import('../../server/open311/keys.js').listKeys>>>['items'][number];

/** 社区设置's refusals in plain words. */
const SETTINGS_WORDS = {
  code_taken: '这个代码已经有类别在用了，换一个。',
  has_orders: '这个类别已经有工单了，不能删除，可以把它停用。',
  '403': '只有社区的管理员（平台、街道、县）可以修改服务类别。',
};
