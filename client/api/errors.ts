// Every refusal the API can give, in words a resident understands. The server's
// own message is English for developers; it never reaches the screen.

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Code 'network' is ours: the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(plainMessage(code, serverMessage, details));
    this.name = 'ApiError';
  }
}

/** The form field a bad request was about, in plain words. */
const FIELD_WORDS: Record<string, string> = {
  'body.description': '请多写几个字，说说是什么事。',
  'body.category': '请先选一选是哪一类事情。',
  'body.photos': '照片最多只能放 6 张。',
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

/**
 * Refusals whose plain words depend on what exactly the server refused (its
 * English message, matched here); the rest go by their code alone.
 */
const MESSAGE_WORDS: Array<[code: string, pattern: RegExp, words: string | ((m: RegExpExecArray) => string)]> = [
  ['forbidden', /not linked/, '您的微信还没有和住户信息关联。请找楼栋长或网格员帮忙报事。'],
  ['conflict', /not enough points/, '积分不够，换不了这件东西。'],
  ['conflict', /sold out/, '这件东西已经换完了，等社区补货后再来。'],
  ['conflict', /^limit reached/, '这件东西您家这段时间已经换够了，过段时间再来。'],
  ['conflict', /^limit: your household may take (\d+) more/, (m) => `这件东西您家这段时间最多还能换 ${m[1]} 件。`],
  ['conflict', /^full/, '名额已经满了。'],
  ['conflict', /already linked/, '您的微信已经关联过住户信息了，不用再绑定。'],
  ['conflict', /already has an account/, '这位居民已经有账号了。如果不是您绑定的，请找网格员。'],
  ['invalid_transition', /sign-up for this course has closed/, '这门课的报名已经截止了。'],
  ['invalid_transition', /posting is closed/, '这个岗位已经不招人了。'],
  ['invalid_transition', /not enrolled/, '您没有报这门课，或者已经退出了。'],
  ['invalid_transition', /already handed over|redemption that is handed_over|redemption is handed_over/, '东西已经领走了（已核销）。'],
  ['invalid_transition', /cancelled/, '这次兑换已经取消了，积分已经退回。'],
  ['not_found', /^code:/, '绑定码不对，或者已经用过、过期了。请找网格员要一个新的。'],
  ['not_found', /^pickup code/, '没有找到这个取货码，请核对一下。'],
];

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

export function plainMessage(code: string, serverMessage = '', details: ErrorDetail[] = []): string {
  if (code === 'invalid_request') {
    for (const d of details) {
      const words = FIELD_WORDS[d.path];
      if (words) return words;
    }
    if (serverMessage.startsWith('body: invalid JSON')) return CODE_WORDS.internal!;
    return '填写的内容有问题，请检查一下再试。';
  }
  for (const [c, pattern, words] of MESSAGE_WORDS) {
    const m = c === code ? pattern.exec(serverMessage) : null;
    if (m) return typeof words === 'string' ? words : words(m);
  }
  return CODE_WORDS[code] ?? CODE_WORDS.internal!;
}

/** A training with every seat taken (409 `full…`): time to offer the waiting list. */
export const isFull = (err: unknown) => err instanceof ApiError && err.status === 409 && err.serverMessage.startsWith('full');

/** Something the person must fix before we can send anything; its message is already plain words. */
export class FormProblem extends Error {
  override name = 'FormProblem';
}

/** For a caught error of any kind: what to show. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError || err instanceof FormProblem) return err.message;
  return CODE_WORDS.internal!;
}
