// A console page once it is still: no spinner or skeleton, no animation running (a live
// badge pulses for ever: only animations that end are waited for). Screenshots wait for it,
// so a toast on its way out or a chart drawing in is not caught half-way; so do clicks that
// an opening dialog or a closing drawer could swallow (consoleStill, closeDrawer).
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

/**
 * Closes the open drawer and waits until it has gone. CI once left the drawer's mask over
 * the next test's tabs for 30 s: the ✕ click had landed on a 录用 toast lying over it (the
 * console now lets clicks through its toasts, console.css). The click is still repeated
 * until the drawer is shut, for a popconfirm on its way out.
 */
export async function closeDrawer(page: Page): Promise<void> {
  const open = page.locator('.ant-drawer-content-wrapper:visible');
  for (let attempt = 1; ; attempt++) {
    await consoleStill(page);
    if ((await open.count()) === 0) return;
    await page.locator('.ant-drawer-close:visible').click();
    try {
      await open.waitFor({ state: 'detached', timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
