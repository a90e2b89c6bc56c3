// The categories domain's public face.
export { categoryRoutes } from './routes.js';
// 信息更正: filed by server/me, refused on POST /api/orders (server/orders/submitOrder.ts)
export { CORRECTION_CATEGORY, ensureCorrectionCategory, isReservedCategory } from './correctionCategory.js';
// a new community's first catalogue (server/regions/createCommunity.ts)
export { addStandardCatalogue } from './standardCatalogue.js';
// the community a settings request is about (server/orders/reviewDeadline.ts, 评单时限)
export { settingsCommunity } from './settingsCommunity.js';
