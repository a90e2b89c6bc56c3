// Once per run of the e2e project, before any of its files: the H5 test bundle
// (built when missing or stale) and an empty screenshot folder. Building here
// and not in each file keeps two files from building into dist/h5-test at once.
// Also names the run's demo database for the backends (backend.ts builds it at the first walk,
// close to the walks, not here: the walks run after the server suites).
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureConsoleTestBuild } from '../../../scripts/build-web.js';
import { ensureH5Build } from './h5Build.js';
import { SHOTS } from './ui.js';

export default function setup(project: TestProject) {
  const demoDir = path.resolve('.tmp', `e2e-${process.pid}`);
  fs.rmSync(demoDir, { recursive: true, force: true });
  fs.mkdirSync(demoDir, { recursive: true });
  project.provide('e2eDemoDb', path.join(demoDir, 'demo.db'));
  const buildMs = ensureH5Build();
  if (buildMs) console.log(`built the H5 test bundle in ${(buildMs / 1000).toFixed(1)} s`);
  // the console's test build too, once, before the walks start (each file's own check then finds it fresh)
  const consoleMs = ensureConsoleTestBuild();
  if (consoleMs) console.log(`built the console test bundle in ${(consoleMs / 1000).toFixed(1)} s`);
  // a clean folder in CI; locally other runs (another engineer's walk) may be writing theirs
  if (process.env.CI) fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  return () => fs.rmSync(demoDir, { recursive: true, force: true });
}
