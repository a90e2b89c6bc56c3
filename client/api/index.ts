// The typed API of e家社区 for the mini-program: its Taro transport installed, and the calls.
// The staff console imports calls.ts with its own transport (client/console/src/api.ts).
import './http.js';

export { api, type Api } from './calls.js';
export { ApiError, FormProblem, isFull, messageOf, plainMessage } from './errors.js';
export { apiUrl, session } from './core.js';
export type * from './types.js';
