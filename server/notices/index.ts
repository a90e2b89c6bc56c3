// The notices domain's public face: what other folders and the app may use.
export { noticeRoutes } from './routes.js';
export { startNotices } from './start.js';
// for a resident's copy of their data (GET /api/me/data)
export { noticesReadBy } from './readNotices.js';
export { ChannelError, type Channel, type GroupPost, type GroupTarget } from './channel.js';
export { webhookKey, wecomSenderId } from './wecom.js';
export { chatChannel } from './schemas.js';
export { DEMO_BOT_ID, demoGridRoomId, demoRoomId, gridGroupTopic, seedNoticesDemo } from './demoData.js';
// a building moved to another grid (server/org), a WeCom robot removed (server/bot): the notices still going out follow, inside their transactions
export { cancelDeliveriesToGroup, followBuildingMove, sentTodayBy } from './audienceChanges.js';
export { localDay } from './throttle.js';
export { WeComWebhookChannel } from './wecom.js';
