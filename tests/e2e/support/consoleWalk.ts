// A walk through the staff console: the console's test build served by a real backend on a
// fresh demo database, and a desktop browser on it (1440×900) that records every script
// error, failed request and console error (a CSP that does not fit the built app shows up
// there) into `problems`, which each walk asserts empty at its end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { consoleDir, ensureConsoleTestBuild } from '../../../scripts/build-web.js';
import { startBackend, type Backend } from './backend.js';
import { launchChromium } from './browser.js';
import { SHOTS } from './ui.js';

export const CONSOLE_VIEWPORT = { width: 1440, height: 900 };

export interface ConsoleWalk {
  /** a folder of the walk's own (downloads), removed at stop */
  tmp: string;
  backend: Backend;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** the browser's last 80 requests and answers, timed from the walk's start */
  trace(): string;
  stop(): Promise<void>;
}

/** The walks running in this file, for the failure report (failures.ts prints their traces and backends' logs). */
export const openConsoleWalks = new Set<ConsoleWalk>();

export async function startConsoleWalk(tmpPrefix: string, problems: string[]): Promise<ConsoleWalk> {
  const ms = ensureConsoleTestBuild();
  if (ms) console.log(`built the console for the walk in ${(ms / 1000).toFixed(1)} s`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  // the server serves the test build (demo sign-in compiled in) at /console/, as npm start serves dist/console
  process.env.CONSOLE_DIR = consoleDir('test');
  // Chromium starts while the backend does; neither outlives the other's failed start
  const [started, launched] = await Promise.allSettled([startBackend(tmp), launchChromium()]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const backend = started.value;
  const browser = launched.value;
  const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT, locale: 'zh-CN', deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  // the browser's last requests, for a walk that fails (`walk.trace()`): which of them never came back
  const t0 = Date.now();
  const recent: string[] = [];
  const note = (line: string) => {
    recent.push(`${((Date.now() - t0) / 1000).toFixed(2)}s ${line}`);
    if (recent.length > 80) recent.shift();
  };
  page.on('request', (r) => note(`→ ${r.method()} ${r.url()}`));
  page.on('requestfinished', (r) => note(`← ${r.method()} ${r.url()}`));
  page.on('requestfailed', (r) => note(`✗ ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  const walk: ConsoleWalk = {
    tmp,
    backend,
    browser,
    context,
    page,
    trace: () => recent.join('\n'),
    async stop() {
      openConsoleWalks.delete(walk);
      await context.close().catch(() => {});
      await browser.close();
      await backend.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  openConsoleWalks.add(walk);
  return walk;
}
