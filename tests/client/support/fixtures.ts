// Realistic API values for component tests, typed by the same server-derived types the client uses.
import type { Category, GridWorker, OrderDetail, OrderSummary, ResidentChoice } from '../../../client/api/types.js';

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
