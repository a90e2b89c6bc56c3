// Run after the production H5 build (npm run build:h5): the demo sign-in must not
// be in it. The login page keeps it behind EJIA_DEV_LOGIN, which is false in
// production, and the minifier drops it; this checks that it really did.
import fs from 'node:fs';
import path from 'node:path';

const dist = path.resolve(process.argv[2] ?? 'dist/h5');
const FORBIDDEN = ['dev-login', 'demo-resident', 'demo-staff', 'fake:new-'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`no H5 build in ${dist} (run: npm run build:h5)`);
  process.exit(1);
}
const found = files(dist)
  .filter((f) => /\.(js|html)$/.test(f))
  .flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return FORBIDDEN.filter((s) => text.includes(s)).map((s) => `${path.relative(dist, f)}: ${s}`);
  });
if (found.length) {
  console.error(`the production H5 build contains the demo sign-in:\n  ${found.join('\n  ')}`);
  process.exit(1);
}
const bytes = files(dist).reduce((a, f) => a + fs.statSync(f).size, 0);
console.log(`H5 build ok: ${path.relative(process.cwd(), dist)}, ${(bytes / 1024).toFixed(0)} KB, no demo sign-in`);
