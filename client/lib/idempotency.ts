// Idempotency-Key values for requests that must not happen twice (a redemption
// spends points). Mini-programs have no crypto.randomUUID; the server scopes keys
// per user, so time, a counter and randomness are unique enough.
let counter = 0;

export function newIdempotencyKey(): string {
  counter += 1;
  return `ejia-${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
