// Photos: type from the bytes, size limit, re-encoded without metadata, and
// readable only within the caller's scope (or through a signed URL they were given).
import crypto from 'node:crypto';
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOrder, raiseOrder, signInAll, type Cast } from '../support/fixtures.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let cast: Cast;
beforeAll(async () => {
  s = await startServer({ UPLOAD_MAX_BYTES: String(300 * 1024) });
  cast = await signInAll(s);
});
afterAll(() => s.close());

/** A phone photo: JPEG with EXIF (camera, GPS-like text) and a rotation flag. */
const phonePhoto = (w = 640, h = 480) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withExif({ IFD0: { Make: 'PhoneMaker', Copyright: '杨秀英 13800001234' } })
    .jpeg()
    .toBuffer();

async function upload(token: string | undefined, data: Buffer | Uint8Array, name = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return s.request('POST', '/api/uploads', { token, raw: form });
}

describe('uploading', () => {
  it('accepts a photo and strips its metadata', async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const r = await upload(cast.resident.token, original);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ width: 640, height: 480 });
    const got = await s.request('GET', `/api/uploads/${r.body.id}`, { token: cast.resident.token });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await (await fetch(`${s.url}/api/uploads/${r.body.id}`, { headers: { authorization: `Bearer ${cast.resident.token}` } })).arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(Buffer.from(bytes).includes(Buffer.from('PhoneMaker'))).toBe(false);
  });

  it('shrinks a very large photo', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#336699' } }).png({ compressionLevel: 9 }).toBuffer();
    const r = await upload(cast.resident.token, big, 'big.png', 'image/png');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ width: 2048, height: 1536 });
  });

  it('judges the type by the bytes, not the name or the header', async () => {
    const before = await s.deps.db.upload.count();
    const r = await upload(cast.resident.token, Buffer.from('<?php system($_GET["c"]); ?>'), 'photo.jpg', 'image/jpeg');
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
    const svg = await upload(cast.resident.token, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg', 'image/svg+xml');
    expect(svg.status).toBe(415);
    expect(await s.deps.db.upload.count()).toBe(before);
  });

  it('refuses a file over the size limit', async () => {
    const noisy = await sharp(crypto.randomBytes(600 * 600 * 3), {
      raw: { width: 600, height: 600, channels: 3 },
    }).png().toBuffer();
    expect(noisy.length).toBeGreaterThan(300 * 1024);
    const r = await upload(cast.resident.token, noisy, 'noisy.png', 'image/png');
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('refuses an empty or cut-off image with a 400 naming body.file, and stores nothing', async () => {
    const storedFiles = () => (fs.existsSync(s.deps.config.uploadDir) ? fs.readdirSync(s.deps.config.uploadDir, { recursive: true }).length : 0);
    const jpeg = await phonePhoto();
    const png = await sharp(crypto.randomBytes(200 * 150 * 3), { raw: { width: 200, height: 150, channels: 3 } }).png().toBuffer();
    // both are whole images: it is the cut that is refused
    expect((await upload(cast.resident.token, png, 'whole.png', 'image/png')).status).toBe(201);
    const cases: Array<[string, Buffer, string]> = [
      ['empty', Buffer.alloc(0), 'image/jpeg'],
      ['a JPEG cut in half', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'],
      ['a PNG with its end missing', png.subarray(0, Math.floor(png.length * 0.6)), 'image/png'],
      ['a JPEG cut after its first bytes', jpeg.subarray(0, 16), 'image/jpeg'],
    ];
    const before = { rows: await s.deps.db.upload.count(), files: storedFiles() };
    for (const [what, bytes, type] of cases) {
      const r = await upload(cast.resident.token, bytes, type === 'image/png' ? 'photo.png' : 'photo.jpg', type);
      expect([what, r.status, r.body.error?.code]).toEqual([what, 400, 'invalid_request']);
      expect(r.body.error.message).toMatch(/^body\.file: /);
      expect(r.body.error.details).toEqual([{ path: 'body.file', message: expect.any(String) }]);
    }
    expect({ rows: await s.deps.db.upload.count(), files: storedFiles() }).toEqual(before);
  });

  it('needs a signed-in user and a file', async () => {
    expect((await upload(undefined, await phonePhoto())).status).toBe(401);
    const empty = await s.request('POST', '/api/uploads', { token: cast.resident.token, raw: new FormData() });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('body.file');
  });
});

describe('photos on orders', () => {
  it('are attached when raising and resolving, and shown on the timeline', async () => {
    const a = (await upload(cast.resident.token, await phonePhoto())).body.id;
    const o = await raiseOrder(cast.resident, { photos: [a] });
    await advanceOrder(cast, o.id, 'accepted');
    const b = (await upload(cast.gridWorker.token, await phonePhoto(320, 240))).body.id;
    const done = await cast.gridWorker.post(`/api/orders/${o.id}/resolve`, { note: '修好了，见照片', photos: [b] });
    expect(done.status).toBe(200);
    const t = (await cast.resident.get(`/api/orders/${o.id}`)).body.timeline;
    expect(t[0].photos.map((p: any) => p.id)).toEqual([a]);
    expect(t.at(-1).photos.map((p: any) => p.id)).toEqual([b]);
    // the signed URL works without a token (a mini-program <Image> cannot send one)
    const signed = await fetch(s.url + t.at(-1).photos[0].url);
    expect(signed.status).toBe(200);
    expect(signed.headers.get('content-type')).toBe('image/jpeg');
  });

  // filing answers with what it wrote, without reading it back (server/orders/submitOrder.ts): it must be the same order page
  it('the answer to filing is the order page read back, photos and signed URLs included', async () => {
    const a = (await upload(cast.resident.token, await phonePhoto())).body.id;
    const b = (await upload(cast.resident.token, await phonePhoto(320, 240))).body.id;
    const mine = await cast.resident.post('/api/orders', { category: 'repair', description: '水管漏水。地上全是水', urgency: 'emergency', photos: [a, b] });
    expect(mine.status).toBe(201);
    expect(mine.body.timeline[0].photos.map((p: any) => p.id)).toEqual([a, b]);
    expect((await cast.resident.get(`/api/orders/${mine.body.id}`)).body).toEqual(mine.body);
    // on behalf of a resident, by the grid worker, who sees the phone
    const resident = (await cast.resident.get('/api/me')).body.resident;
    const forThem = await cast.gridWorker.post('/api/orders', { category: 'repair', description: '楼道灯坏了', onBehalfOf: resident.id });
    expect(forThem.status).toBe(201);
    expect(forThem.body.filedOnBehalf).toBe(true);
    expect((await cast.gridWorker.get(`/api/orders/${forThem.body.id}`)).body).toEqual(forThem.body);
  });

  it("cannot use someone else's photo, or one photo twice", async () => {
    const theirs = (await upload(cast.resident2.token, await phonePhoto())).body.id;
    const r = await cast.resident.post('/api/orders', { category: 'repair', description: '水管漏水', photos: [theirs] });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('body.photos.0');
    const mine = (await upload(cast.resident.token, await phonePhoto())).body.id;
    await raiseOrder(cast.resident, { photos: [mine] });
    const again = await cast.resident.post('/api/orders', { category: 'repair', description: '水管漏水', photos: [mine] });
    expect(again.status).toBe(400);
    const twice = await cast.resident.post('/api/orders', { category: 'repair', description: '水管漏水', photos: [theirs, theirs] });
    expect(twice.status).toBe(400);
  });

  it('are visible only to those who can see the order', async () => {
    const p = (await upload(cast.resident.token, await phonePhoto())).body.id;
    await raiseOrder(cast.resident, { photos: [p] });
    const get = (c: Cast[keyof Cast]) => s.request('GET', `/api/uploads/${p}`, { token: c.token });
    expect((await get(cast.resident)).status).toBe(200);
    expect((await get(cast.gridWorker)).status).toBe(200);
    expect((await get(cast.staff)).status).toBe(200);
    expect((await get(cast.resident2)).status).toBe(404);
    expect((await get(cast.gridWorker2)).status).toBe(404);
    expect((await get(cast.staffHuimin)).status).toBe(404);
    // an unattached upload is its owner's alone
    const loose = (await upload(cast.resident.token, await phonePhoto())).body.id;
    expect((await s.request('GET', `/api/uploads/${loose}`, { token: cast.staff.token })).status).toBe(404);
  });

  it('signed URLs cannot be forged, moved to another image, or used after they expire', async () => {
    const p = (await upload(cast.resident.token, await phonePhoto())).body;
    const other = (await upload(cast.resident.token, await phonePhoto())).body;
    expect((await fetch(s.url + p.url)).status).toBe(200);
    const sig = new URL(s.url + p.url).searchParams.get('sig')!;
    const exp = new URL(s.url + p.url).searchParams.get('exp')!;
    const forged = `/api/uploads/${p.id}?exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect((await fetch(s.url + forged)).status).toBe(404);
    expect((await fetch(`${s.url}/api/uploads/${other.id}?exp=${exp}&sig=${sig}`)).status).toBe(404);
    expect((await fetch(`${s.url}/api/uploads/${p.id}?exp=${Number(exp) + 3600}&sig=${sig}`)).status).toBe(404);
    s.advance(3 * 60);
    expect((await fetch(s.url + p.url)).status).toBe(404);
  });
});
