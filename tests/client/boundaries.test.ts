// The mini-program may know the server's types but must never bundle its code,
// and only the API client talks to the network. What both sides need as values
// (words, limits) is in shared/, which both compile, so it depends on neither.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const read = (dir: string) => sources(path.resolve(dir)).map((file) => ({ file: path.relative(process.cwd(), file), text: fs.readFileSync(file, 'utf8') }));
const files = read('client');
const shared = read('shared');

describe('client boundaries', () => {
  it('imports from server/ are type-only', () => {
    const offenders: string[] = [];
    for (const { file, text } of files) {
      for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"]([^'"]*\/server\/[^'"]*)['"]/gm)) {
        offenders.push(`${file}: ${m[0].trim()}`);
      }
      // dynamic value imports (import('…/server/…') outside a `typeof`)
      for (const m of text.matchAll(/(?<!typeof\s)import\(\s*['"]([^'"]*\/server\/[^'"]*)['"]\s*\)/g)) offenders.push(`${file}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
    expect(files.some(({ text }) => /from '..\/..\/server\//.test(text))).toBe(true); // the check looks at real imports
  });

  it('imports values from shared/', () => {
    const valueImports = files.filter(({ text }) => /^import\s+\{[^}]*\}\s+from\s+'(\.\.\/)+shared\/[^']+'/m.test(text));
    expect(valueImports.map((f) => f.file)).toContain(path.join('client', 'lib', 'words.ts'));
  });

  it('only client/api/http.ts calls Taro.request and Taro.uploadFile', () => {
    const callers = files.filter(({ text }) => /\bTaro\.(request|uploadFile|downloadFile)\(/.test(text)).map((f) => f.file);
    expect(callers).toEqual([path.join('client', 'api', 'http.ts')]);
  });
});

describe('shared/', () => {
  /** Every module a file names: imports, re-exports, side-effect and dynamic imports. */
  const imported = shared.flatMap(({ file, text }) =>
    [...text.matchAll(/(?:^\s*(?:import|export)\b[^;]*?\bfrom\s+|^\s*import\s+|\bimport\(\s*)['"]([^'"]+)['"]/gm)].map((m) => ({ file, from: m[1]! })),
  );

  it('imports nothing from server/ or client/', () => {
    expect(shared.length).toBeGreaterThan(0);
    expect(imported.filter(({ file, from }) => /(^|\/)(server|client)\//.test(path.join(path.dirname(file), from)))).toEqual([]);
  });

  it('imports no package either (no Node, no Taro): only its own files', () => {
    expect(imported.filter(({ from }) => !/^\.\/[^/]+$/.test(from))).toEqual([]);
  });
});
