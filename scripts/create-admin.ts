// npm run admin:create -- --username <name> --name <显示名>
// The first platform administrator of a new deployment (production starts with an empty
// database and no dev-login). Run on the server with the same environment as `npm start`
// (DATABASE_URL, SESSION_SECRET, ID_NUMBER_KEYS …): it migrates the database if needed,
// makes the account and prints a first password, once. The person signs in at /console/
// with 账号密码, must change the password at once, and goes on from there.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../server/config.js';
import { createDb, tuneSqlite } from '../server/db.js';
import { buildDeps } from '../server/deps.js';
import { createLogger } from '../server/logger.js';
import { migrateDatabase } from '../server/migrate.js';
import { createPlatformAdmin } from '../server/accounts/index.js';
import { AppError } from '../server/errors.js';

const { values } = parseArgs({ options: { username: { type: 'string' }, name: { type: 'string' } }, strict: true });
if (!values.username || !values.name) {
  console.error('usage: npm run admin:create -- --username <sign-in name> --name <显示名>');
  process.exit(2);
}

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
await migrateDatabase(config.databaseUrl);
const db = createDb(config.databaseUrl, { poolSize: 1 });
await tuneSqlite(db);
try {
  const made = await createPlatformAdmin(buildDeps(config, db, logger), { username: values.username, displayName: values.name });
  console.log(`platform administrator created
  username:       ${made.username}
  first password: ${made.password}
Sign in at /console/ (账号密码) and change it at once; it is shown only this time.`);
} catch (e) {
  if (!(e instanceof AppError)) throw e;
  console.error(`not created: ${e.message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
