// npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference
// between the newest schema snapshot and prisma/schema, and snapshots the schema.
import fs from 'node:fs';
import path from 'node:path';
import { prismaCli } from './prisma-cli.js';
import { derive, PG_ROOT } from './postgres-schema.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:new-migration -- <name_in_snake_case>');
  process.exit(2);
}
const migrations = 'prisma/migrations';
const snapshots = 'prisma/snapshots';
const latest = fs.readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort().at(-1);
if (!latest || !fs.existsSync(path.join(snapshots, latest))) {
  console.error(`no snapshot for the newest migration ${latest ?? '(none)'} in ${snapshots}`);
  process.exit(1);
}
const sql = prismaCli(['migrate', 'diff', '--from-schema-datamodel', path.join(snapshots, latest), '--to-schema-datamodel', 'prisma/schema', '--script']);
if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) {
  console.log('the schema has not changed since', latest);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = `${stamp}_${name}`;
fs.mkdirSync(path.join(migrations, folder));
fs.writeFileSync(path.join(migrations, folder, 'migration.sql'), sql);
fs.mkdirSync(path.join(snapshots, folder));
for (const f of fs.readdirSync('prisma/schema')) fs.copyFileSync(path.join('prisma/schema', f), path.join(snapshots, folder, f));
console.log(`wrote ${migrations}/${folder}/migration.sql and its snapshot`);

// the PostgreSQL twin of the schema and of every migration
derive(PG_ROOT);
console.log(`rewrote ${PG_ROOT} (schema and migrations for PostgreSQL)`);
