// The employment domain's public face: what other folders and the app may use.
export { employmentRoutes } from './routes.js';
export { recordSituation } from './recordSituation.js';
export { currentTradesOf } from './queries.js';
export { seekingWorkers } from './seekingWorkers.js';
export { tradeCode, tradeCodes } from './schemas.js';
export { parseTrades, TRADES, tradesOverlap, type Trade } from './trades.js';
export { seedEmploymentDemo } from './demoData.js';
