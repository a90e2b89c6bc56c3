// npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference
// between the schema snapshot and prisma/schema, its PostgreSQL twin, and replaces
// the snapshot with the new schema. Only the newest snapshot is kept: it is all the
// next diff needs (the migrations themselves are the record of earlier schemas).
import fs from 'node:fs';
import path from 'node:path';
import { prismaCli } from './prisma-cli.js';
import { deriveSchema, PG_ROOT, writePostgresMigration } from './postgres-schema.js';

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
const previous = path.join(snapshots, latest);
const sql = prismaCli(['migrate', 'diff', '--from-schema-datamodel', previous, '--to-schema-datamodel', 'prisma/schema', '--script']);
if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) {
  console.log('the schema has not changed since', latest);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = `${stamp}_${name}`;
fs.mkdirSync(path.join(migrations, folder));
fs.writeFileSync(path.join(migrations, folder, 'migration.sql'), sql);

// the PostgreSQL twin of the schema and of this migration (diffed from the previous snapshot)
writePostgresMigration(folder, previous);
deriveSchema(PG_ROOT);

fs.mkdirSync(path.join(snapshots, folder));
for (const f of fs.readdirSync('prisma/schema')) fs.copyFileSync(path.join('prisma/schema', f), path.join(snapshots, folder, f));
fs.rmSync(previous, { recursive: true });
console.log(`wrote ${migrations}/${folder}/migration.sql, ${PG_ROOT}/migrations/${folder}/migration.sql and the snapshot ${snapshots}/${folder}`);
