// The employment domain's public face: what other folders and the app may use.
export { employmentRoutes } from './routes.js';
export { recordSituation } from './recordSituation.js';
// for a resident's copy of their data (GET /api/me/data)
export { employmentRecordsOfHousehold } from './residentEmployment.js';
export { employmentRecord } from './schemas.js';
export { currentTradesOf } from './queries.js';
export { seekingWorkers } from './seekingWorkers.js';
export { tradeCode, tradeCodes } from './schemas.js';
export { parseTrades, TRADES, tradesOverlap, type Trade } from './trades.js';
export { seedEmploymentDemo } from './demoData.js';
