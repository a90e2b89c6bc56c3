// The typed API of e家社区, one function per route (README: "The API"), on whichever
// transport the app installed (core.ts).
import { ApiError, ROUTE_WORDS as W } from './errors.js';
import { request, upload } from './core.js';
import type {
  AttendanceInput,
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
  OptIns,
  OrderStats,
  OutcomeResult,
  PointsRule,
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
  },
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
  },
  points: {
    mine: (q: LedgerQuery = {}) => request<MyPoints>('GET', '/points/me', { query: q }),
    /** 积分榜 of my building (staff: of `buildingId`). */
    leaderboard: (buildingId?: string) => request<Leaderboard>('GET', '/points/leaderboard', { query: { buildingId } }),
    rules: () => request<PointsRule[]>('GET', '/points/rules'),
    /** Staff: one rule to one or many households; `idempotencyKey` the same again when the tap is retried. */
    award: (body: AwardInput, idempotencyKey: string) =>
      request<AwardResult>('POST', '/points/awards', { body, headers: { 'Idempotency-Key': idempotencyKey }, words: W.award }),
  },
  shop: {
    items: () => request<ShopItem[]>('GET', '/shop/items'),
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
  },
  employment: {
    /** Staff: 就业率 and zero-employment households, the community's and each grid's. */
    stats: () => request<EmploymentStats>('GET', '/employment/stats'),
    households: (q: EmploymentHouseholdsQuery = {}) => request<EmploymentHouseholdPage>('GET', '/employment/households', { query: q }),
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
    /** Subscribe messages I may still receive, per template. */
    optIns: () => request<OptIns>('GET', '/notices/subscriptions'),
    /** After wx.requestSubscribeMessage: the templates accepted (one message each). */
    optIn: (accepted: SubscribeTemplate[]) => request<OptIns>('POST', '/notices/subscriptions', { body: { accepted } }),
  },
};

export type Api = typeof api;
