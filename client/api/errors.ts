// Every refusal the API can give, in words a resident understands. The server's
// own message is English for developers; it never reaches the screen, and
// nothing here reads it: a refusal is told apart by its stable `reason` word
// (README, "The API"), else by what the route it came from means by its code,
// else by its code, else by its HTTP status.
import { AWARD_LIMITS, CORRECTION_LIMITS, NOTICE_LIMITS, ORDER_LIMITS } from '../../shared/limits.js';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** The stable words the server gives where a client must tell refusals apart (server/errors.ts). */
export type Reason = 'sold_out' | 'insufficient_points' | 'limit_reached' | 'full' | 'signup_closed' | 'working_account' | 'content_risky';

export const REASON_WORDS: Record<Reason, string> = {
  sold_out: '这件东西已经换完了，等社区补货后再来。',
  insufficient_points: '积分不够，换不了这件东西。',
  limit_reached: '这件东西每户限换的件数已经到了，换不了这么多。请刷新看看您家还能换几件。',
  full: '名额已经满了。',
  signup_closed: '这门课的报名已经截止了。',
  // a 楼栋长, 网格员 or 社区干部 account cannot become a resident's: their own family uses another WeChat account
  working_account: '这是工作账号，不能绑定为居民。请用您自己的另一个微信号登录，再找网格员要绑定码。',
  // WeChat's content check (server/wechat): kind, and says what to do
  content_risky: '您写的内容里有不适合发布的词句，请改一改再提交。',
};

/**
 * What a refusal of one route means where the server gives no reason word:
 * keyed by a field path (`body.title`), a reason, an error code, or an HTTP
 * status (`'409'`). A route refuses few things for few causes, so its code is
 * enough (a 409 on "我有意向" can only mean the posting closed).
 */
export type RouteWords = Partial<Record<string, string>>;

const NOT_LINKED = '您的微信还没有和住户信息关联。请找楼栋长或网格员帮忙。';

/** Per route: what its refusals mean (client/api/index.ts passes them with each call). */
export const ROUTE_WORDS = {
  // 账号 (the console): giving, removing and inviting community roles
  accounts: {
    resident_account: '这是居民本人的微信账号，不能担任工作角色。请改用“邀请码”，让他用另一个微信号领取。',
    already_held: '这个账号已经有这个角色了。',
    forbidden: '社区干部可以安排楼栋长和网格员；社区干部和党组织评单人由上级管理员安排。',
    not_found: '没有找到这个账号或角色，可能已被别人改动，请刷新。',
    'body.name': '请写上被邀请人的姓名。',
    'body.gridId': '请选择网格。',
    'body.buildingId': '请选择楼栋。',
    'body.userId': '请先选择账号。',
  },
  grids: {
    conflict: '名称已被使用，或楼栋已经在这个网格里。',
    'body.name': '请写网格名称，最多 30 个字。',
    'body.gridId': '请选择本社区的一个网格。',
  },
  groups: {
    'body.webhook': '机器人地址不对。请在企业微信群的“群机器人”里复制完整的 Webhook 地址。',
    'body.topic': '请写群名称。',
    conflict: '这个机器人或群已经属于别的社区，或已被移除。',
  },
  submitOrder: { forbidden: '您的微信还没有和住户信息关联。请找楼栋长或网格员帮忙报事。' },
  link: {
    not_found: '绑定码不对，或者已经用过、过期了。请找网格员要一个新的。',
    conflict: '这个绑定码对应的居民已经有微信账号了，或者您的微信已经绑定过。如果不是您绑定的，请找网格员。',
  },
  redeem: { forbidden: NOT_LINKED },
  correction: {
    forbidden: NOT_LINKED,
    'body.item': `请写是哪一项不对，最多 ${CORRECTION_LIMITS.item.max} 个字。`,
    'body.correction': `请写正确的应该是什么，${CORRECTION_LIMITS.correction.min} 到 ${CORRECTION_LIMITS.correction.max} 个字。`,
  },
  cancelRedemption: { invalid_transition: '这次兑换已经领走或者已经取消了，不能再取消。请刷新看看。' },
  // 扫码登录 on the phone (packages/signin/confirm)
  qrSignIn: {
    no_console_role: '这个微信账号没有社区工作台的权限（网格员、社区干部、党组织、管理员才能登录）。',
    expired: '二维码已经过期了。请在电脑上点“刷新二维码”，再扫一次。',
    used: '这个二维码已经用过了。请在电脑上刷新二维码，再扫一次。',
    refused: '这次登录已经取消了。要登录请在电脑上刷新二维码，再扫一次。',
    taken: '这个二维码已经被别的账号扫过了。请在电脑上刷新二维码，再扫一次。',
    not_scanned: '请重新扫一次电脑上的二维码。',
    not_found: '没有找到这个二维码，可能已经过期了。请在电脑上刷新后再扫。',
    'params.ticket': '这不是工作台的登录二维码。',
  },
  handOver: {
    not_found: '没有找到这个取货码，请核对一下。',
    invalid_transition: '这个取货码已经核销过，或者这次兑换已经取消了，不能再领。',
  },
  jobInterest: { invalid_transition: '这个岗位已经不招人了。', forbidden: NOT_LINKED },
  enrol: { forbidden: NOT_LINKED },
  withdraw: { invalid_transition: '您没有报这门课，或者已经退出了。' },
  createJob: {
    'body.employer': '请写招工的单位。',
    'body.title': '请写岗位名称。',
    'body.location': '请写上班地点。',
    'body.contact': '请写联系人和电话。',
    'body.headcount': '招几个人？请写一个数。',
    'body.payMin': '工资请写整数（元）。',
    'body.payMax': '最高工资不能比最低工资少。',
    'body.deadline': '截止日期不对，请重新选。',
  },
  closeJob: { invalid_transition: '这个岗位已经停止招聘了。' },
  interestOutcome: { not_found: '没有找到这条登记，可能已经被删了。请刷新。' },
  createTraining: {
    'body.course': '请写课程名称。',
    'body.trade': '请选学什么工种。',
    'body.schedule': '请写上课时间，比如“周二、周四 14:00-17:00”。',
    'body.place': '请写上课地点。',
    'body.startsAt': '开课日期不对，请重新选。',
    'body.endsAt': '结课日期不能早于开课日期。',
    'body.signupDeadline': '报名截止不能晚于开课日期。',
    'body.capacity': '能收多少人？请写一个数。',
    'body.jobIds': '有的岗位已经不在了，请刷新后重新选。',
  },
  attendance: { 'body.records': '有的人已经不在这门课的名单上了，请刷新后再点名。' },
  complete: { 'body.residentIds': '有的人不在这门课的名单上（排队或已退出的人不能结业），请刷新后再选。' },
  award: {
    'body.ruleId': '这条积分规则已经停用了，请刷新后重新选。',
    'body.householdIds': '请至少选一户。',
    'body.times': `次数请写 1 到 ${AWARD_LIMITS.times} 之间的整数。`,
  },
  composeNotice: {
    'body.title': `标题至少写 ${NOTICE_LIMITS.title.min} 个字，最多 ${NOTICE_LIMITS.title.max} 个字。`,
    'body.body': '内容至少写 2 个字。',
    'body.sendAt': '定时发送的时间已经过了。请重新选时间，或者现在就发。',
    'body.audience.gridIds': '请至少选一个网格。',
    'body.audience.buildingIds': '请至少选一栋楼。',
    conflict: '所选范围里没有楼栋，请重新选发给谁。',
  },
  cancelNotice: { invalid_transition: '这条通知已经撤回了。' },
  retryNotice: {
    invalid_transition: '没有发送失败的群，或者通知已经撤回，不用重发。',
    only_possibly_posted: '没有发送失败的群。“可能已发出”的群请先到群里看一看，确实没收到的再逐个重发。',
  },
  resendDelivery: {
    possibly_posted: '这个群可能已经收到了（上次发送中途中断）。请先到群里看一看，确认没收到再重发。',
    withdrawn: '这条通知已经撤回了，不能再发。',
    not_resendable: '这个群现在不用重发（已经发出，或者正在发）。',
    changed: '这个群的发送情况刚刚变了，请刷新看看。',
  },
} satisfies Record<string, RouteWords>;

/** The form field a bad request was about, in plain words, wherever it was sent. */
const FIELD_WORDS: Record<string, string> = {
  'body.description': '请多写几个字，说说是什么事。',
  'body.category': '请先选一选是哪一类事情。',
  'body.photos': `照片最多只能放 ${ORDER_LIMITS.photos} 张。`,
  'body.note': '请写一写是怎么办的。',
  'body.comment': '请写几句意见。',
  'body.rating': '请点星星打个分。',
  'body.satisfied': '请选择满意还是不满意。',
  'body.onBehalfOf': '请先选是帮哪位居民报事。',
  'body.assigneeId': '请选一位网格员。',
  'body.file': '请选一张照片。',
  'body.openid': '请选择一个账号。',
  'body.code': '请输入网格员给您的绑定码。',
  'body.pickupCode': '取货码是 6 位数字，请核对一下。',
  'body.itemId': '这件东西已经下架了，请刷新看看。',
  'body.quantity': '数量不对，请重新选一下。',
};

const CODE_WORDS: Record<string, string> = {
  network: '网络不好，没有连上。请稍后再试。',
  unauthenticated: '登录已过期，请重新进入。',
  forbidden: '您不能办理这件事。',
  not_found: '没有找到这条信息，可能已经被撤销了。',
  conflict: '这件事刚刚有了变化，请刷新后再看。',
  invalid_transition: '这件事刚刚有了变化，请刷新后再看。',
  payload_too_large: '照片太大了，请换一张。',
  unsupported_media_type: '这个文件不是照片，请换一张照片。',
  rate_limited: '操作太频繁了，请过一分钟再试。',
  upstream_error: '微信暂时连不上，请稍后再试。',
  internal: '系统出了点问题，请稍后再试。',
};

const INVALID = '填写的内容有问题，请检查一下再试。';

/** When the answer carries no code we know (a proxy's error page, a new code): by its HTTP status. */
function statusWords(status: number): string {
  if (status === 0) return CODE_WORDS.network!;
  if (status === 401) return CODE_WORDS.unauthenticated!;
  if (status === 403) return CODE_WORDS.forbidden!;
  if (status === 404) return CODE_WORDS.not_found!;
  if (status === 409) return CODE_WORDS.conflict!;
  if (status === 413) return CODE_WORDS.payload_too_large!;
  if (status === 415) return CODE_WORDS.unsupported_media_type!;
  if (status === 429) return CODE_WORDS.rate_limited!;
  if (status === 502 || status === 503 || status === 504) return '服务器暂时连不上，请稍后再试。';
  if (status >= 400 && status < 500) return INVALID;
  return CODE_WORDS.internal!;
}

/** `body.records.3` and `body.records.3.present` are about `body.records`. */
const fieldOf = (path: string) => {
  const parts = path.split('.');
  const i = parts.findIndex((p) => /^\d+$/.test(p));
  return i < 0 ? path : parts.slice(0, i).join('.');
};

export interface Refusal {
  status: number;
  code: string;
  reason?: string;
  details?: ErrorDetail[];
}

export function plainMessage(e: Refusal, words: RouteWords = {}): string {
  if (e.code === 'invalid_request') {
    for (const d of e.details ?? []) {
      // unreadable JSON: our fault, not the person's
      if (d.path === 'body') return CODE_WORDS.internal!;
      const field = fieldOf(d.path);
      const w = words[d.path] ?? words[field] ?? FIELD_WORDS[d.path] ?? FIELD_WORDS[field];
      if (w) return w;
    }
    return words.invalid_request ?? INVALID;
  }
  if (e.reason) {
    const w = words[e.reason] ?? REASON_WORDS[e.reason as Reason];
    if (w) return w;
  }
  return words[e.code] ?? words[String(e.status)] ?? CODE_WORDS[e.code] ?? statusWords(e.status);
}

/** Code 'network' is ours: the request never got an answer. */
export class ApiError extends Error {
  readonly details: ErrorDetail[];
  readonly reason: string | undefined;
  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's English message, for developers and logs only. */
    readonly serverMessage: string,
    opts: { details?: ErrorDetail[]; reason?: string; words?: RouteWords } = {},
  ) {
    super(plainMessage({ status, code, reason: opts.reason, details: opts.details }, opts.words));
    this.name = 'ApiError';
    this.details = opts.details ?? [];
    this.reason = opts.reason;
  }
}

/** A training with every seat taken (409, reason `full`): time to offer the waiting list. */
export const isFull = (err: unknown) => err instanceof ApiError && err.reason === 'full';

/** Something the person must fix before we can send anything; its message is already plain words. */
export class FormProblem extends Error {
  override name = 'FormProblem';
}

/** For a caught error of any kind: what to show. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError || err instanceof FormProblem) return err.message;
  return CODE_WORDS.internal!;
}
