// 身份证号 at rest and in the open (#16 part 5): encrypted columns, the keyed hash
// search uses, production keys, rotation, and revealing one as an explicit,
// logged, rate-limited step that admins read back and export.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEV_ID_NUMBER_HASH_KEY, DEV_ID_NUMBER_KEYS, loadConfig } from '../../server/config.js';
import { hashIdNumber, idNumberOf, resealIdNumbers } from '../../server/org/index.js';
import { firstResidentByAddress, signInAll, type Cast } from '../support/fixtures.js';
import { plainIdNumber } from '../support/idNumbers.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;

const ID_NUMBER = /\d{17}[\dX]/;
const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

/** The Resident columns as stored, read with plain SQL (no Prisma field mapping in the way). */
const rawRows = () => s.deps.db.$queryRaw<Array<{ id: string; stored: string | null; hash: string | null }>>`SELECT id, "idNumber" AS stored, "idNumberHash" AS hash FROM "Resident" ORDER BY id`;

/** A resident of 惠泽 (demo-staff's community) outside demo-resident's household, with an ID number. */
async function someoneInHuize() {
  const me = await s.deps.db.user.findUniqueOrThrow({ where: { id: cast.resident.userId }, select: { resident: { select: { householdId: true } } } });
  return firstResidentByAddress(s.deps.db, {
    community: { name: '惠泽社区' }, idNumberEncrypted: { not: null }, NOT: { householdId: me.resident!.householdId }, household: { building: { grid: { name: '第1网格' } } },
  });
}

beforeAll(async () => {
  s = await startServer({ REVEAL_RATE_PER_MINUTE: '5' });
  cast = await signInAll(s);
});
afterAll(() => s?.close());

describe('ID numbers at rest', () => {
  it('the column holds no number in plain text: every one is AES-GCM ciphertext under the current key, with its keyed hash', async () => {
    const rows = await rawRows();
    const withNumber = rows.filter((r) => r.stored);
    expect(withNumber.length).toBeGreaterThan(1000);
    for (const r of withNumber) {
      expect(r.stored).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
      expect(r.stored).not.toMatch(ID_NUMBER);
      const plain = idNumberOf(s.deps.config.idNumbers, { idNumberEncrypted: r.stored });
      expect(plain).toMatch(/^520524\d{11}[\dX]$/);
      expect(r.hash).toBe(hashIdNumber(s.deps.config.idNumbers, plain!));
    }
    // one resident per number: the hash is unique
    expect(new Set(withNumber.map((r) => r.hash)).size).toBe(withNumber.length);
    // the same number encrypts differently each time (random IV): equal ciphertexts would say who shares a number
    expect(new Set(withNumber.map((r) => r.stored)).size).toBe(withNumber.length);
  });

  it('search by number goes through the hash: exact, blind to spaces and a lower-case x, and nothing without the key', async () => {
    const r = await someoneInHuize();
    const plain = plainIdNumber(s, r)!;
    const keys = s.deps.config.idNumbers;
    const found = await s.deps.db.resident.findUnique({ where: { idNumberHash: hashIdNumber(keys, ` ${plain.slice(0, 6)} ${plain.slice(6).toLowerCase()}`) } });
    expect(found?.id).toBe(r.id);
    // another hash key finds nobody: the hash is useless to whoever has the database but not the key
    const otherKey = { ...keys, hashKey: Buffer.alloc(32, 9) };
    expect(await s.deps.db.resident.findUnique({ where: { idNumberHash: hashIdNumber(otherKey, plain) } })).toBeNull();
  });

  it('a number left in plain text from before encryption is sealed by the start-up step, and only those', async () => {
    const r = await someoneInHuize();
    const plain = plainIdNumber(s, r)!;
    await s.deps.db.resident.update({ where: { id: r.id }, data: { idNumberEncrypted: plain, idNumberHash: null } });
    // readable meanwhile (a row is opened whether sealed or not)
    expect(plainIdNumber(s, { idNumberEncrypted: plain })).toBe(plain);
    const report = await resealIdNumbers(s.deps, { onlyPlaintext: true });
    expect(report).toEqual({ resealed: 1, duplicates: 0 });
    const row = (await rawRows()).find((x) => x.id === r.id)!;
    expect(row.stored).toMatch(/^v1:/);
    expect(row.stored).not.toContain(plain);
    expect(row.hash).toBe(hashIdNumber(s.deps.config.idNumbers, plain));
    expect(await resealIdNumbers(s.deps, { onlyPlaintext: true })).toEqual({ resealed: 0, duplicates: 0 });
  });

});

describe('keys in the configuration', () => {
  const prod = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), WECHAT_APPID: 'a', WECHAT_SECRET: 'b' };
  it('production refuses to start without the keys, or with the development ones', () => {
    expect(() => loadConfig(prod)).toThrow(/ID_NUMBER_KEYS is required[\s\S]*ID_NUMBER_HASH_KEY is required/);
    expect(() => loadConfig({ ...prod, ID_NUMBER_KEYS: DEV_ID_NUMBER_KEYS, ID_NUMBER_HASH_KEY: DEV_ID_NUMBER_HASH_KEY })).toThrow(ConfigError);
    expect(() => loadConfig({ ...prod, ID_NUMBER_KEYS: `v2:${key(1)},${DEV_ID_NUMBER_KEYS}`, ID_NUMBER_HASH_KEY: key(2) })).toThrow(/ID_NUMBER_KEYS/);
    expect(() => loadConfig({ ...prod, ID_NUMBER_KEYS: `v1:${key(1)}` })).toThrow(/ID_NUMBER_HASH_KEY/);
    const c = loadConfig({ ...prod, ID_NUMBER_KEYS: `v3:${key(1)},v2:${key(2)}`, ID_NUMBER_HASH_KEY: key(3) });
    expect(c.idNumbers.keys.map((k) => k.version)).toEqual(['v3', 'v2']);
  });
  it('a malformed key stops any start, naming the variable', () => {
    for (const bad of ['v1:short', `1:${key(1)}`, `v1:${key(1)},v1:${key(2)}`, ',']) {
      expect(() => loadConfig({ ID_NUMBER_KEYS: bad })).toThrow(/ID_NUMBER_KEYS/);
    }
    expect(() => loadConfig({ ID_NUMBER_HASH_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/ID_NUMBER_HASH_KEY/);
    // development and tests run on the fixed development keys
    expect(loadConfig({}).idNumbers.keys[0]!.version).toBe('v1');
  });
});

describe('revealing a full number', () => {
  const reveal = (who: keyof Cast, residentId: string, body: unknown, headers: Record<string, string> = {}) =>
    s.request('POST', `/api/org/residents/${residentId}/id-number/reveal`, { token: cast[who].token, body, headers });
  const logCount = () => s.deps.db.accessLogEntry.count();

  it('lists show staff the number masked; the reveal answers it whole and writes who, whose, which, when, why and the request', async () => {
    const r = await someoneInHuize();
    const plain = plainIdNumber(s, r)!;
    const list = await cast.staff.get(`/api/org/households?buildingId=${r.householdId ? (await s.deps.db.household.findUniqueOrThrow({ where: { id: r.householdId } })).buildingId : ''}&limit=200`);
    const shown = list.body.items.flatMap((h: any) => h.members).find((m: any) => m.id === r.id);
    expect(shown.idNumber).toBe(`${plain.slice(0, 4)}${'*'.repeat(10)}${plain.slice(-4)}`);
    expect(JSON.stringify(list.body)).not.toContain(plain);

    const res = await reveal('staff', r.id, { reason: '办理低保年审' }, { 'x-request-id': 'req-reveal-0001' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ residentId: r.id, idNumber: plain, accessLogId: expect.any(String), requestId: 'req-reveal-0001' });
    expect(res.headers.get('x-request-id')).toBe('req-reveal-0001');
    const entry = await s.deps.db.accessLogEntry.findUniqueOrThrow({ where: { id: res.body.accessLogId } });
    expect(entry).toMatchObject({ actorId: cast.staff.userId, residentId: r.id, communityId: r.communityId, field: 'idNumber', reason: '办理低保年审', requestId: 'req-reveal-0001' });
    expect(entry.at.getTime()).toBe(s.now().getTime());
    // admins may too; without X-Request-Id the server makes one
    const byAdmin = await reveal('admin', r.id, { reason: '核对身份' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is refused to the roles that may not, and a refusal writes nothing', async () => {
    const r = await someoneInHuize();
    const before = await logCount();
    expect((await reveal('gridWorker', r.id, { reason: '入户核实' })).status).toBe(403); // their grid: sees it masked, may not reveal
    expect((await reveal('reviewer', r.id, { reason: '评单' })).status).toBe(404);
    expect((await reveal('staffHuimin', r.id, { reason: '核对' })).status).toBe(404); // another community's staff
    expect((await reveal('resident2', r.id, { reason: '核对' })).status).toBe(404);
    const head = await firstResidentByAddress(s.deps.db, { household: { building: { name: '惠泽1栋' } }, idNumberEncrypted: { not: null } });
    expect((await reveal('buildingHead', head.id, { reason: '核对' })).status).toBe(403);
    expect(await logCount()).toBe(before);
  });

  it('needs a reason of at least two characters, named in the 400', async () => {
    s.advance(1); // a fresh minute: the limit counts every attempt, refused ones too
    const r = await someoneInHuize();
    const before = await logCount();
    for (const body of [{}, { reason: '' }, { reason: ' 查 ' }, { reason: 'x'.repeat(201) }]) {
      const res = await reveal('staff', r.id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('body.reason');
    }
    expect((await reveal('staff', 'no-such-resident', { reason: '核对身份' })).status).toBe(404);
    expect(await logCount()).toBe(before);
  });

  it('is rate-limited per user (REVEAL_RATE_PER_MINUTE), with Retry-After', async () => {
    s.advance(1); // a fresh minute
    const r = await someoneInHuize();
    for (let i = 0; i < 5; i++) expect((await reveal('staff', r.id, { reason: '批量核对' })).status).toBe(200);
    const over = await reveal('staff', r.id, { reason: '批量核对' });
    expect(over.status).toBe(429);
    expect(over.body.error.reason).toBe('rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    s.advance(1);
    expect((await reveal('staff', r.id, { reason: '批量核对' })).status).toBe(200);
  });
});

describe('the access log', () => {
  it('admins page it newest first and filter by actor, resident and date; everyone else is refused', async () => {
    const all = await cast.admin.get('/api/access-log?limit=200');
    expect(all.status).toBe(200);
    const total = await s.deps.db.accessLogEntry.count();
    expect(all.body.items).toHaveLength(total);
    expect(all.body.items[0]).toMatchObject({ actor: { id: cast.staff.userId, name: expect.any(String) }, resident: { id: expect.any(String), name: expect.any(String) }, field: 'idNumber' });
    const times = all.body.items.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const byAdmin = await cast.admin.get(`/api/access-log?actorId=${cast.admin.userId}`);
    expect(byAdmin.body.items.length).toBe(1);
    const whose = all.body.items[0].resident.id;
    const byResident = await cast.admin.get(`/api/access-log?residentId=${whose}&limit=200`);
    expect(byResident.body.items.length).toBe(total);
    const later = await cast.admin.get(`/api/access-log?from=${new Date(s.now().getTime() + 60_000).toISOString()}`);
    expect(later.body.items).toEqual([]);
    const day = new Date(s.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10); // today, China time
    expect((await cast.admin.get(`/api/access-log?from=${day}&limit=200`)).body.items).toHaveLength(total);
    expect((await cast.admin.get(`/api/access-log?to=${day}`)).body.items).toEqual([]);

    // pages of 2 walk the same entries
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await cast.admin.get(`/api/access-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.body.items.map((e: any) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all.body.items.map((e: any) => e.id));

    for (const who of ['staff', 'gridWorker', 'reviewer', 'resident'] as const) {
      expect((await cast[who].get('/api/access-log')).status).toBe(403);
      expect((await cast[who].get('/api/access-log/export')).status).toBe(403);
    }
    const bad = await cast.admin.get('/api/access-log?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('query.from');
    expect((await cast.admin.get('/api/access-log?to=2400-01-01')).status).toBe(400);
  });

  it('exports to .xlsx, which reads back entry for entry', async () => {
    const all = (await cast.admin.get('/api/access-log?limit=200')).body.items;
    const res = await fetch(`${s.url}/api/access-log/export`, { headers: { authorization: `Bearer ${cast.admin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['时间', '查看人', '查看人ID', '居民', '居民ID', '字段', '事由', '请求ID']);
    expect(sheet.rowCount).toBe(all.length + 1);
    all.forEach((e: any, i: number) => {
      const v = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      expect(v).toEqual([
        new Date(Date.parse(e.at) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19),
        e.actor.name,
        e.actor.id,
        e.resident.name,
        e.resident.id,
        '身份证号',
        e.reason,
        e.requestId,
      ]);
    });
    // filtered the same way as the list
    const one = await fetch(`${s.url}/api/access-log/export?actorId=${cast.admin.userId}`, { headers: { authorization: `Bearer ${cast.admin.token}` } });
    const wb1 = new ExcelJS.Workbook();
    await wb1.xlsx.load(Buffer.from(await one.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(wb1.worksheets[0]!.rowCount).toBe(2);
  });
});

// last: it rewrites every row, and takes a while on SQLite (no HTTP connection should sit idle through it)
describe('rotating the key', () => {
  it('rotation re-encrypts every row under the new key in batches, resumes where it stopped, and reads the same numbers after', async () => {
    const before = new Map((await rawRows()).filter((r) => r.stored).map((r) => [r.id, idNumberOf(s.deps.config.idNumbers, { idNumberEncrypted: r.stored })]));
    const v1 = s.deps.config.idNumbers.keys[0]!;
    const rotated = { ...s.deps, config: { ...s.deps.config, idNumbers: { ...s.deps.config.idNumbers, keys: [{ version: 'v2', key: Buffer.alloc(32, 5) }, v1] } } };
    // the first run stops after two batches (a crash, a deploy)
    let batches = 0;
    await expect(
      resealIdNumbers(rotated, { onlyPlaintext: false, batchSize: 100, onBatch: () => { if (++batches === 2) throw new Error('stopped'); } }),
    ).rejects.toThrow('stopped');
    const half = await rawRows();
    expect(half.filter((r) => r.stored?.startsWith('v2:')).length).toBe(200);
    // the second run does what is left, and a third finds nothing
    const rest = await resealIdNumbers(rotated, { onlyPlaintext: false, batchSize: 100 });
    expect(rest.resealed).toBe(before.size - 200);
    expect(await resealIdNumbers(rotated, { onlyPlaintext: false })).toEqual({ resealed: 0, duplicates: 0 });
    // v1 can now go: every number opens with v2 alone, unchanged, and the hashes still match
    const v2only = { ...rotated.config.idNumbers, keys: [rotated.config.idNumbers.keys[0]!] };
    for (const r of await rawRows()) {
      if (!r.stored) continue;
      expect(r.stored.startsWith('v2:')).toBe(true);
      expect(idNumberOf(v2only, { idNumberEncrypted: r.stored })).toBe(before.get(r.id));
      expect(r.hash).toBe(hashIdNumber(v2only, before.get(r.id)!));
    }
    // the old key alone opens none of them: a clear error naming the key version, never the value
    expect(() => idNumberOf(s.deps.config.idNumbers, { idNumberEncrypted: (half.find((r) => r.stored?.startsWith('v2:'))!).stored })).toThrow(/key v2/);
    // and back to v1 (v2 still listed to open them) for the rest of this file
    const back = { ...s.deps, config: { ...s.deps.config, idNumbers: { ...s.deps.config.idNumbers, keys: [v1, rotated.config.idNumbers.keys[0]!] } } };
    expect((await resealIdNumbers(back, { onlyPlaintext: false })).resealed).toBe(before.size);
  });
});
