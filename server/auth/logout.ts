import type { Deps } from '../context.js';
import { bearerToken } from './middleware.js';
import { revokeSession } from './sessions.js';

/** Ends the session of the request's bearer token; without a valid-looking one there is nothing to end. */
export async function logout(deps: Deps, authorization: string | undefined): Promise<void> {
  const token = bearerToken(authorization);
  if (token) await revokeSession(deps, token);
}
