// The trainings domain's public face: what other folders and the app may use.
export { trainingRoutes } from './routes.js';
export { openTrainingsDigest } from './digest.js';
export { seedTrainingsDemo } from './demoData.js';
