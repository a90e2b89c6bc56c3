// The privacy pop-up and the two policy texts through the H5 build in headless Chromium,
// against the real server on a fresh demo database: a first sign-in shows the pop-up, its
// links open the 隐私政策 and the 用户协议 (no pop-up over them), 同意并继续 records both
// at their current version on the server, and the pop-up does not come back.
// Screenshots go to test-results/screenshots/ (privacy-…).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_VERSIONS } from '../../shared/consent.js';
import { shot, startApp, text, visible, type App } from './support/ui.js';

let app: App;

type Me = { consent: { agreed: boolean; items: Array<{ kind: string; version: string; agreedAt: string | null }> } };

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe.sequential('privacy consent through the mini-program’s H5 build', () => {
  it('asks on the first sign-in, shows both texts, and records the agreement with its version', async () => {
    expect((await app.get<Me>('demo-resident-2', '/me')).consent.agreed).toBe(false);
    const page = await app.signIn('居民（第2网格）', undefined, { privacy: 'leave' });
    const popup = visible(page.locator('[aria-label="用户隐私保护提示"]'));
    await popup.waitFor();
    await text(page, '用户隐私保护提示').waitFor();
    await shot(page, 'privacy-01-popup');

    await text(page, '《隐私政策》').click();
    await text(page, 'e家社区隐私政策').waitFor();
    await text(page, '二、谁能看到').waitFor();
    expect(await page.locator('[aria-label="用户隐私保护提示"]').filter({ visible: true }).count()).toBe(0);
    await shot(page, 'privacy-02-privacy-policy');
    await page.goBack();

    await text(page, '《用户协议》').click();
    await text(page, 'e家社区用户协议').waitFor();
    await shot(page, 'privacy-03-user-agreement');
    await page.goBack();

    await text(page, '同意并继续').click();
    await popup.waitFor({ state: 'hidden' });
    const me = await app.get<Me>('demo-resident-2', '/me');
    expect(me.consent.agreed).toBe(true);
    expect(me.consent.items.map((i) => [i.kind, i.version])).toEqual([
      ['privacy_policy', CONSENT_VERSIONS.privacy_policy],
      ['user_agreement', CONSENT_VERSIONS.user_agreement],
    ]);

    // 我的 links both texts; no pop-up any more
    await text(page, '我的').click();
    await text(page, '🔒 隐私政策').waitFor();
    await text(page, '📜 用户协议').waitFor();
    expect(await page.locator('[aria-label="用户隐私保护提示"]').filter({ visible: true }).count()).toBe(0);
    await shot(page, 'privacy-04-me');
    expect(app.pageErrors).toEqual([]);
  });
});
