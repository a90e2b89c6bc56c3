// The committed migrations must build exactly the schema that prisma/schema.prisma
// describes. (Prisma's own drift check needs a shadow database, which the JS
// schema engine cannot open here; this compares the two results directly.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';

const require = createRequire(import.meta.url);

function schemaOf(db: Database.Database) {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY type, name")
    .all() as Array<{ type: string; name: string; sql: string | null }>;
  return rows.map((r) => ({ ...r, sql: (r.sql ?? '').replace(/\s+/g, ' ').trim() }));
}

describe('migrations', () => {
  it('match the Prisma schema', () => {
    const cli = require.resolve('prisma/build/index.js');
    const out = spawnSync(process.execPath, [cli, 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: `file:${path.join(inject('runDir'), 'drift-probe.db')}` },
    });
    expect(out.status, out.stderr).toBe(0);
    const fromSchema = new Database(':memory:');
    fromSchema.exec(out.stdout);
    const migrated = new Database(inject('templateDb'), { readonly: true });
    expect(schemaOf(migrated)).toEqual(schemaOf(fromSchema));
    expect(schemaOf(migrated).length).toBeGreaterThan(20);
  });
});
