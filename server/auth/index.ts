// The auth domain's public face: sign-in routes, the signed-in Viewer, and the
// outside-world WeChat client. (server/http/route.ts and server/context.ts import
// middleware.ts and viewer.ts directly: through this file, which loads routes.ts
// and so server/http/route.ts, they would import themselves in a circle.)
export { authRoutes } from './routes.js';
export { authenticate, requireViewer, viewerOf } from './middleware.js';
export { loadViewer, type RoleGrant, type Viewer } from './viewer.js';
// a resident who left (server/org): their accounts unlinked and signed out
export { forgetResidentAccounts } from './sessions.js';
// whoever removes a role may end the account's console sessions at once (a removed role also ends them at their next request)
export { endConsoleSessions } from './sessions.js';
// a community role removed (server/accounts): every session of the account ends at once, tokens included
export { endAllSessions } from './sessions.js';
export { FakeWechatClient, HttpWechatClient, type WechatClient } from './wechat.js';
// content security and subscribe messages ask WeChat about a user by openid
export { openidOf } from './identities.js';
// the first platform administrator, made from the command line (server/accounts/createPlatformAdmin.ts)
export { setFirstPassword } from './passwords.js';
// an account with no WeChat identity (an Open311 integration's, the first administrator's), in the caller's transaction
export { createAccount } from './newAccount.js';
// the 账号 page (server/accounts) marks the accounts with 两步验证 on
export { twoStepOn } from './twoStepAccounts.js';
// names shown beside what an account did, and a resident's own account (server/open311)
export { accountNames, accountOfResident } from './accountLookups.js';
// a key rotation brings the two-step secrets to the current key too (scripts/rotate-id-number-keys.ts)
export { resealTotpSecrets } from './resealTotpSecrets.js';
