// Fixed facts of the demo data set (every domain's demo seeder reads them), modelled on 平远新城 (织金县, 贵州) in the
// case reports: three communities 惠泽, 惠民, 恒大; grids; buildings with
// building heads; households with 七彩 tags. Smaller than the real estate
// (109 buildings, 4,958 households) so it loads in a second.
import type { HouseholdTagKind } from '@prisma/client';

export const ESTATE = '平远新城';
export const DISTRICT = '贵州省毕节市织金县';
export const COMMUNITIES = ['惠泽', '惠民', '恒大'] as const;
/** The levels above them (双五级): 平远新城 lies in 织金县's 惠民街道. */
export const DEMO_REGIONS = { county: '织金县', street: '惠民街道' } as const;
export const GRIDS_PER_COMMUNITY = 3;
export const BUILDINGS_PER_GRID = 3;
export const UNITS_PER_BUILDING = 2;
export const FLOORS = 6;
export const FLATS_PER_FLOOR = 2;

/**
 * The service catalogue each community starts with, in the reports' words, with
 * its service levels in minutes (respond = claimed by a grid worker).
 */
export const CATEGORIES: Array<{ code: string; name: string; icon: string; respond: number; resolve: number }> = [
  { code: 'repair', name: '水电维修', icon: '🔧', respond: 120, resolve: 2 * 1440 },
  { code: 'housing', name: '房屋漏水', icon: '🏠', respond: 240, resolve: 7 * 1440 },
  { code: 'dispute', name: '矛盾纠纷调解', icon: '🤝', respond: 240, resolve: 3 * 1440 },
  { code: 'low_income', name: '低保救助', icon: '📋', respond: 1440, resolve: 10 * 1440 },
  { code: 'insurance', name: '医保社保', icon: '🏥', respond: 1440, resolve: 7 * 1440 },
  { code: 'employment', name: '就业帮扶', icon: '💼', respond: 1440, resolve: 7 * 1440 },
  { code: 'household_registration', name: '户口证照', icon: '🪪', respond: 1440, resolve: 10 * 1440 },
  { code: 'school', name: '子女入学', icon: '🎒', respond: 1440, resolve: 10 * 1440 },
  { code: 'sanitation', name: '环境卫生', icon: '🧹', respond: 240, resolve: 2 * 1440 },
  { code: 'safety', name: '治安消防', icon: '🚨', respond: 60, resolve: 1440 },
  { code: 'care', name: '老人儿童关爱', icon: '❤️', respond: 240, resolve: 2 * 1440 },
  { code: 'other', name: '其他事项', icon: '💬', respond: 1440, resolve: 7 * 1440 },
];

/** Share of households carrying each tag (the reports: 1,045 disabled, 114 empty-nest, 226 left-behind children of 4,958). */
export const TAG_RATES: Array<[HouseholdTagKind, number]> = [
  ['PARTY_MEMBER', 0.06],
  ['LEFT_BEHIND_CHILD', 0.05],
  ['EMPTY_NEST_ELDERLY', 0.04],
  ['DISABLED', 0.15],
  ['LOW_INCOME', 0.25],
  ['MONITORED', 0.05],
  ['VETERAN', 0.02],
];

export const SURNAMES = ['杨', '王', '罗', '龙', '吴', '陈', '李', '张', '刘', '黄', '赵', '周', '石', '熊', '朱', '徐', '胡', '潘', '田', '蔡'];
export const GIVEN_MALE = ['光明', '德明', '国强', '建华', '志勇', '文才', '永福', '正坤', '登高', '昌林', '兴旺', '明辉', '小军', '子豪', '宇航'];
export const GIVEN_FEMALE = ['秀英', '桂芬', '玉兰', '小红', '春梅', '丽', '婷', '艳', '金凤', '梦瑶', '思雨', '芳', '应梅', '小芳', '欣怡'];
export const ORIGINS = ['织金县八步街道', '织金县珠藏镇', '织金县后寨乡', '织金县鸡场乡', '织金县阿弓镇', '织金县纳雍乡', '织金县自强苗族乡'];

/** The sign-in names of the demo accounts (POST /api/auth/dev-login {openid}). */
export const DEMO_OPENIDS = {
  resident: 'demo-resident',
  resident2: 'demo-resident-2',
  buildingHead: 'demo-buildinghead',
  gridWorker: 'demo-gridworker',
  gridWorker2: 'demo-gridworker-2',
  staff: 'demo-staff',
  reviewer: 'demo-reviewer',
  admin: 'demo-admin',
  /** 惠民社区: another community, for the walls between communities. */
  residentHuimin: 'demo-resident-huimin',
  gridWorkerHuimin: 'demo-gridworker-huimin',
  staffHuimin: 'demo-staff-huimin',
  /** 县/街道 officials over the three communities (issue #19) */
  countyAdmin: 'demo-county-admin',
  countyViewer: 'demo-county-viewer',
  streetAdmin: 'demo-street-admin',
  streetViewer: 'demo-street-viewer',
} as const;
