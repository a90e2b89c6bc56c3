// What the API sends and takes, derived from the server's own schemas and presenters.
// TYPE-ONLY: nothing of the server may end up in the bundle (tests/client/boundaries.test.ts checks).
import type {
  BulkDispatchBody,
  DispatchOrderBody,
  FeedbackBody,
  ListOrdersQuery,
  OrderStatusName,
  ResolveOrderBody,
  ReviewBody,
  SubmitOrderBody,
} from '../../server/orders/schemas.js';
import type { ListHouseholdsQuery, ListResidentsQuery } from '../../server/org/schemas.js';
import type { RoleGrant } from '../../server/auth/index.js';
import type { ListRedemptionsQuery, RedeemBody } from '../../server/shop/schemas.js';
import type { CreateJobBody, ListJobsQuery } from '../../server/jobs/schemas.js';
import type { AttendanceBody, CreateTrainingBody } from '../../server/trainings/schemas.js';
import type { ComposeNoticeBody, ListNoticesQuery, ManageNoticesQuery } from '../../server/notices/schemas.js';
import type { AwardBody } from '../../server/points/schemas.js';
import type { ConsentBody, CorrectionBody } from '../../server/me/schemas.js';

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
export type Me = Reply<typeof import('../../server/me/describeMe.js').describeMe>;
export type RoleName = RoleGrant['role'];
export type Category = Reply<typeof import('../../server/categories/listCategories.js').listCategories>[number];
export type GridWorker = Reply<typeof import('../../server/org/listGridWorkers.js').listGridWorkers>[number];
export type ResidentChoice = Reply<typeof import('../../server/org/searchResidents.js').searchResidents>[number];
export type HouseholdPage = Reply<typeof import('../../server/org/listHouseholds.js').listHouseholds>;
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
/** Dates as ISO strings on the wire. */
export type OrdersQuery = Partial<Omit<ListOrdersQuery, 'from' | 'to'>> & { from?: string; to?: string };
/** The list's filters without paging: what GET /api/orders/export.xlsx takes. */
export type OrderFilters = Omit<OrdersQuery, 'limit' | 'cursor'>;
export type BulkDispatchInput = BulkDispatchBody;
export type OrderPlaces = Reply<typeof import('../../server/orders/orderPlaces.js').orderPlaces>;
export type BulkDispatchResult = Reply<typeof import('../../server/orders/bulkDispatch.js').bulkDispatch>;
export type HouseholdsQuery = Partial<ListHouseholdsQuery>;
export type ResidentsQuery = Partial<ListResidentsQuery>;

// ---- 积分超市 ------------------------------------------------------------------
export type MyPoints = Reply<typeof import('../../server/points/readLedger.js').myPoints>;
export type PointsEntry = MyPoints['entries'][number];
export type Leaderboard = Reply<typeof import('../../server/points/leaderboard.js').leaderboard>;
export type ShopItem = Reply<typeof import('../../server/shop/listShopItems.js').listShopItems>[number];
export type RedemptionPage = Reply<typeof import('../../server/shop/listRedemptions.js').listRedemptions>;
export type Redemption = RedemptionPage['items'][number];
export type RedemptionStatus = Redemption['status'];
export type RedeemInput = Omit<RedeemBody, 'quantity'> & Partial<Pick<RedeemBody, 'quantity'>>;
export type RedemptionsQuery = Partial<ListRedemptionsQuery>;
export type LedgerQuery = { limit?: number; cursor?: string };

// ---- jobs and training ------------------------------------------------------
type JobListed = Reply<typeof import('../../server/jobs/listJobs.js').listJobs>[number];
/** A posting in the list; `interested` is whether I registered (the server's type also allows its count). */
export type Job = Omit<JobListed, 'interested' | 'matchesMe'> & { interested: boolean; matchesMe: boolean };
/** One posting (GET /api/jobs/:id); there `interested` is how many registered, so it is left out. */
export type JobDetail = Omit<Reply<typeof import('../../server/jobs/getJob.js').getJob>, 'interested'>;
export type JobKind = JobListed['kind'];
/** Stored as a string; these are the units a posting may be written with. */
export type PayUnit = CreateJobBody['payUnit'];
export type JobInterest = Reply<typeof import('../../server/jobs/registerInterest.js').registerInterest>;
export type MyInterest = Reply<typeof import('../../server/jobs/myInterests.js').myInterests>[number];
export type InterestOutcome = MyInterest['outcome'];
export type JobsQuery = Partial<ListJobsQuery>;
export type Enrolment = Reply<typeof import('../../server/trainings/enrol.js').enrol>['enrolment'];
export type EnrolmentStatus = Enrolment['status'];
/**
 * A course in the list. The server adds `matchesMe` and `myEnrolment` through an
 * untyped `extra` argument, so they are named here.
 */
export type Training = Reply<typeof import('../../server/trainings/presenter.js').presentTraining> & {
  matchesMe: boolean;
  myEnrolment: EnrolmentStatus | null;
};
export type WithdrawResult = Reply<typeof import('../../server/trainings/withdraw.js').withdraw>;
export type Trade = keyof typeof import('../../server/employment/trades.js').TRADES;
/** One course (GET /api/trainings/:id): also after sign-up closed, with my place on the waiting list. */
export type TrainingDetail = Training & { myWaitlistPosition: number | null };
export type TrainingsQuery = { all?: boolean; limit?: number };

// ---- staff: jobs and training -------------------------------------------------
/** A posting as staff see it in the list (`all`): with how many registered. */
export type StaffJob = Job & { interestedCount?: number };
/** Bodies as the client sends them: dates as ISO strings, defaulted fields optional. */
export type CreateJobInput = Omit<CreateJobBody, 'deadline' | 'payUnit' | 'requirements' | 'trades'> &
  Partial<Pick<CreateJobBody, 'payUnit' | 'requirements' | 'trades'>> & { deadline?: string | null };
export type JobInterestRow = Reply<typeof import('../../server/jobs/listInterests.js').listInterests>[number];
export type JobCandidate = Reply<typeof import('../../server/jobs/candidatesForJob.js').candidatesForJob>[number];
export type OutcomeResult = Reply<typeof import('../../server/jobs/recordOutcome.js').recordOutcome>;
export type CreateTrainingInput = Omit<CreateTrainingBody, 'startsAt' | 'endsAt' | 'signupDeadline' | 'jobIds'> & {
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
  jobIds?: string[];
};
export type TrainingRoster = Reply<typeof import('../../server/trainings/roster.js').listEnrolments>;
export type RosterEntry = TrainingRoster['enrolments'][number];
export type AttendanceInput = AttendanceBody;
export type AttendanceResult = Reply<typeof import('../../server/trainings/recordAttendance.js').recordAttendance>;
export type CompleteResult = Reply<typeof import('../../server/trainings/completeTraining.js').completeTraining>;

// ---- staff: the dashboard ---------------------------------------------------------
export type OrderStats = Reply<typeof import('../../server/orders/orderStats.js').orderStats>;
export type GridOrderStats = OrderStats['grids'][number];
export type EmploymentStats = Reply<typeof import('../../server/employment/employmentStats.js').employmentStats>;
export type GridEmploymentStats = EmploymentStats['grids'][number];
export type EmploymentHouseholdPage = Reply<typeof import('../../server/employment/listHouseholds.js').listHouseholdEmployment>;
export type EmploymentHousehold = EmploymentHouseholdPage['items'][number];
export type EmploymentStatus = (typeof import('../../server/employment/schemas.js').EMPLOYMENT_STATUSES)[number];
export type EmploymentHouseholdsQuery = { zeroEmployment?: boolean; gridId?: string; limit?: number };

// ---- staff: points awards -----------------------------------------------------------
export type PointsRule = Reply<typeof import('../../server/points/rules.js').listRules>[number];
export type AwardInput = Omit<AwardBody, 'times'> & Partial<Pick<AwardBody, 'times'>>;
export type AwardResult = Reply<typeof import('../../server/points/awardPoints.js').awardPoints>;

// ---- notices -----------------------------------------------------------------
export type NoticePage = Reply<typeof import('../../server/notices/readNotices.js').listNotices>;
export type Notice = NoticePage['items'][number];
export type NoticesQuery = Partial<ListNoticesQuery>;
export type NoticeKind = Notice['kind'];

// ---- staff: writing notices and watching their delivery ----------------------------
export type ManagedNoticePage = Reply<typeof import('../../server/notices/manageNotices.js').listManagedNotices>;
export type ManagedNotice = ManagedNoticePage['items'][number];
export type NoticeState = ManagedNotice['state'];
export type ManageNoticesInput = Partial<ManageNoticesQuery>;
export type DeliveryProgress = Reply<typeof import('../../server/notices/manageNotices.js').deliveryProgress>;
export type Delivery = DeliveryProgress['items'][number];
export type DeliveryStatus = Delivery['status'];
export type NoticeAudience = ComposeNoticeBody['audience'];
/** `sendAt` as an ISO string; left out, the notice goes now. */
export type ComposeNoticeInput = Omit<ComposeNoticeBody, 'sendAt' | 'communityId'> & { sendAt?: string };

// ---- subscribe messages ---------------------------------------------------------------
export type OptIns = Reply<typeof import('../../server/notices/subscribe.js').optInCounts>;
export type SubscribeTemplate = keyof OptIns;

// ---- 账号绑定 and the group bot ---------------------------------------------------
export type LinkCode = Reply<typeof import('../../server/bot/linkCodes.js').createLinkCode>;
export type LinkResult = Reply<typeof import('../../server/me/acceptInvite.js').acceptInvite>;

// ---- residents' rights (PIPL Art. 45–46) ---------------------------------------------
/** GET /api/me/data: everything held about me and my household. */
export type MyDataCopy = Reply<typeof import('../../server/me/copyOfMyData.js').copyOfMyData>;
export type MyHousehold = NonNullable<MyDataCopy['household']>;
export type MyHouseholdMember = MyHousehold['members'][number];
/** 信息更正: which item is wrong, and what is right. */
export type CorrectionInput = CorrectionBody;
/** 隐私政策 / 用户协议: which texts the user has agreed to at their current version. */
export type ConsentState = Me['consent'];
/** What POST /api/me/consents takes: the two texts, and the separate tick for sensitive information. */
export type ConsentKind = ConsentBody['kind'];
