// npm run bench:registry — the 户籍台账 import at scale (issue #19): a
// generated 平远-size workbook (109 buildings, 5,512 flats, 22,438 people, 9
// rows wrong on purpose) through the real server over HTTP, dry run and
// confirm, then the same file again (all unchanged); and a county's 300,000
// people through a dry run on a freshly started server, its memory sampled from
// /proc every 50 ms. SQLite and PostgreSQL (BENCH_DATABASES=sqlite,postgres;
// BENCH_POSTGRES_URL). Targets: import under 30 s, the dry run of 300,000
// under 300 MB of server memory, read as growth over the idle server's RSS (the
// server alone is ~280 MB before any upload). Prints figures; not a test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../server/db.js';
import { sampleWorkbook } from '../../server/registry/sampleWorkbook.js';
import { createDatabase, dropDatabase, postgresAnswers, DEFAULT_TEST_POSTGRES_URL } from '../support/postgres.js';
import http from 'node:http';
import { formatTable, signIn, startAppServer, type ChildServer } from './support.js';

const wanted = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim().toLowerCase());
const COUNTY = Number(process.env.BENCH_COUNTY_PEOPLE ?? 300_000);

const mb = (kb: number) => Math.round(kb / 1024);

/** The process's resident memory (kB) now, and its high-water mark. */
function memory(pid: number): { rss: number; hwm: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Runs `f` while sampling the server's RSS; the peak seen, in kB. */
async function sampled<T>(pid: number, f: () => Promise<T>): Promise<{ value: T; peak: number; seconds: number }> {
  let peak = memory(pid).rss;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memory(pid).rss);
    } catch {
      /* the process ended */
    }
  }, 50);
  const t0 = performance.now();
  try {
    const value = await f();
    return { value, peak: Math.max(peak, memory(pid).rss), seconds: (performance.now() - t0) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** POST a workbook with node:http: a county's dry run takes minutes, and fetch gives up waiting for headers after 300 s. */
function upload(base: string, token: string, communityId: string, file: Buffer): Promise<any> {
  const boundary = `----bench${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="registry.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/registry/communities/${communityId}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 201) reject(new Error(`dry run: ${res.statusCode} ${text.slice(0, 500)}`));
        else resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function confirm(base: string, token: string, id: string) {
  const res = await fetch(`${base}/api/registry/imports/${id}/confirm`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`confirm: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

async function emptyCommunity(databaseUrl: string, name: string) {
  const db = createDb(databaseUrl);
  try {
    return (await db.community.create({ data: { name, estate: '平远新城', district: '贵州省毕节市织金县' } })).id;
  } finally {
    await db.$disconnect();
  }
}

const rows: Array<Record<string, string | number>> = [];
const report = (r: Record<string, string | number>) => {
  rows.push(r);
  console.log(`  ${Object.values(r).join(' | ')}`);
};
const env = (dir: string) => ({ UPLOAD_DIR: path.join(dir, 'uploads'), RESPONSE_CHECK: 'false' });

console.log('generating the workbooks…');
const t0 = performance.now();
const pingyuan = await sampleWorkbook({ buildings: 109, flats: 5512, people: 22_438, prefix: '平远', bad: 9, seed: 2018 });
const countyShape = { buildings: Math.round(COUNTY / 206), flats: Math.round(COUNTY / 4.07), people: COUNTY, prefix: '全县', seed: 2019, region: '520525' };
const county = COUNTY && await sampleWorkbook(countyShape);
// the same people as Excel or WPS saves them once staff have opened the file: every text in sharedStrings.xml
const countyShared = COUNTY && await sampleWorkbook({ ...countyShape, sharedStrings: true });
console.log(
  `  平远: ${pingyuan.counts.peopleRows} rows, ${(pingyuan.file.length / 1e6).toFixed(1)} MB; county: ${county && countyShared ? `${county.counts.peopleRows} rows, ${(county.file.length / 1e6).toFixed(1)} MB (${(countyShared.file.length / 1e6).toFixed(1)} MB as Excel saves it)` : 'skipped'} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
);

async function benchDatabase(label: string, url: string, dir: string) {
  // 1. 平远: a server with the demo data (for the admin), an empty community, the workbook in twice
  let server: ChildServer = await startAppServer(url, { DEMO_DATA: 'true', ...env(dir) });
  try {
    const token = await signIn(server.url, 'demo-admin');
    const community = await emptyCommunity(url, '平远社区');
    const dry = await sampled(server.pid, () => upload(server.url, token, community, pingyuan.file));
    const done = await sampled(server.pid, () => confirm(server.url, token, dry.value.id));
    const again = await sampled(server.pid, () => upload(server.url, token, community, pingyuan.file));
    const againDone = await sampled(server.pid, () => confirm(server.url, token, again.value.id));
    const p = dry.value.counts;
    report({
      database: label,
      workbook: '平远 22,438 people',
      'dry run s': dry.seconds.toFixed(1),
      'confirm s': done.seconds.toFixed(1),
      'import s': (dry.seconds + done.seconds).toFixed(1),
      'peak RSS MB': mb(Math.max(dry.peak, done.peak)),
      outcome: `${p.people.new} new, ${p.badRows} bad rows; written ${done.value.result.people} people`,
    });
    const a = again.value.counts;
    report({
      database: label,
      workbook: '平远 again (same file)',
      'dry run s': again.seconds.toFixed(1),
      'confirm s': againDone.seconds.toFixed(1),
      'import s': (again.seconds + againDone.seconds).toFixed(1),
      'peak RSS MB': mb(Math.max(again.peak, againDone.peak)),
      outcome: `${a.people.unchanged} unchanged, ${a.people.new + a.people.changed} new/changed; written ${againDone.value.result.people}`,
    });
  } finally {
    await server.stop();
  }
  // 2. the county: a freshly started server on the same database for each file, a dry run only
  if (!county || !countyShared) return;
  for (const [what, file] of [['inline text', county.file], ['as Excel saves it', countyShared.file]] as const) {
    server = await startAppServer(url, { DEMO_DATA: 'false', ...env(dir) });
    try {
      const token = await signIn(server.url, 'demo-admin');
      const community = await emptyCommunity(url, what === 'inline text' ? '全县' : '全县（Excel 存的）');
      const before = memory(server.pid);
      const dry = await sampled(server.pid, () => upload(server.url, token, community, file));
      report({
        database: label,
        workbook: `county ${COUNTY.toLocaleString('en')} people (${what}), dry run`,
        'dry run s': dry.seconds.toFixed(1),
        'confirm s': '-',
        'import s': '-',
        'peak RSS MB': `${mb(dry.peak)} (idle ${mb(before.rss)}, +${mb(dry.peak - before.rss)})`,
        outcome: `${dry.value.counts.people.new} new, ${dry.value.counts.badRows} bad rows`,
      });
    } finally {
      await server.stop();
    }
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-bench-registry-'));
try {
  if (wanted.includes('sqlite')) {
    fs.mkdirSync(path.join(dir, 'sqlite'));
    await benchDatabase('SQLite', `file:${path.join(dir, 'sqlite', 'ejia.db')}`, path.join(dir, 'sqlite'));
  }
  if (wanted.includes('postgres')) {
    const admin = process.env.BENCH_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
    const version = await postgresAnswers(admin);
    if (!version) console.log(`PostgreSQL: skipped, nothing answers at ${admin.replace(/:[^:@/]*@/, ':***@')}`);
    else {
      const name = `ejia_bench_registry_${process.pid}`;
      await dropDatabase(admin, name);
      const url = await createDatabase(admin, name);
      fs.mkdirSync(path.join(dir, 'pg'));
      try {
        await benchDatabase(`PostgreSQL ${version.split(' ')[0]}`, url, path.join(dir, 'pg'));
      } finally {
        await dropDatabase(admin, name);
      }
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`\n户籍台账 import (${os.cpus().length} cores; targets: import < 30 s, dry run of 300,000 < 300 MB over idle; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
console.log(formatTable(rows));
process.exit(0);
