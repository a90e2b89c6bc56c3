// Realistic API values for component tests, typed by the same server-derived types the client uses.
import type {
  Category,
  DeliveryProgress,
  EmploymentHouseholdPage,
  EmploymentStats,
  GridWorker,
  Household,
  Job,
  ManagedNotice,
  Notice,
  OrderDetail,
  OrderStats,
  OrderSummary,
  Redemption,
  ResidentChoice,
  ShopItem,
  Training,
} from '../../../client/api/types.js';

export const CATEGORIES: Category[] = [
  { code: 'repair', name: '水电维修', icon: '🔧', responseMinutes: 120, resolveMinutes: 2880 },
  { code: 'housing', name: '房屋漏水', icon: '🏠', responseMinutes: 240, resolveMinutes: 10080 },
  { code: 'care', name: '老人儿童关爱', icon: '❤️', responseMinutes: 240, resolveMinutes: 2880 },
];

export const RESIDENTS: ResidentChoice[] = [
  { id: 'r-1', name: '杨光明', building: { id: 'b-1', name: '惠泽1栋' }, room: '1单元 302' },
  { id: 'r-2', name: '王秀英', building: { id: 'b-1', name: '惠泽1栋' }, room: '2单元 101' },
];

export const WORKERS: GridWorker[] = [
  { id: 'w-2', name: '罗德明', grid: { id: 'g-2', name: '第2网格' }, openOrders: 1 },
  { id: 'w-1', name: '吴春梅', grid: { id: 'g-1', name: '第1网格' }, openOrders: 4 },
  { id: 'w-3', name: '石小军', grid: { id: 'g-3', name: '第3网格' }, openOrders: 0 },
];

const at = (minutes: number) => new Date(Date.UTC(2025, 10, 20, 8, 0) + minutes * 60_000).toISOString();

export function order(over: Partial<OrderSummary> & { id: string }): OrderSummary {
  return {
    title: '水电维修：厨房水管漏水',
    category: { code: 'repair', name: '水电维修', icon: '🔧' },
    urgency: 'normal',
    status: 'dispatched',
    building: { id: 'b-1', name: '惠泽1栋' },
    room: '1单元 302',
    resident: { id: 'r-1', name: '杨光明' },
    filedBy: { id: 'u-1', name: '杨光明' },
    filedOnBehalf: false,
    assignee: { id: 'w-1', name: '吴春梅' },
    suggestedAssignee: { id: 'w-1', name: '吴春梅' },
    createdAt: at(0),
    responseDueAt: at(120),
    resolveDueAt: at(2880),
    dispatchedAt: at(5),
    claimedAt: null,
    resolvedAt: null,
    closedAt: null,
    overdue: { response: false, resolution: false, secondAlert: false, review: false },
    feedback: null,
    reopenCount: 0,
    ...over,
  };
}

export function detail(over: Partial<OrderDetail> & { id: string }): OrderDetail {
  return { ...order(over), description: '厨房水管漏水，地上都是水', timeline: [], pausedAt: null, joined: 0, mergedInto: null, ...over };
}

// ---- 积分超市, jobs and training, notices ------------------------------------------

export function shopItem(over: Partial<ShopItem> & { id: string; name: string }): ShopItem {
  return { description: '', icon: '🎁', pointsPrice: 10, stock: 50, limitPerHousehold: null, limitPeriod: 'month', onShelf: true, limitLeft: null, ...over };
}

export const SHELF: ShopItem[] = [
  shopItem({ id: 'i-soap', name: '香皂', icon: '🧼', pointsPrice: 10, stock: 100 }),
  shopItem({ id: 'i-powder', name: '洗衣粉 2kg', icon: '🧺', pointsPrice: 40, stock: 60, limitPerHousehold: 2, limitLeft: 2 }),
  shopItem({ id: 'i-rice', name: '大米 5kg', icon: '🍚', pointsPrice: 120, stock: 40, limitPerHousehold: 1, limitLeft: 1 }),
  shopItem({ id: 'i-oil', name: '菜籽油 1.8L', icon: '🫗', pointsPrice: 100, stock: 30, limitPerHousehold: 1, limitLeft: 0 }),
  shopItem({ id: 'i-bag', name: '书包', icon: '🎒', pointsPrice: 150, stock: 0, limitPerHousehold: 1, limitLeft: 1 }),
  shopItem({ id: 'i-tv', name: '电视机', icon: '📺', pointsPrice: 5000, stock: 1 }),
];

export function redemption(over: Partial<Redemption> & { id: string }): Redemption {
  return {
    item: { id: 'i-rice', name: '大米 5kg', icon: '🍚' },
    quantity: 1,
    points: 120,
    status: 'reserved',
    pickupCode: '681151',
    household: { id: 'h-1', building: '惠泽1栋', room: '1单元 302' },
    createdAt: at(60),
    handedOverAt: null,
    cancelledAt: null,
    ...over,
  };
}

export function job(over: Partial<Job> & { id: string }): Job {
  return {
    employer: '织金县家政服务中心',
    title: '家政服务员/养老护理员',
    kind: 'local',
    location: '织金县城',
    pay: { min: 3000, max: 4500, unit: 'month' },
    headcount: 10,
    requirements: '女性优先，经过家政培训',
    contact: '罗女士 139-0857-4455',
    trades: ['housekeeping', 'caregiving'],
    deadline: null,
    status: 'open',
    createdAt: at(0),
    interested: false,
    matchesMe: false,
    ...over,
  };
}

/** Minutes from now: a course still open for sign-up whenever the tests run. */
const fromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

export function training(over: Partial<Training> & { id: string }): Training {
  return {
    course: '家政服务与养老护理培训',
    trade: 'housekeeping',
    tradeName: '家政',
    schedule: '周二、周四 14:00-17:00',
    place: '社区党群服务中心三楼',
    startsAt: fromNow(7 * 1440),
    endsAt: fromNow(37 * 1440),
    signupDeadline: fromNow(6 * 1440),
    capacity: 25,
    seatsLeft: 5,
    status: 'open',
    jobs: [{ id: 'j-1', title: '家政服务员/养老护理员', employer: '织金县家政服务中心' }],
    matchesMe: true,
    myEnrolment: null,
    ...over,
  };
}

export function notice(over: Partial<Notice> & { id: string }): Notice {
  return {
    kind: 'service',
    kindLabel: '便民服务',
    urgent: false,
    title: '本周六义诊和理发进楼栋',
    body: '本周六上午9点到12点，县医院医生和志愿者在社区广场义诊。\n行动不便的老人请告诉楼栋长，上门服务。',
    image: null,
    pagePath: null,
    publishedAt: at(-3 * 1440),
    unread: true,
    readAt: null,
    ...over,
  };
}

// ---- staff: the dashboard, notices, jobs and training, points ------------------------------


const gridOrders = (over: Partial<OrderStats['grids'][number]> & { id: string; name: string }): OrderStats['grids'][number] => ({
  orders: 0,
  emergencies: 0,
  overdueNow: 0,
  minutesToClaim: { mean: null, median: null },
  minutesToResolve: { mean: null, median: null },
  claimedInTime: null,
  rated: 0,
  averageRating: null,
  satisfiedShare: null,
  ...over,
});

export const ORDER_STATS: OrderStats = {
  days: 30,
  since: at(-30 * 1440),
  byStatus: { submitted: 3, dispatched: 2, accepted: 4, resolved: 5, reopened: 1, closed: 20, cancelled: 1, awaiting_info: 0, merged: 0 },
  byDay: [],
  community: gridOrders({
    id: 'c',
    name: '惠泽社区',
    orders: 36,
    emergencies: 2,
    overdueNow: 3,
    minutesToClaim: { mean: 42.5, median: 30 },
    minutesToResolve: { mean: 1500, median: 960 },
    claimedInTime: 0.875,
    rated: 24,
    averageRating: 4.6,
    satisfiedShare: 0.917,
  }),
  grids: [
    gridOrders({ id: 'g-1', name: '第1网格', orders: 20, minutesToClaim: { mean: 25, median: 20 }, minutesToResolve: { mean: 600, median: 480 }, claimedInTime: 0.95, rated: 14, averageRating: 4.8, satisfiedShare: 1 }),
    gridOrders({ id: 'g-2', name: '第2网格', orders: 16, overdueNow: 3, minutesToClaim: { mean: 150, median: 90 }, minutesToResolve: { mean: 2880, median: 2000 }, claimedInTime: 0.5, rated: 10, averageRating: 3.9, satisfiedShare: 0.7 }),
    gridOrders({ id: 'g-3', name: '第3网格' }),
  ],
} as OrderStats;

const gridJobs = (id: string, name: string, labour: number, employed: number, zero: number) => ({
  id,
  name,
  households: 72,
  labourHouseholds: 60,
  labour,
  employed,
  employmentRate: labour ? Math.round((employed / labour) * 1000) / 1000 : null,
  employedPerLabourHousehold: Math.round((employed / 60) * 100) / 100,
  zeroEmploymentHouseholds: zero,
});

export const EMPLOYMENT_STATS: EmploymentStats = {
  community: { households: 216, labourHouseholds: 180, labour: 400, employed: 340, employmentRate: 0.85, employedPerLabourHousehold: 1.89, zeroEmploymentHouseholds: 5 },
  grids: [gridJobs('g-1', '第1网格', 140, 126, 1), gridJobs('g-2', '第2网格', 130, 100, 4), gridJobs('g-3', '第3网格', 130, 114, 0)],
};

export const ZERO_EMPLOYMENT: EmploymentHouseholdPage = {
  total: 1,
  items: [
    {
      id: 'h-9',
      gridId: 'g-2',
      building: '惠泽4栋',
      room: '2单元 501',
      members: [
        { id: 'r-9', name: '罗文学', birthYear: new Date().getFullYear() - 44, status: 'seeking', employer: null },
        { id: 'r-10', name: '罗小芬', birthYear: new Date().getFullYear() - 40, status: null, employer: null },
      ],
      labour: 2,
      employed: 0,
      zeroEmployment: true,
    },
  ],
};


export function managedNotice(over: Partial<ManagedNotice> & { id: string }): ManagedNotice {
  return {
    kind: 'service',
    kindLabel: '便民服务',
    title: '本周六义诊和理发进楼栋',
    body: '本周六上午9点到12点，县医院医生在社区广场义诊。',
    image: null,
    pagePath: null,
    audience: { type: 'grids', ids: ['g-1'], buildings: 3 },
    automatic: false,
    staffOnly: false,
    createdBy: { id: 'u-staff', name: '李主任' },
    createdAt: at(0),
    sendAt: at(0),
    cancelledAt: null,
    state: 'sending',
    delivery: { pending: 1, retrying: 0, sent: 1, failed: 1, possibly_sent: 0, cancelled: 0, total: 3, summary: '已发送 1/3 个群，1 个失败：机器人已不在该群（可能被移出），请把它拉回群后重发' },
    ...over,
  };
}

export function progress(over: Partial<DeliveryProgress> & { noticeId: string }): DeliveryProgress {
  return {
    pending: 1,
    retrying: 0,
    sent: 1,
    failed: 1,
    possibly_sent: 0,
    cancelled: 0,
    total: 3,
    summary: '已发送 1/3 个群，1 个失败：机器人已不在该群（可能被移出），请把它拉回群后重发',
    buildingsWithoutGroup: [{ id: 'b-3', name: '惠泽3栋' }],
    items: [
      { id: 'd-1', group: { id: 'cg-1', topic: '惠泽1栋 邻里群', channel: 'wechaty' }, buildings: [{ id: 'b-1', name: '惠泽1栋' }], status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null, sentAt: at(1) },
      { id: 'd-2', group: { id: 'cg-2', topic: '惠泽2栋 邻里群', channel: 'wechaty' }, buildings: [{ id: 'b-2', name: '惠泽2栋' }], status: 'failed', attempts: 1, lastError: '机器人已不在该群（可能被移出），请把它拉回群后重发', nextAttemptAt: null, sentAt: null },
      { id: 'd-3', group: { id: 'cg-3', topic: '惠泽5栋 住户群', channel: 'wecom' }, buildings: [{ id: 'b-5', name: '惠泽5栋' }], status: 'pending', attempts: 0, lastError: null, nextAttemptAt: at(2), sentAt: null },
    ],
    ...over,
  } as DeliveryProgress;
}

/** A household as /api/org/households lists it for staff. */
export function household(id: string, building: { id: string; name: string }, room: string, head: string): Household {
  return {
    id,
    building,
    room,
    groundFloor: false,
    members: [{ id: `${id}-m`, name: head, relation: '户主', gender: 'M', birthYear: 1975, phone: '13800000000', idNumber: null }],
    tags: [],
    access: 'full',
  } as Household;
}
