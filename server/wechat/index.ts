// WeChat's content security, the server's side of it: residents' texts checked before
// they are kept, photos sent for checking when stored, verdicts taken from WeChat's push.
export { wechatRoutes } from './routes.js';
export { checkUserText, RISKY_TEXT_MESSAGE } from './checkText.js';
export { requestPhotoCheck } from './mediaChecks.js';
