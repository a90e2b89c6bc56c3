// How much the server accepts, so that the mini-program's inputs stop where the
// server's validation would refuse. Texts are counted in characters after trimming.
// Plain TypeScript with no imports (see shared/words.ts).

/** 四单: filing a request and acting on it. */
export const ORDER_LIMITS = {
  /** photos on a request, and on a resolution */
  photos: 6,
  description: { min: 2, max: 2000 },
  /** staff's note to the worker when dispatching */
  dispatchNote: 500,
  /** the worker's account of what was done */
  resolveNote: { min: 2, max: 2000 },
  feedbackComment: 500,
  reviewComment: 1000,
  /** a message on an order, a worker's question (待补充), the resident's answer */
  updateText: 1000,
  /** a stock reply (常用回复) */
  stockReply: 300,
} as const;

export const NOTICE_LIMITS = {
  title: { min: 2, max: 60 },
  body: { min: 2, max: 3000 },
} as const;

export const JOB_LIMITS = {
  employer: 60,
  title: 60,
  location: 100,
  /** yuan, for each end of the range */
  pay: 1_000_000,
  headcount: 10_000,
  requirements: 1000,
  contact: 60,
} as const;

export const TRAINING_LIMITS = {
  course: 60,
  schedule: 100,
  place: 100,
  capacity: 1000,
} as const;

/** 发积分 */
export const AWARD_LIMITS = {
  /** how many times a rule applies in one award (e.g. volunteer hours) */
  times: 100,
  note: 200,
} as const;

/** 积分超市 */
export const SHOP_LIMITS = {
  /** items in one redemption */
  quantity: 20,
} as const;

/** 账号绑定: the code a grid worker gives a resident. */
export const LINK_CODE_LENGTH = { min: 4, max: 20 } as const;

/** 信息更正 (PIPL Art. 46): which item is wrong, and what is right. */
export const CORRECTION_LIMITS = {
  item: { min: 1, max: 40 },
  correction: { min: 2, max: 500 },
} as const;
