// npm run admin:create (scripts/create-admin.ts): the first platform administrator, made from
// the command line through the owners of its rows (the account by server/auth, its role by
// server/accounts, its first password by server/auth), on a copy of the run's database
// (SQLite or PostgreSQL). The go-live walk (tests/e2e/go-live.test.ts) signs in with it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/db.js';
import { freshDatabase, type FreshDatabase } from '../support/database.js';

let fresh: FreshDatabase;
let db: Db;

beforeAll(async () => {
  fresh = await freshDatabase();
  db = createDb(fresh.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await fresh?.drop();
});

const createAdmin = (username: string, name: string) =>
  spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('scripts/create-admin.ts'), '--username', username, '--name', name], {
    env: { ...process.env, DATABASE_URL: fresh.url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });

describe('npm run admin:create', () => {
  it('makes an account with the platform role and a first password that must be changed, once per username', async () => {
    const made = createAdmin('Ops.Admin', '运维管理员');
    expect(made.status, made.stderr).toBe(0);
    const password = /first password: (\S+)/.exec(made.stdout)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(made.stdout).toContain('username:       ops.admin');

    const cred = await db.passwordCredential.findUniqueOrThrow({ where: { username: 'ops.admin' } });
    expect(cred).toMatchObject({ mustChange: true, failedAttempts: 0 });
    expect(cred.passwordHash).not.toContain(password);
    const user = await db.user.findUniqueOrThrow({ where: { id: cred.userId }, include: { roles: true, identities: true } });
    expect(user).toMatchObject({ displayName: '运维管理员', residentId: null, identities: [] });
    expect(user.roles.map((r) => ({ role: r.role, communityId: r.communityId, gridId: r.gridId, regionId: r.regionId }))).toEqual([
      { role: 'ADMIN', communityId: null, gridId: null, regionId: null },
    ]);
    expect(await db.auditEntry.count({ where: { action: 'admin.bootstrap', targetId: user.id } })).toBe(1);
    expect(await db.auditEntry.count({ where: { action: 'password.set', targetId: user.id } })).toBe(1);

    // the same username again: refused before anything is written
    const users = await db.user.count();
    await db.$disconnect(); // the script's migration step waits for a SQLite file nobody holds open
    const again = createAdmin('ops.admin', '另一个');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('not created: username: ops.admin is taken');
    expect(await db.user.count()).toBe(users);
  }, 240_000); // two runs of the script, each starting tsx and checking the migrations
});
