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

/**
 * Clicks a button of the open Popconfirm once it has finished opening. antd mounts the popup at 0.8
 * scale and starts its zoom a frame later (rc-motion's `-appear`/`-enter` classes until it ends):
 * Playwright can find the button "stable" on those first frames and click where it was before it
 * grew, and the click is lost. CI once left console-accounts' 撤销 popconfirm open that way for 30 s.
 */
export async function confirmPopconfirm(page: Page, name: string | RegExp): Promise<void> {
  const button = page.locator('.ant-popconfirm').getByRole('button', { name });
  await button.waitFor();
  await button.evaluate(
    (el) =>
      new Promise<void>((resolve, reject) => {
        const since = performance.now();
        const opening = () => {
          for (let e: Element | null = el; e; e = e.parentElement) if (/-(appear|enter)\b/.test(e.getAttribute('class') ?? '')) return true;
          return false;
        };
        let settled = 0; // frames in a row with the popup at rest
        const check = () => {
          settled = opening() ? 0 : settled + 1;
          if (settled >= 2) resolve();
          else if (performance.now() - since > 5_000) reject(new Error('the popconfirm was still opening after 5 s'));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  await consoleStill(page);
  await button.click();
}
