// Headless Chromium (the Debian package) through playwright-core.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Playwright gives every launch a fresh temporary profile (its own user-data-dir) and removes it on close. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // without the background-networking flags Chromium keeps calling out to a closed network
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  launched.add(browser);
  browser.on('disconnected', () => launched.delete(browser));
  return browser;
}

/** The browsers this file's walk has open: what a failed test shows of itself (failures.ts). */
export const launched = new Set<Browser>();
