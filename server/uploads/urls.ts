// Image URLs carry a short-lived signature because the mini-program's <Image>
// cannot send an Authorization header. Only presenters that already checked the
// viewer's scope hand these out.
//
// A signature is for one use (`p`): none for the photo as everyone in scope sees it;
// `flagged` for a photo WeChat found risky, handed only to community staff (it stays
// readable for them and no one else); `check` for WeChat's content check, good for a day.
import crypto from 'node:crypto';

const HOUR = 3600_000;

export type UrlUse = 'flagged' | 'check';
const USE_LETTER: Record<UrlUse, string> = { flagged: 'f', check: 'c' };
export const useOfLetter = (p: string | undefined): UrlUse | null => (p === 'f' ? 'flagged' : p === 'c' ? 'check' : null);

const sign = (secret: string, id: string, exp: number, use: UrlUse | null) =>
  crypto
    .createHmac('sha256', secret)
    .update(use ? `upload-${use}:${id}:${exp}` : `upload:${id}:${exp}`)
    .digest('base64url')
    .slice(0, 32);

const urlOf = (secret: string, id: string, exp: number, use: UrlUse | null) =>
  `/api/uploads/${id}?exp=${exp}&sig=${sign(secret, id, exp, use)}${use ? `&p=${USE_LETTER[use]}` : ''}`;

/** Valid for one to two hours; rounding to the hour keeps the URL stable so clients can cache it. */
export function signedUploadUrl(secret: string, id: string, now: Date, use: 'flagged' | null = null): string {
  const exp = Math.ceil((now.getTime() + HOUR) / HOUR) * (HOUR / 1000);
  return urlOf(secret, id, exp, use);
}

/** For WeChat's content check, which fetches the photo some time later: a day. */
export function checkUploadUrl(secret: string, id: string, now: Date): string {
  return urlOf(secret, id, Math.ceil((now.getTime() + 24 * HOUR) / 1000), 'check');
}

export function verifyUploadSignature(secret: string, id: string, exp: number, sig: string, now: Date, use: UrlUse | null = null): boolean {
  if (!Number.isFinite(exp) || exp * 1000 < now.getTime()) return false;
  const want = Buffer.from(sign(secret, id, exp, use));
  const got = Buffer.from(sig);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}
