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
// the 户籍台账 import and export (server/registry/): current statuses of a community, and an import's new ones in batches
export { currentStatuses, recordStatusesInBulk } from './registryStatuses.js';
// the oversight views of 街道 and 县 (server/oversight): figures per community or grid, aggregates only
export { employmentFiguresBy, type EmploymentFigures } from './communityFigures.js';
// the 就业摸底's monthly task (server/main.ts): this month's survey for every community
export { generateMonthlySurveys } from './surveys.js';
