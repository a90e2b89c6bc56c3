// What the API sends and takes, derived from the server's own schemas and presenters.
// TYPE-ONLY: nothing of the server may end up in the bundle (tests/client/boundaries.test.ts checks).
import type {
  DispatchOrderBody,
  FeedbackBody,
  ListOrdersQuery,
  OrderStatusName,
  ResolveOrderBody,
  ReviewBody,
  SubmitOrderBody,
} from '../../server/orders/schemas.js';
import type { ListHouseholdsQuery, ListResidentsQuery } from '../../server/org/schemas.js';
import type { RoleGrant } from '../../server/auth/viewer.js';

/** What JSON does to a server value: dates become ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer U>
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type Reply<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

export type LoginResult = Reply<typeof import('../../server/auth/login.js').devLogin>;
export type Me = Reply<typeof import('../../server/org/service.js').describeMe>;
export type RoleName = RoleGrant['role'];
export type Category = Reply<typeof import('../../server/org/service.js').listCategories>[number];
export type GridWorker = Reply<typeof import('../../server/org/service.js').listGridWorkers>[number];
export type ResidentChoice = Reply<typeof import('../../server/org/service.js').searchResidents>[number];
export type HouseholdPage = Reply<typeof import('../../server/org/service.js').listHouseholds>;
export type Household = HouseholdPage['items'][number];
export type TagKind = NonNullable<ListHouseholdsQuery['tag']>;

export type OrderDetail = Reply<typeof import('../../server/orders/getOrder.js').getOrder>;
export type OrderPage = Reply<typeof import('../../server/orders/listOrders.js').listOrders>;
export type OrderSummary = OrderPage['items'][number];
export type TimelineEntry = OrderDetail['timeline'][number];
export type OrderStatus = OrderStatusName;
export type Photo = { id: string; url: string };
export type UploadResult = { id: string; url: string; width: number; height: number; bytes: number };

/** Bodies as the client sends them: the zod output types, with defaulted fields optional. */
export type SubmitOrderInput = Omit<SubmitOrderBody, 'urgency' | 'photos'> & Partial<Pick<SubmitOrderBody, 'urgency' | 'photos'>>;
export type DispatchInput = DispatchOrderBody;
export type ResolveInput = Omit<ResolveOrderBody, 'photos'> & Partial<Pick<ResolveOrderBody, 'photos'>>;
export type FeedbackInput = FeedbackBody;
export type ReviewInput = ReviewBody;
export type OrdersQuery = Partial<ListOrdersQuery>;
export type HouseholdsQuery = Partial<ListHouseholdsQuery>;
export type ResidentsQuery = Partial<ListResidentsQuery>;
