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

export function plainMessage(code: string, serverMessage = '', details: ErrorDetail[] = []): string {
  if (code === 'invalid_request') {
    for (const d of details) {
      const words = FIELD_WORDS[d.path];
      if (words) return words;
    }
    if (serverMessage.startsWith('body: invalid JSON')) return CODE_WORDS.internal!;
    return '填写的内容有问题，请检查一下再试。';
  }
  if (code === 'forbidden' && /not linked/.test(serverMessage)) {
    return '您的微信还没有和住户信息关联。请找楼栋长或网格员帮忙报事。';
  }
  return CODE_WORDS[code] ?? CODE_WORDS.internal!;
}

/** Something the person must fix before we can send anything; its message is already plain words. */
export class FormProblem extends Error {
  override name = 'FormProblem';
}

/** For a caught error of any kind: what to show. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError || err instanceof FormProblem) return err.message;
  return CODE_WORDS.internal!;
}
