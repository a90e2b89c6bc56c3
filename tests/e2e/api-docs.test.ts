// The API document's page (GET /api/docs, Swagger UI) in headless Chromium against
// the real server: it renders every operation of the document, with nothing
// fetched from another origin and no script error. Screenshot: test-results/screenshots/api-docs.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from './support/backend.js';
import { launchChromium } from './support/browser.js';
import { SHOTS } from './support/ui.js';

let tmp: string;
let backend: Backend;
let browser: Browser;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-api-docs-'));
  backend = await startBackend(tmp);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the API document as a page', () => {
  it('Swagger UI renders every operation of /api/openapi.json, all from this server', async () => {
    const doc = (await (await fetch(`${backend.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)));

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    const elsewhere: string[] = [];
    const failed: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => !r.url().startsWith(`${backend.url}/`) && !r.url().startsWith('data:') && elsewhere.push(r.url()));
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));

    await page.goto(`${backend.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'e家社区 API' }).waitFor();
    const claim = page.locator('.opblock-post').filter({ has: page.locator('[data-path="/api/orders/{id}/claim"]') });
    // Swagger UI mounts only the operations near the viewport (a long document is virtualised):
    // scroll down until the claim route is there, and count what Swagger UI itself parsed
    for (let i = 0; i < 80 && !(await claim.count()); i++) {
      await page.mouse.wheel(0, 1200);
      await page.waitForTimeout(100);
    }
    await claim.waitFor();
    expect(await claim.locator('.opblock-summary-description').innerText()).toContain('网格员接单');
    expect(await page.evaluate(() => (window as unknown as { ui: { specSelectors: { operations(): { size: number } } } }).ui.specSelectors.operations().size)).toBe(operations.length);

    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'api-docs.png') });
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  });
});
