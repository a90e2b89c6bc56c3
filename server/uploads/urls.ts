// Image URLs carry a short-lived signature because the mini-program's <Image>
// cannot send an Authorization header. Only presenters that already checked the
// viewer's scope hand these out.
import crypto from 'node:crypto';

const HOUR = 3600_000;

const sign = (secret: string, id: string, exp: number) =>
  crypto.createHmac('sha256', secret).update(`upload:${id}:${exp}`).digest('base64url').slice(0, 32);

/** Valid for one to two hours; rounding to the hour keeps the URL stable so clients can cache it. */
export function signedUploadUrl(secret: string, id: string, now: Date): string {
  const exp = Math.ceil((now.getTime() + HOUR) / HOUR) * (HOUR / 1000);
  return `/api/uploads/${id}?exp=${exp}&sig=${sign(secret, id, exp)}`;
}

export function verifyUploadSignature(secret: string, id: string, exp: number, sig: string, now: Date): boolean {
  if (!Number.isFinite(exp) || exp * 1000 < now.getTime()) return false;
  const want = Buffer.from(sign(secret, id, exp));
  const got = Buffer.from(sig);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}
