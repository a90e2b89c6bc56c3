// Once per run of the e2e project, before any of its files: the H5 test bundle
// (built when missing or stale) and an empty screenshot folder. Building here
// and not in each file keeps two files from building into dist/h5-test at once.
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureConsoleTestBuild } from '../../../scripts/build-web.js';
import { useDemoDatabase } from '../../support/global-setup.js';
import { ensureH5Build } from './h5Build.js';
import { SHOTS } from './ui.js';

export default async function setup(project: TestProject) {
  const buildMs = ensureH5Build();
  if (buildMs) console.log(`built the H5 test bundle in ${(buildMs / 1000).toFixed(1)} s`);
  // the console's test build too, once, before the walks start (each file's own check then finds it fresh)
  const consoleMs = ensureConsoleTestBuild();
  if (consoleMs) console.log(`built the console test bundle in ${(consoleMs / 1000).toFixed(1)} s`);
  // a clean folder in CI; locally other runs (another engineer's walk) may be writing theirs
  if (process.env.CI) fs.rmSync(SHOTS, { recursive: true, force: true });
  // the pictures of the last run's failed tests (support/failures.ts) go, whatever the run
  fs.rmSync(path.resolve('test-results/failures'), { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  // the demo database the walks' backends start on copies of (built with the server suites' template)
  return useDemoDatabase(project);
}
