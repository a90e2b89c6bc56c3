// A screenshot of a console page once it is still: no spinner or skeleton, no
// animation running (a live badge pulses for ever: only animations that end are
// waited for), so a toast on its way out or a chart drawing in is not caught half-way.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS } from './ui.js';

/** Waits until the page is still (above): e.g. a dialog done opening before its buttons are clicked. */
export async function consoleStill(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('.ant-spin-spinning, .ant-skeleton') &&
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { polling: 100 },
  );
}

export async function consoleShot(page: Page, name: string): Promise<void> {
  await consoleStill(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
