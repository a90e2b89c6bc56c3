// The jobs domain's public face: what other folders and the app may use.
export { jobRoutes } from './routes.js';
export { openJobsDigest } from './digest.js';
export { jobSummaries } from './queries.js';
export { seedJobsDemo } from './demoData.js';
