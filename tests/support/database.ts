// A fresh database with the demo data for one test server: a copy of the run's
// template. (SQLite: a file copy. PostgreSQL: CREATE DATABASE … TEMPLATE.)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

export interface FreshDatabase {
  /** DATABASE_URL for the server */
  url: string;
  /** a folder of its own (uploads, logs) */
  dir: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  const dir = path.join(inject('runDir'), crypto.randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'test.db');
  fs.copyFileSync(inject('templateDb'), file);
  return { url: `file:${file}`, dir, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
