// The typed API of e家社区, one function per route (README: "The API").
import { ApiError } from './errors.js';
import { request, upload } from './http.js';
import type {
  Category,
  DispatchInput,
  FeedbackInput,
  GridWorker,
  HouseholdPage,
  HouseholdsQuery,
  LoginResult,
  Me,
  OrderDetail,
  OrderPage,
  OrdersQuery,
  ResidentChoice,
  ResidentsQuery,
  ResolveInput,
  ReviewInput,
  SubmitOrderInput,
  UploadResult,
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
};

export type Api = typeof api;
export { ApiError, FormProblem, messageOf, plainMessage } from './errors.js';
export { apiUrl, session } from './http.js';
export type * from './types.js';
