// When a walk's test fails, what its pages showed at that moment: each open page's address and
// the words on it (a toast saying why a button did nothing, say), printed with the failure, and
// a screenshot in test-results/failures/; for a console walk, also the browser's last requests
// (which never came back) and the end of its backend's log. A flaky walk in CI otherwise leaves
// only "timed out waiting for …". Set up for every walk by the e2e project's setupFiles (vitest.config.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { launched } from './browser.js';
import { openConsoleWalks } from './consoleWalk.js';

const FAILURES = path.resolve('test-results/failures');

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const pages = [...launched].flatMap((b) => b.contexts().flatMap((c) => c.pages()));
  const lines: string[] = [];
  for (const [i, page] of pages.entries()) {
    if (page.isClosed()) continue;
    const file = path.join(FAILURES, `${path.basename(task.file?.name ?? 'walk', '.test.ts')} · ${task.name.slice(0, 60).replace(/[/\\:]/g, '_')} · ${i + 1}.png`);
    try {
      fs.mkdirSync(FAILURES, { recursive: true });
      await page.screenshot({ path: file, timeout: 5_000 });
      // the words of the page on top: a Taro page stack keeps the pages below in the DOM, hidden
      const words = await page.evaluate(() => {
        const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => p.getClientRects().length > 0);
        const top = shown.pop() ?? document.body;
        const toast = Array.from(document.querySelectorAll<HTMLElement>('.taro__toast, .ant-message, .ant-notification')).map((t) => t.innerText).join(' ');
        return { text: top.innerText, toast };
      });
      lines.push(
        `page ${i + 1}: ${page.url()}`,
        words.toast.trim() ? `  toast: ${words.toast.trim().replace(/\s+/g, ' ')}` : '  (no toast)',
        `  words: ${words.text.replace(/\s+/g, ' ').slice(0, 600)}`,
        `  screenshot: ${path.relative(process.cwd(), file)}`,
      );
    } catch (e) {
      lines.push(`page ${i + 1}: ${page.url()} (not readable: ${(e as Error).message.split('\n')[0]})`);
    }
  }
  for (const walk of openConsoleWalks) {
    lines.push(`the console walk's last requests (→ asked, ← answered, ✗ failed):\n${walk.trace() || '(none)'}`, `the end of its backend's log:\n${walk.backend.log().slice(-8_000)}`);
  }
  if (lines.length) console.log(`\n✗ ${task.name}: what the open pages showed\n${lines.join('\n')}\n`);
});
