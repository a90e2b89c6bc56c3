// What a user agrees to, and which version of it is current. The server records an
// agreement with its version (POST /api/me/consents) and only a row of the version
// below counts: changing a text means changing its version here, and everyone is
// asked again the next time they open the app (the privacy pop-up).
// Plain TypeScript with no imports (see shared/words.ts).

/** The texts the privacy pop-up asks for: the app is "agreed" when both are, at their current versions. */
export const CONSENT_KINDS = [
  /** 隐私政策 (client/packages/policy/privacy) */
  'privacy_policy',
  /** 用户协议 (client/packages/policy/terms) */
  'user_agreement',
] as const;

/**
 * Every kind the server records: the two above, and the separate tick (PIPL Art. 29) a resident
 * gives where they write sensitive information themselves: 我的信息 → 申请更正, when what they
 * write names an ID number, a disability, 低保 or health (client/packages/rights/CorrectionForm.tsx).
 */
export const ALL_CONSENT_KINDS = [...CONSENT_KINDS, 'sensitive_info'] as const;
export type ConsentKind = (typeof ALL_CONSENT_KINDS)[number];

/** The current version of each text: the date it was last changed. */
export const CONSENT_VERSIONS: Record<ConsentKind, string> = {
  privacy_policy: '2026-12-05',
  user_agreement: '2026-12-05',
  sensitive_info: '2026-12-05',
};

export const CONSENT_NAMES: Record<ConsentKind, string> = {
  privacy_policy: '隐私政策',
  user_agreement: '用户协议',
  sensitive_info: '敏感个人信息单独同意',
};
