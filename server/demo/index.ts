// Loading the demo data set into an empty database (npm start, tests).
export { databaseIsEmpty, seedDemo } from './seed.js';
