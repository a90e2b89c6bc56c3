// Password sign-in to the staff console in headless Chromium at 1440×900 (issue #17):
// an admin gives 社区干部 a first password; wrong passwords lock the account; another
// account signs in with its first password, must change it, and then works with the
// cookie session (its writes carry the CSRF token). Screenshots: test-results/screenshots/console-password-….
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './support/backend.js';
import { consoleShot } from './support/consoleShots.js';
import { startConsoleWalk, type ConsoleWalk } from './support/consoleWalk.js';

const FIRST = 'first-Password-2026';
const NEW = 'my-own-Password-2026';

let walk: ConsoleWalk;
let backend: Backend;
let context: BrowserContext;
let page: Page;
// what the walk's browser recorded: script errors, and the refusals and console errors this walk
// causes on purpose (wrong passwords, the lock-out)
const problems: string[] = [];

async function devLogin(openid: string) {
  const r = await fetch(`${backend.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  return (await r.json()) as { token: string; userId: string };
}

/** As the platform admin: a first password for the demo account `openid`. */
async function givePassword(openid: string, username: string) {
  const admin = await devLogin('demo-admin');
  const { userId } = await devLogin(openid);
  const r = await fetch(`${backend.url}/api/auth/accounts/${userId}/password`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: FIRST }),
  });
  if (r.status !== 200) throw new Error(`set password: ${r.status} ${await r.text()}`);
}

const shot = (name: string) => consoleShot(page, name);

async function fillSignIn(username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.locator('form[id="password-sign-in"]').getByRole('button', { name: /登\s*录/ }).click();
}

beforeAll(async () => {
  walk = await startConsoleWalk('ejia-console-pw-', problems);
  ({ backend, context, page } = walk);
});

afterAll(() => walk?.stop());

describe.sequential('password sign-in to the console', () => {
  it('locks the account after 5 wrong passwords and says so', async () => {
    await givePassword('demo-staff', 'huize.staff');
    await page.goto(`${backend.url}/console/`);
    // 扫码登录 is the first tab; the password tab, once chosen, is what this PC opens with next time
    await page.getByRole('tab', { name: '账号密码登录' }).click();
    await page.getByLabel('用户名').waitFor();
    await shot('console-password-01-sign-in');
    await fillSignIn('huize.staff', 'wrong-password-1');
    await page.locator('.sign-in-error').getByText('用户名或密码不对。').waitFor();
    await shot('console-password-02-wrong');
    for (let i = 2; i <= 5; i++) {
      await fillSignIn('huize.staff', `wrong-password-${i}`);
      if (i < 5) await page.locator('.sign-in-error').getByText('用户名或密码不对。').waitFor();
    }
    await page.locator('.sign-in-error').getByText(/账号已锁定 15 分钟/).waitFor();
    // the right password is refused while locked
    await fillSignIn('huize.staff', FIRST);
    await page.locator('.sign-in-error').getByText(/账号已锁定 15 分钟/).waitFor();
    await shot('console-password-03-locked');
    expect((await context.cookies()).map((c) => c.name)).not.toContain('ejia_session');
  });

  it('signs in with a first password, must change it, then works on the cookie session', async () => {
    await givePassword('demo-reviewer', 'huize.reviewer');
    await page.goto(`${backend.url}/console/`);
    await fillSignIn('huize.reviewer', FIRST);
    await page.getByText('首次登录，请先修改密码').waitFor();
    await shot('console-password-04-change');
    await page.getByLabel('新密码').fill(NEW);
    await page.getByLabel('再输一次').fill(NEW);
    await page.getByRole('button', { name: '修改密码并进入' }).click();
    await page.locator('[data-testid="account"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="account"]').textContent()).toContain('党组织');
    await shot('console-password-05-signed-in');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'ejia_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // the page holds no token of its own: the session is the httpOnly cookie
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(session.value);
    expect(await page.evaluate(() => document.cookie)).not.toContain(session.value);

    // a reload keeps the session; signing out ends it
    await page.reload();
    await page.locator('[data-testid="account"]').waitFor();
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('用户名').waitFor();
    expect((await context.cookies()).map((c) => c.name)).not.toContain('ejia_session');
    // the new password signs in straight away
    await fillSignIn('huize.reviewer', NEW);
    await page.locator('[data-testid="account"]').waitFor();
  });

  it('showed no script error', () => {
    expect(problems.filter((p) => p.startsWith('script error'))).toEqual([]);
  });
});
