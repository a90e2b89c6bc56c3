// Run after every weapp build (npm run build:weapp): prints the size of each
// package of the mini-program and fails when one is over WeChat's limit (2 MB
// per package) or the main package is over our own target (400 KB: it is what
// every resident downloads before the first screen, often on a weak signal).
import fs from 'node:fs';
import path from 'node:path';

const KB = 1024;
export const WECHAT_PACKAGE_LIMIT = 2 * KB * KB;
export const MAIN_PACKAGE_TARGET = 400 * KB;
/** Tool settings, not code: the developer tools do not upload them. */
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

export function measure(dist: string) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const file of files(dist)) {
    const rel = path.relative(dist, file).split(path.sep).join('/');
    if (NOT_UPLOADED.has(rel)) continue;
    const pkg = roots.find((r) => rel.startsWith(r)) ?? 'main';
    sizes.set(pkg, sizes.get(pkg)! + fs.statSync(file).size);
  }
  return sizes;
}

function main() {
  const dist = path.resolve(process.argv[2] ?? 'dist/weapp');
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.error(`no mini-program build in ${dist} (run: npm run build:weapp)`);
    process.exit(1);
  }
  const sizes = measure(dist);
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const problems: string[] = [];
  console.log(`mini-program package sizes (${path.relative(process.cwd(), dist)})`);
  for (const [pkg, bytes] of sizes) {
    const limit = pkg === 'main' ? MAIN_PACKAGE_TARGET : WECHAT_PACKAGE_LIMIT;
    const mark = bytes > limit ? '  ✗ over' : '';
    console.log(`  ${pkg.padEnd(22)} ${(bytes / KB).toFixed(1).padStart(8)} KB   limit ${(limit / KB).toFixed(0)} KB${mark}`);
    if (bytes > WECHAT_PACKAGE_LIMIT) problems.push(`${pkg} is over WeChat's 2 MB package limit`);
    else if (pkg === 'main' && bytes > MAIN_PACKAGE_TARGET) problems.push(`the main package is over our ${MAIN_PACKAGE_TARGET / KB} KB target`);
  }
  console.log(`  ${'total'.padEnd(22)} ${(total / KB).toFixed(1).padStart(8)} KB`);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
