// The codes the API speaks and the names people read for them, where the server
// and the mini-program both need them. Plain TypeScript with no imports: the
// server runs it under Node and the mini-program bundles it (tests/client/boundaries.test.ts).

/**
 * 工种: trades for matching people to vacancies and courses (以岗定培). The list
 * follows the case reports: 电焊工、电工、汽车维修、电子产品加工、厨师、家政、
 * 服装加工、蜡染刺绣、挖掘机 and the public-welfare posts 保洁、保安.
 */
export const TRADES = {
  welding: '电焊工',
  electrician: '电工',
  auto_repair: '汽车维修',
  electronics: '电子产品加工',
  cooking: '厨师',
  housekeeping: '家政',
  caregiving: '养老护理',
  garment: '服装加工',
  embroidery: '蜡染刺绣',
  excavator: '挖掘机操作',
  construction: '建筑施工',
  cleaning: '保洁',
  security: '保安',
  beauty: '美容美发',
  pedicure: '修脚',
  logistics: '物流配送',
  farming: '种植养殖',
} as const;

export type Trade = keyof typeof TRADES;

/** A person's situation in the 就业台账. */
export const EMPLOYMENT_STATUSES = ['employed_local', 'employed_outbound', 'public_welfare', 'self_employed', 'seeking', 'unable'] as const;

export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** The ledger's own labels: the Excel export writes them and the import reads them back. */
export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatus, string> = {
  employed_local: '本地务工',
  employed_outbound: '外出务工',
  public_welfare: '公益性岗位',
  self_employed: '自主创业',
  seeking: '有意愿未就业',
  unable: '无劳动能力',
};

/** 民情日志: what kind of thing a grid worker saw or heard. */
export const GRID_LOG_KINDS = ['sentiment', 'dispute', 'hazard', 'policy', 'other'] as const;
export type GridLogKind = (typeof GRID_LOG_KINDS)[number];
export const GRID_LOG_KIND_LABELS: Record<GridLogKind, string> = {
  sentiment: '民情',
  dispute: '矛盾纠纷',
  hazard: '安全隐患',
  policy: '政策咨询',
  other: '其他',
};

/** 就业摸底: a household's survey task of the month. */
export const SURVEY_TASK_STATUS_LABELS = { pending: '待摸底', unchanged: '无变化', changed: '有变化' } as const;

export const NOTICE_KINDS = ['policy', 'service', 'news', 'job', 'training', 'activity', 'emergency'] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** 惠民政策, 便民服务 … as the groups and the mini-program show them. */
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  policy: '惠民政策',
  service: '便民服务',
  news: '时政新闻',
  job: '就业岗位',
  training: '技能培训',
  activity: '社区活动',
  emergency: '紧急通知',
};

/** Kinds of job posting (帮扶车间 in the community, 公益性岗位, work in the county, work far away). */
export const JOB_KINDS = ['workshop', 'local', 'public_welfare', 'outbound'] as const;

export type JobKind = (typeof JOB_KINDS)[number];

/** As the mini-program names them to residents and staff. */
export const JOB_KIND_LABELS: Record<JobKind, string> = {
  workshop: '帮扶车间',
  public_welfare: '公益性岗位',
  local: '县城务工',
  outbound: '外出务工',
};

/** Short names of an order's states (四单), for labels and columns: the dashboard's bars, the console, the Excel export. */
export const ORDER_STATUS_SHORT = {
  submitted: '待派单',
  dispatched: '已派单',
  accepted: '办理中',
  resolved: '已办好',
  reopened: '重办中',
  closed: '已办结',
  cancelled: '已撤销',
  awaiting_info: '待补充',
  merged: '已合并',
} as const;
