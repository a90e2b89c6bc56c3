// Run after the size check in `npm run build:weapp`: WeChat's own tools, offline, on dist/weapp.
//  - ci.checkCodeQuality: the list DevTools shows under 代码质量 (compression on, lazyCodeLoading,
//    main package size, no files or components the main package does not use…);
//  - ci.getCompiledResult: WeChat's compiler, the one an upload runs (WXML, WXSS, JS and JSON
//    errors stop it), and the main package's size as WeChat counts it after compression.
// miniprogram-ci asks WeChat's servers for the project's attributes unless the project has an
// `attr` function, and it wants a private key file even when it never signs anything: a
// throwaway key and DefaultProjectAttr keep it offline. Every outgoing request is refused here
// (a check that needs the network fails loudly instead of hanging or reaching WeChat).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { MAIN_PACKAGE_TARGET } from './check-miniprogram-size.js';

const KB = 1024;

/** A refused request: miniprogram-ci must not reach anything from a build. */
export const networkAttempts: string[] = [];
function refuseNetwork() {
  const refuse = (what: string) =>
    ((...args: unknown[]) => {
      const target = args[0];
      const o = (target ?? {}) as { host?: string; hostname?: string; path?: string };
      const where = typeof target === 'string' ? target : target instanceof URL ? target.href : `${o.hostname ?? o.host ?? '?'}${o.path ?? ''}`;
      networkAttempts.push(`${what} ${where}`);
      throw new Error(`offline check: ${what} to ${where} refused`);
    }) as never;
  http.request = refuse('http.request');
  http.get = refuse('http.get');
  https.request = refuse('https.request');
  https.get = refuse('https.get');
  globalThis.fetch = refuse('fetch');
}

interface CheckItem {
  name?: string;
  success?: boolean;
  text?: string;
  detail?: unknown;
}

/** The files a quality item names (unused code files, components, packages over their size). */
function detailList(detail: unknown): string[] {
  if (Array.isArray(detail)) return detail.map(String);
  if (detail && typeof detail === 'object' && Array.isArray((detail as { files?: unknown }).files)) return (detail as { files: unknown[] }).files.map(String);
  return [];
}

/** Main package bytes in WeChat's compiled output (keys are package-relative paths; subpackages by their roots). */
export function compiledMainSize(files: Record<string, string | Buffer>, roots: string[]): number {
  let bytes = 0;
  for (const [name, content] of Object.entries(files)) {
    const rel = name.replace(/^\/+/, '');
    if (roots.some((r) => rel.startsWith(r))) continue;
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  return bytes;
}

async function main() {
  const dist = path.resolve(process.argv[2] ?? 'dist/weapp');
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.error(`no mini-program build in ${dist} (run: npm run build:weapp)`);
    process.exit(1);
  }
  refuseNetwork();
  const require = createRequire(import.meta.url);
  // miniprogram-ci is CommonJS without ESM typings worth importing; only these three calls are used
  const ci = require('miniprogram-ci') as {
    Project: new (o: Record<string, unknown>) => unknown;
    checkCodeQuality: (p: unknown) => Promise<CheckItem[]>;
    getCompiledResult: (o: Record<string, unknown>) => Promise<Record<string, string | Buffer>>;
    DefaultProjectAttr: Record<string, unknown>;
  };

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-mpci-'));
  // miniprogram-ci writes its caches under the home directory; keep them out of the user's
  process.env.HOME = tmp;
  const problems: string[] = [];
  try {
    const keyPath = path.join(tmp, 'private.throwaway.key');
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const projectConfig = JSON.parse(fs.readFileSync(path.join(dist, 'project.config.json'), 'utf8')) as { appid: string; setting?: Record<string, unknown> };
    const project = new ci.Project({
      appid: projectConfig.appid,
      type: 'miniProgram',
      projectPath: dist,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
      // the project's attributes without asking WeChat (what ci.getProjectAttr would fetch with a real key)
      attr: async () => ci.DefaultProjectAttr,
    });

    // A quality check that throws is reported as passed by miniprogram-ci (it logs the error with
    // console.error): count such logs as failures.
    const errorsLogged: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      errorsLogged.push(args.map(String).join(' '));
      consoleError(...args);
    };
    let quality: CheckItem[];
    try {
      quality = await ci.checkCodeQuality(project);
    } finally {
      console.error = consoleError;
    }
    console.log(`WeChat code quality (miniprogram-ci checkCodeQuality, ${path.relative(process.cwd(), dist)})`);
    for (const item of quality) {
      const files = detailList(item.detail);
      // "unused code files" passes whenever ignoreUploadUnusedFiles is not false; we want none at all
      const ok = item.success === true && !(item.name === 'CONTAINS_UNUSED_CODES' && files.length > 0);
      // the item's text says what is wrong, so it is shown only for a failing item
      console.log(`  ${ok ? '✓' : '✗'} ${String(item.name)}${ok ? '' : `  ${item.text ?? ''}`}`);
      if (files.length) console.log(files.map((f) => `      ${f}`).join('\n'));
      if (!ok) problems.push(`code quality: ${item.name} ${item.text ?? ''}`.trim());
    }
    if (!quality.length) problems.push('code quality: miniprogram-ci returned no checks');
    for (const e of errorsLogged) problems.push(`code quality: a check failed to run: ${e.slice(0, 300)}`);

    const started = performance.now();
    let compiled: Record<string, string | Buffer> = {};
    try {
      // miniprogram-ci's own names for project.config.json's switches (`minified` there is `minify` here;
      // without them the compiler copies JS and WXML through unparsed and finds nothing wrong)
      const ps = projectConfig.setting ?? {};
      const setting = { es6: ps.es6 === true, minify: ps.minified === true, minifyJS: ps.minified === true, minifyWXML: ps.minifyWXML === true, minifyWXSS: ps.minifyWXSS === true, autoPrefixWXSS: true };
      compiled = await ci.getCompiledResult({ project, setting });
    } catch (e) {
      problems.push(`WeChat's compiler refused the build: ${(e as Error).message}`);
    }
    const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }> };
    const roots = (appJson.subPackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
    const files = Object.keys(compiled).length;
    if (files) {
      const main = compiledMainSize(compiled, roots);
      console.log(`WeChat's compiler (getCompiledResult): ${files} files in ${((performance.now() - started) / 1000).toFixed(1)} s; main package compiled ${(main / KB).toFixed(1)} KB`);
      if (main > MAIN_PACKAGE_TARGET) problems.push(`the compiled main package (${(main / KB).toFixed(1)} KB) is over our ${MAIN_PACKAGE_TARGET / KB} KB target`);
    } else if (!problems.some((p) => p.startsWith("WeChat's compiler"))) {
      problems.push("WeChat's compiler returned no files");
    }
    // the compiler asks WeChat for the file extensions it may upload and, refused, uses its built-in list
    const unexpected = networkAttempts.filter((a) => !a.includes('/wxa/ci/getwhiteextlist'));
    if (networkAttempts.length) console.log(`  (refused ${networkAttempts.length} request(s) to WeChat; miniprogram-ci used its built-in defaults)`);
    if (unexpected.length) problems.push(`miniprogram-ci tried to reach the network: ${unexpected.join(', ')}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(problems.map((p) => `✗ ${p}`).join('\n'));
    process.exit(1);
  }
  console.log('WeChat checks passed');
  // miniprogram-ci leaves a file watcher and its compiler process running
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
