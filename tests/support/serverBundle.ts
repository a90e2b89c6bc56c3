// The server as the tests start it in a process of its own (the walks' backends, the crash test's
// lives, multi-instance, sqlite-lock, expiry-wiring): server/main.ts bundled once per run by esbuild,
// the transform tsx applies file by file, so a child loads one file instead of ~400 through tsx's
// loader. A start on a ready database took 5.0 s and 8.2 CPU-seconds through tsx, 2.5 s and
// 4.2 CPU-seconds from the bundle (docs/testing.md). The code is the same; packages stay outside
// the bundle and load from node_modules as under `npm start`, which is still how the go-live walk
// and every benchmark script start it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRY = path.resolve('server/main.ts');
/** The demo databases' builder (build-template.ts), bundled beside the server for the global setup. */
const TEMPLATE_ENTRY = path.resolve('tests/support/build-template.ts');

/** The two files `buildServerBundle` writes into `dir` (named by the entry points below). */
export const bundleFiles = (dir: string) => ({ server: path.join(dir, 'server.mjs'), template: path.join(dir, 'template.mjs') });

/**
 * Bundles server/main.ts into `<dir>/server.mjs` and the demo databases' builder into
 * `<dir>/template.mjs`. `dir` must lie inside the repository (the packages they import resolve from
 * there). `import.meta.url` is server/main.ts's, so what the server finds next to its own source
 * (prisma/ for the migrations, the packages it resolves) it finds as before.
 */
export async function buildServerBundle(dir: string): Promise<{ server: string; template: string }> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: { server: ENTRY, template: TEMPLATE_ENTRY },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(ENTRY).href) },
    logLevel: 'warning',
  });
  return bundleFiles(dir);
}

/** The node arguments that start the server: the run's bundle when the global setup built one, else the source through tsx. */
export async function serverProcessArgs(): Promise<string[]> {
  const bundle = await runBundle();
  return bundle ? [bundle] : ['--import', 'tsx', ENTRY];
}

async function runBundle(): Promise<string | null> {
  // outside vitest (the benchmark scripts) there is no run and no bundle
  if (!process.env.VITEST) return null;
  try {
    const { inject } = await import('vitest');
    return inject('serverBundle') || null;
  } catch {
    return null;
  }
}
