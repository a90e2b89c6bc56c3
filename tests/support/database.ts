// A fresh database with the demo data for one test server: a copy of the run's
// template. (SQLite: a file copy. PostgreSQL: CREATE DATABASE … TEMPLATE.)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createTestDatabase, dropDatabase } from './postgres.js';

export interface FreshDatabase {
  /** DATABASE_URL for the server */
  url: string;
  /** a folder of its own (uploads, logs) */
  dir: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  const id = crypto.randomUUID();
  const dir = path.join(inject('runDir'), id);
  fs.mkdirSync(dir, { recursive: true });
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (inject('dbKind') === 'postgres') {
    const admin = inject('postgresAdminUrl');
    const template = inject('templateDb');
    const name = `${template.replace(/template$/, '')}${id.replace(/-/g, '').slice(0, 16)}`;
    const url = await createTestDatabase(admin, name, template);
    return { url, dir, drop: async () => { await dropDatabase(admin, name); removeDir(); } };
  }
  const file = path.join(dir, 'test.db');
  fs.copyFileSync(inject('templateDb'), file);
  return { url: `file:${file}`, dir, drop: async () => removeDir() };
}

/** Which database this run's servers use. */
export const testDbKind = () => inject('dbKind');
