// The typed API of e家社区, one function per route (README: "The API").
import { ApiError } from './errors.js';
import { request, upload } from './http.js';
import type {
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
  Me,
  MyInterest,
  MyPoints,
  Notice,
  NoticePage,
  NoticesQuery,
  OrderDetail,
  OrderPage,
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
    submit: (body: SubmitOrderInput) => request<OrderDetail>('POST', '/orders', { body }),
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
  link: (code: string) => request<LinkResult>('POST', '/me/link', { body: { code } }),
  bot: {
    /** A code to send in the building group as `#绑定 <code>`. */
    linkCode: () => request<LinkCode>('POST', '/bot/link-code', { body: {} }),
  },
  points: {
    mine: (q: LedgerQuery = {}) => request<MyPoints>('GET', '/points/me', { query: q }),
    leaderboard: () => request<Leaderboard>('GET', '/points/leaderboard'),
  },
  shop: {
    items: () => request<ShopItem[]>('GET', '/shop/items'),
    /** `idempotencyKey`: one per tap on 确定兑换, the same again when that tap is retried, so nothing is bought twice. */
    redeem: (body: RedeemInput, idempotencyKey: string) =>
      request<Redemption>('POST', '/shop/redemptions', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
    redemptions: (q: RedemptionsQuery = {}) => request<RedemptionPage>('GET', '/shop/redemptions', { query: q }),
    cancel: (id: string) => request<Redemption>('POST', `/shop/redemptions/${encodeURIComponent(id)}/cancel`, { body: {} }),
    /** Staff: 核销 against the pickup code the resident shows. */
    handOver: (pickupCode: string) => request<Redemption>('POST', '/shop/redemptions/handover', { body: { pickupCode } }),
  },
  jobs: {
    list: (q: JobsQuery = {}) => request<Job[]>('GET', '/jobs', { query: q }),
    get: (id: string) => request<JobDetail>('GET', `/jobs/${encodeURIComponent(id)}`),
    interest: (id: string) => request<JobInterest>('POST', `/jobs/${encodeURIComponent(id)}/interest`, { body: {} }),
    mine: () => request<MyInterest[]>('GET', '/jobs/interests/mine'),
  },
  trainings: {
    list: () => request<Training[]>('GET', '/trainings'),
    /** A seat; a full course is a 409 (see isFull) unless `waitlist` asks for the waiting list. */
    enrol: (id: string, waitlist = false) => request<Enrolment>('POST', `/trainings/${encodeURIComponent(id)}/enrol`, { body: waitlist ? { waitlist } : {} }),
    withdraw: (id: string) => request<WithdrawResult>('POST', `/trainings/${encodeURIComponent(id)}/withdraw`, { body: {} }),
  },
  notices: {
    list: (q: NoticesQuery = {}) => request<NoticePage>('GET', '/notices', { query: q }),
    get: (id: string) => request<Notice>('GET', `/notices/${encodeURIComponent(id)}`),
    read: (id: string) => request<Notice>('POST', `/notices/${encodeURIComponent(id)}/read`, { body: {} }),
  },
};

export type Api = typeof api;
export { ApiError, FormProblem, isFull, messageOf, plainMessage } from './errors.js';
export { apiUrl, session } from './http.js';
export type * from './types.js';
