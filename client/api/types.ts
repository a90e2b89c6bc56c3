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
import type { RecordVisitBody } from '../../server/visits/schemas.js';
import type { ListHouseholdsQuery, ListResidentsQuery } from '../../server/org/schemas.js';
import type { RoleGrant } from '../../server/auth/index.js';
import type { CreateItemBody, ListRedemptionsQuery, RedeemBody, UpdateItemBody } from '../../server/shop/schemas.js';
import type { CreateJobBody, ListJobsQuery, ManagePostingsQuery } from '../../server/jobs/schemas.js';
import type { HouseholdsQuery as EmploymentLedgerQuery } from '../../server/employment/schemas.js';
import type { SurveyChangesBody, SurveyTasksQuery as SurveyTasksQueryBody } from '../../server/employment/schemas.js';
import type { EntriesQuery, WriteEntryBody } from '../../server/gridLog/schemas.js';
import type { AttendanceBody, CreateTrainingBody, ManageTrainingsQuery } from '../../server/trainings/schemas.js';
import type { ComposeNoticeBody, ListNoticesQuery, ManageNoticesQuery, ResendDeliveryBody } from '../../server/notices/schemas.js';
import type { AwardBody, CreateRuleBody, PointsHouseholdsQuery, UpdateRuleBody } from '../../server/points/schemas.js';
import type { ConsentBody, CorrectionBody } from '../../server/me/schemas.js';
import type { CreateCommunityBody, CreateRegionBody } from '../../server/regions/schemas.js';
import type { CompareQuery, SortKey } from '../../server/oversight/schemas.js';
import type { AccountsQuery as AccountsQueryBody, AssignRoleBody, RoleInviteBody } from '../../server/accounts/schemas.js';

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
export type ConsoleSignedIn = Reply<typeof import('../../server/auth/login.js').devConsoleLogin>;
/** 扫码登录 (server/auth/qrSignIn.ts): the console's code, its poll, and the phone's scan and answer. */
export type QrTicket = Reply<typeof import('../../server/auth/qrSignIn.js').createQrTicket>;
export type QrPoll = Reply<typeof import('../../server/auth/qrSignIn.js').pollQrTicket>;
export type QrStatus = QrPoll['status'];
export type QrScan = Reply<typeof import('../../server/auth/qrSignIn.js').scanQrTicket>;
export type QrDecision = Reply<typeof import('../../server/auth/qrSignIn.js').confirmQrTicket> | Reply<typeof import('../../server/auth/qrSignIn.js').cancelQrTicket>;
export type Me = Reply<typeof import('../../server/me/describeMe.js').describeMe>;
export type RoleName = RoleGrant['role'];
export type Category = Reply<typeof import('../../server/categories/listCategories.js').listCategories>[number];
export type GridWorker = Reply<typeof import('../../server/org/listGridWorkers.js').listGridWorkers>[number];
export type ResidentChoice = Reply<typeof import('../../server/org/searchResidents.js').searchResidents>[number];
export type HouseholdPage = Reply<typeof import('../../server/org/listHouseholds.js').listHouseholds>;
export type Household = HouseholdPage['items'][number];
export type TagKind = NonNullable<ListHouseholdsQuery['tag']>;

export type OrderDetail = Reply<typeof import('../../server/orders/getOrder.js').getOrder>;
/** 是不是这件事？ an open order like the one about to be filed, as a neighbour sees it */
export type SimilarOrder = Reply<typeof import('../../server/orders/duplicates.js').similarOrders>[number];
/** a neighbour's order one joined (+1): what it is about and how far it got */
export type OrderBrief = Reply<typeof import('../../server/orders/duplicates.js').getOrderBrief>;
/** 常用回复 */
export type StockReply = Reply<typeof import('../../server/categories/stockReplies.js').listStockReplies>[number];
export type OrderUpdateInput = { text?: string; photos?: string[] };
export type AskInput = { question: string; photos?: string[] };
export type OrderPage = Reply<typeof import('../../server/orders/listOrders.js').listOrders>;
export type OrderSummary = OrderPage['items'][number];
export type TimelineEntry = OrderDetail['timeline'][number];
export type OrderStatus = OrderStatusName;
/** `flagged`: WeChat's content check found it risky; only community staff get it, marked */
export type Photo = TimelineEntry['photos'][number];
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
export type EmploymentHouseholdsQuery = Partial<EmploymentLedgerQuery>;

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
/** The audience picker: grids → buildings with households and the linked group. */
export type NoticeAudienceChoices = Reply<typeof import('../../server/notices/audienceChoices.js').audienceChoices>;
export type AudienceBuilding = NoticeAudienceChoices['grids'][number]['buildings'][number];
export type ResendDeliveryInput = ResendDeliveryBody;

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

// ---- staff console: 就业 and 积分 (issue #17) -------------------------------------------
export type ManagedJobPage = Reply<typeof import('../../server/jobs/managedPostings.js').managedPostings>;
export type ManagedJob = ManagedJobPage['items'][number];
export type ManageJobsInput = Partial<ManagePostingsQuery>;
export type UpdateJobInput = Partial<CreateJobInput>;
export type ManagedTrainingPage = Reply<typeof import('../../server/trainings/managedTrainings.js').managedTrainings>;
export type ManagedTraining = ManagedTrainingPage['items'][number];
export type ManageTrainingsInput = Partial<ManageTrainingsQuery>;
export type LedgerImportResult = Reply<typeof import('../../server/employment/importLedger.js').importLedger>;
/** 户籍台账 (administrators): the communities to pick from, and an upload's stored dry run (its preview, and what the confirm wrote). */
export type RegistryCommunity = Reply<typeof import('../../server/registry/listCommunities.js').listCommunities>[number];
export type RegistryImport = Reply<typeof import('../../server/registry/previewImport.js').previewImport>;
export type ResidentLeft = Reply<typeof import('../../server/org/residentLeaves.js').residentLeaves>;
export type PointsHouseholdPage = Reply<typeof import('../../server/points/pointsHouseholds.js').pointsHouseholds>;
export type PointsHousehold = PointsHouseholdPage['items'][number];
export type PointsHouseholdsInput = Partial<PointsHouseholdsQuery>;
export type HouseholdPoints = Reply<typeof import('../../server/points/readLedger.js').householdLedger>;
/** The community's points per month (staff: the dashboard). */
export type PointsMonth = Reply<typeof import('../../server/points/monthlyTotals.js').monthlyTotals>[number];
export type StoredPointsRule = Reply<typeof import('../../server/points/rules.js').createRule>;
export type CreateRuleInput = CreateRuleBody;
export type UpdateRuleInput = UpdateRuleBody;
export type CreateItemInput = Partial<CreateItemBody> & Pick<CreateItemBody, 'name' | 'pointsPrice' | 'stock'>;
export type UpdateItemInput = UpdateItemBody;

// ---- 账号: community roles and invitations (server/accounts), 网格划分 (server/org/grids.ts) ----------
export type AccountPage = Reply<typeof import('../../server/accounts/listAccounts.js').listAccounts>;
export type CommunityAccount = AccountPage['items'][number];
export type CommunityRole = CommunityAccount['roles'][number]['role'];
export type AccountsQuery = Partial<Wire<AccountsQueryBody>>;
export type AssignRoleInput = Wire<AssignRoleBody>;
export type AssignedRole = Reply<typeof import('../../server/accounts/assignRole.js').assignRole>;
export type RemovedRole = Reply<typeof import('../../server/accounts/removeRole.js').removeRole>;
export type RoleInviteInput = Wire<RoleInviteBody>;
export type NewRoleInvite = Reply<typeof import('../../server/accounts/roleInvites.js').createRoleInvite>;
export type OpenRoleInvite = Reply<typeof import('../../server/accounts/roleInvites.js').listRoleInvites>[number];
export type GridWithBuildings = Reply<typeof import('../../server/org/grids.js').listGrids>[number];
export type BuildingMoved = Reply<typeof import('../../server/org/grids.js').moveBuilding>;

// ---- 群管理: the bot's groups and state, WeCom robots (server/bot) ---------------------------------
export type ChatGroup = Reply<typeof import('../../server/bot/groups.js').listGroups>[number];
export type BotStatus = Reply<typeof import('../../server/bot/botState.js').botStatus>;
export type BotBanner = Reply<typeof import('../../server/bot/botState.js').botBanner>;
export type GroupLink = Reply<typeof import('../../server/bot/groups.js').linkBuildingGroup>;
export type GridGroupLink = Reply<typeof import('../../server/bot/groups.js').linkGridGroup>;
export type RobotRemoved = Reply<typeof import('../../server/bot/wecomRobots.js').removeRobot>;
export type RobotTested = Reply<typeof import('../../server/bot/wecomRobots.js').testRobot>;

// ---- 县/街道 (server/regions), 辖区总览 (server/oversight), 操作日志 (server/audit): issue #19 ----------
export type RegionTree = Reply<typeof import('../../server/regions/listRegions.js').listRegions>;
export type RegionNode = RegionTree['items'][number];
export type RegionOfficial = RegionNode['officials'][number];
export type RegionRoleName = RegionOfficial['role'];
export type RegionCandidates = Reply<typeof import('../../server/regions/regionRoles.js').regionRoleCandidates>;
export type CreatedRegion = Reply<typeof import('../../server/regions/createRegion.js').createRegion>;
export type CreatedCommunity = Reply<typeof import('../../server/regions/createCommunity.js').createCommunity>;
export type CreateRegionInput = Wire<CreateRegionBody>;
export type CreateCommunityInput = Wire<CreateCommunityBody>;
export type OversightCompare = Reply<typeof import('../../server/oversight/compare.js').compareCommunities>;
export type OversightRow = OversightCompare['items'][number];
export type OversightQuery = Partial<Wire<CompareQuery>>;
export type OversightSortKey = SortKey;
export type CommunityFigures = Reply<typeof import('../../server/oversight/drillDown.js').communityFigures>;
export type AuditPage = Reply<typeof import('../../server/audit/listAudit.js').listAudit>;
export type AuditItem = AuditPage['items'][number];
export type AuditActions = Reply<typeof import('../../server/audit/listAudit.js').listActions>;
/** GET /api/audit's filters; dates as `2026-12-05` (China time) or ISO 8601 */
export type AuditQuery = { actorId?: string; action?: string; communityId?: string; from?: string; to?: string; limit?: number; cursor?: string };
// 楼栋长 duties (issue #20): 楼道巡查 and 通知告知情况
export type PatrolChecklist = Reply<typeof import('../../server/patrols/checklist.js').getChecklist>;
export type PatrolChecklistInput = Wire<Parameters<typeof import('../../server/patrols/checklist.js').setChecklist>[2]>;
export type PatrolDetail = Reply<typeof import('../../server/patrols/walkPatrol.js').getPatrol>;
export type PatrolItemMark = PatrolDetail['items'][number];
export type PatrolCheckInput = Wire<Parameters<typeof import('../../server/patrols/walkPatrol.js').checkItem>[4]>;
export type PatrolProblemInput = Partial<Wire<Parameters<typeof import('../../server/patrols/walkPatrol.js').fileProblem>[4]>>;
export type PatrolBuildings = Reply<typeof import('../../server/patrols/followPatrols.js').patrolBuildings>;
export type PatrolBuilding = PatrolBuildings['items'][number];
export type PatrolHistory = Reply<typeof import('../../server/patrols/followPatrols.js').patrolHistory>;
export type NoticeReach = Reply<typeof import('../../server/notices/noticeReach.js').reachOverview>;
export type NoticeReachBoard = Reply<typeof import('../../server/notices/noticeReach.js').reachBoard>;
export type ReachHousehold = NoticeReachBoard['households'][number];
export type ToldHow = 'in_person' | 'phone';
// 走访 care visits (issue #20): the due list, a household's visits, staff's coverage, rules and 1+X pairs
export type VisitsDue = Reply<typeof import('../../server/visits/dueList.js').dueList>;
export type VisitDueItem = VisitsDue['items'][number];
export type VisitHousehold = Reply<typeof import('../../server/visits/householdVisits.js').householdVisits>;
export type VisitRecord = VisitHousehold['visits'][number];
export type RecordVisitInput = Omit<Wire<RecordVisitBody>, 'order'> & {
  order?: { category: string; description?: string; urgency?: 'normal' | 'emergency' };
};
export type RecordedVisit = Reply<typeof import('../../server/visits/recordVisit.js').recordVisit>;
export type VisitCoverage = Reply<typeof import('../../server/visits/coverage.js').visitCoverage>;
export type VisitOverdue = Reply<typeof import('../../server/visits/overdueList.js').overdueList>;
export type VisitRules = Reply<typeof import('../../server/visits/manageRules.js').visitRules>;
export type VisitOverride = Reply<typeof import('../../server/visits/manageRules.js').setVisitOverride>;
export type VisitPairings = Reply<typeof import('../../server/visits/pairings.js').listPairings>;
export type VisitPairing = VisitPairings['items'][number];
// 民情日志 and 就业摸底 (issue #20)
export type GridLogEntry = Reply<typeof import('../../server/gridLog/listEntries.js').getEntry>;
export type GridLogPage = Reply<typeof import('../../server/gridLog/listEntries.js').listEntries>;
export type GridLogKind = GridLogEntry['kind'];
export type WriteGridLogInput = Partial<Wire<WriteEntryBody>> & { kind: GridLogKind; text: string };
export type GridLogQuery = Partial<Wire<EntriesQuery>>;
export type SurveyGenerated = Reply<typeof import('../../server/employment/surveys.js').generateSurveyFor>;
export type SurveyProgress = Reply<typeof import('../../server/employment/surveys.js').surveyProgress>;
export type SurveyChanged = SurveyProgress['changed'][number];
export type SurveyTaskPage = Reply<typeof import('../../server/employment/surveys.js').surveyTasks>;
export type SurveyTask = SurveyTaskPage['items'][number];
export type SurveyTasksQuery = Partial<Wire<SurveyTasksQueryBody>>;
export type SurveyTaskDone = Reply<typeof import('../../server/employment/surveys.js').recordChanges>;
export type SurveyChangeInput = Wire<SurveyChangesBody>['changes'][number];
