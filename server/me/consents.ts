// Consent to the 隐私政策 and 用户协议 (PIPL Art. 14, WeChat's privacy rules): recorded
// with the version the user was shown and when. Only an agreement to the current
// version (shared/consent.ts) counts, so a changed text asks everyone again.
import { CONSENT_KINDS, CONSENT_NAMES, CONSENT_VERSIONS, type ConsentKind } from '../../shared/consent.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { consentsOf, recordConsent, type ConsentRow } from './queries.js';

/** Where the user stands with each text: its current version and when they agreed to that version (null: not yet). */
export function consentState(rows: readonly ConsentRow[]) {
  const items = CONSENT_KINDS.map((kind) => {
    const version = CONSENT_VERSIONS[kind];
    const agreed = rows.filter((r) => r.kind === kind && r.policyVersion === version).at(-1);
    return { kind, version, agreedAt: agreed?.agreedAt ?? null };
  });
  return { agreed: items.every((i) => i.agreedAt !== null), items };
}

export async function consentOf(deps: Deps, v: Viewer) {
  return consentState(await consentsOf(deps, v.userId));
}

/** POST /api/me/consents: the user agrees to the current version of one text. */
export async function giveConsent(deps: Deps, v: Viewer, kind: ConsentKind, version: string) {
  const current = CONSENT_VERSIONS[kind];
  // an app opened before the text changed shows the old one: agreeing to that is not agreeing to this
  if (version !== current) {
    throw new AppError('conflict', `${CONSENT_NAMES[kind]} is now version ${current}, not ${version}: show the current text and ask again`, [{ path: 'body.version', message: `current version is ${current}` }], 'not_current_version');
  }
  const earlier = await consentsOf(deps, v.userId);
  const written = await recordConsent(deps, v.userId, kind, version, deps.clock());
  return consentState([...earlier, written]);
}

/** Every agreement the user gave, for their copy of their data (GET /api/me/data). */
export async function consentHistory(deps: Deps, userId: string) {
  return (await consentsOf(deps, userId)).map((r) => ({ kind: r.kind, version: r.policyVersion, agreedAt: r.agreedAt }));
}
