// The run's databases are built while the first files already run (global-setup.ts does not wait for
// them): a file that copies one waits here until its folder says it is built.
import fs from 'node:fs';
import path from 'node:path';

/** Written into a resource's folder by the global setup when it is built, or when building it failed (with the error). */
export const READY = '.ready';
export const FAILED = '.failed';

/** Waits until the resource in `dir` is built; throws the build's own error if it failed. */
export async function templateReady(dir: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (fs.existsSync(path.join(dir, READY))) return;
    if (fs.existsSync(path.join(dir, FAILED))) throw new Error(fs.readFileSync(path.join(dir, FAILED), 'utf8'));
    if (Date.now() > deadline) throw new Error(`the test run's database in ${dir} was not built after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
