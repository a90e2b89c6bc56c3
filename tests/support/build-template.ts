// The run's demo databases built in processes of their own (global-setup.ts starts this from the run's
// bundle, serverBundle.ts): seeding in vitest's own process held the one thread that also transforms
// every module the first files import, and the client files waited on it.
//   node template.mjs sqlite <file>   the demo database (SQLite), as `npm start` builds an empty one
//   node template.mjs postgres <url>  the PostgreSQL template (an empty database), with the write log
//   node template.mjs sqlite-write-log <file>  the write log added to a copy of the demo database (the SQLite template)
import { buildDemoDatabase, buildPostgresDemoDatabase } from './template.js';
import { installPostgresWriteLog, installSqliteWriteLog } from './writeLog.js';

const [kind, target] = process.argv.slice(2);
if (kind === 'sqlite' && target) {
  await buildDemoDatabase(target);
} else if (kind === 'sqlite-write-log' && target) {
  installSqliteWriteLog(target); // every write counted, for "refused and wrote nothing" (writeLog.ts)
} else if (kind === 'postgres' && target) {
  await buildPostgresDemoDatabase(target);
  await installPostgresWriteLog(target); // every write counted, for "refused and wrote nothing" (writeLog.ts)
} else {
  console.error('usage: template.mjs sqlite <file> | sqlite-write-log <file> | postgres <url>');
  process.exit(2);
}
