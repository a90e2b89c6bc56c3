// The mini-program may know the server's types but must never bundle its code,
// and only the API client talks to the network.
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

const files = sources(path.resolve('client')).map((file) => ({ file: path.relative(process.cwd(), file), text: fs.readFileSync(file, 'utf8') }));

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

  it('only client/api/http.ts calls Taro.request and Taro.uploadFile', () => {
    const callers = files.filter(({ text }) => /\bTaro\.(request|uploadFile|downloadFile)\(/.test(text)).map((f) => f.file);
    expect(callers).toEqual([path.join('client', 'api', 'http.ts')]);
  });
});
