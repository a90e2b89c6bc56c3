// Realistic API values for component tests, typed by the same server-derived types the client uses.
import type { Category, GridWorker, Job, Notice, OrderDetail, OrderSummary, Redemption, ResidentChoice, ShopItem, Training } from '../../../client/api/types.js';

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
    overdue: { response: false, resolution: false },
    feedback: null,
    reopenCount: 0,
    ...over,
  };
}

export function detail(over: Partial<OrderDetail> & { id: string }): OrderDetail {
  return { ...order(over), description: '厨房水管漏水，地上都是水', timeline: [], ...over };
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

export function training(over: Partial<Training> & { id: string }): Training {
  return {
    course: '家政服务与养老护理培训',
    trade: 'housekeeping',
    tradeName: '家政',
    schedule: '周二、周四 14:00-17:00',
    place: '社区党群服务中心三楼',
    startsAt: at(7 * 1440),
    endsAt: at(37 * 1440),
    signupDeadline: at(6 * 1440),
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
