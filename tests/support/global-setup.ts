// Once per test run: one SQLite file built from prisma/schema with the demo
// data loaded. Each test file then works on its own copy of it.
// (tests/schema-drift.test.ts checks that the committed migrations build the same schema.)
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildDemoDatabase } from './template.js';

export default async function setup(project: TestProject) {
  const dir = path.resolve('.tmp', `run-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, 'template.db');
  await buildDemoDatabase(file);
  project.provide('templateDb', file);
  project.provide('runDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    runDir: string;
  }
}
