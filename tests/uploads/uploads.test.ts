// Photos: type from the bytes, size limit, re-encoded without metadata, and
// readable only within the caller's scope (or through a signed URL they were given).
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
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

/**
 * A phone photo: JPEG with EXIF (camera, GPS-like text) and a rotation flag —
 * orientation 6, as a phone held upright writes it: the pixels are stored lying on
 * their side (w × h) and the picture is h × w once turned 90° clockwise. The left
 * half of the stored pixels is red, the right half blue, so the turn can be checked.
 */
async function phonePhoto(w = 640, h = 480) {
  const half = await sharp({ create: { width: w / 2, height: h, channels: 3, background: { r: 0, g: 0, b: 255 } } }).png().toBuffer();
  return sharp({ create: { width: w, height: h, channels: 3, background: { r: 255, g: 0, b: 0 } } })
    .composite([{ input: half, left: w / 2, top: 0 }])
    .withExif({ IFD0: { Make: 'PhoneMaker', Copyright: '杨秀英 13800001234' } })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

/** A PNG that says it is `w` × `h` 1-bit pixels, all black: a few kilobytes that decode to w·h/8 bytes (a decompression bomb when big). */
function pngOfSize(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(w / 8)) * h); // filter byte 0 and zero pixels, every row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const storedFiles = () => (fs.existsSync(s.deps.config.uploadDir) ? fs.readdirSync(s.deps.config.uploadDir, { recursive: true }).length : 0);

async function upload(token: string | undefined, data: Buffer | Uint8Array, name = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), name);
  return s.request('POST', '/api/uploads', { token, raw: form });
}

describe('uploading', () => {
  it('accepts a photo, turns it upright by its rotation flag and strips its metadata', async () => {
    const original = await phonePhoto();
    expect(await sharp(original).metadata()).toMatchObject({ width: 640, height: 480, orientation: 6, exif: expect.anything() });
    const r = await upload(cast.resident.token, original);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ width: 480, height: 640 }); // turned, as the phone showed it
    const got = await s.request('GET', `/api/uploads/${r.body.id}`, { token: cast.resident.token });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await (await fetch(`${s.url}/api/uploads/${r.body.id}`, { headers: { authorization: `Bearer ${cast.resident.token}` } })).arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined(); // no flag left to turn it a second time
    expect([meta.width, meta.height]).toEqual([480, 640]);
    expect(Buffer.from(bytes).includes(Buffer.from('PhoneMaker'))).toBe(false);
    // turned clockwise: the stored left (red) half is now the top, the right (blue) the bottom
    const pixel = async (left: number, top: number) => [...(await sharp(bytes).extract({ left, top, width: 1, height: 1 }).raw().toBuffer())];
    const [top, bottom] = [await pixel(240, 100), await pixel(240, 540)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
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
    // a GIF is a real image, but not one of the three kinds kept: refused by its bytes, named as .jpg or not
    const gif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a7' } }).gif().toBuffer();
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    for (const [name, type] of [['a.gif', 'image/gif'], ['photo.jpg', 'image/jpeg']]) {
      const r = await upload(cast.resident.token, gif, name, type);
      expect([name, r.status, r.body.error?.code, r.body.error?.message]).toEqual([name, 415, 'unsupported_media_type', 'file: not a JPEG, PNG or WebP image']);
    }
    expect(await s.deps.db.upload.count()).toBe(before);
  });

  it('refuses a decompression bomb before decoding it: a few kilobytes that would open to 100 million pixels', async () => {
    const bomb = pngOfSize(10_000, 10_000);
    expect(bomb.length).toBeLessThan(20_000);
    expect(await sharp(bomb).metadata()).toMatchObject({ format: 'png', width: 10_000, height: 10_000 });
    const before = { rows: await s.deps.db.upload.count(), files: storedFiles() };
    const r = await upload(cast.resident.token, bomb, 'bomb.png', 'image/png');
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([{ path: 'body.file', message: 'the image is too large to open (at most 40 million pixels)' }]);
    expect({ rows: await s.deps.db.upload.count(), files: storedFiles() }).toEqual(before);
    // the same kind of file under the limit is an ordinary (if dull) picture
    const fine = await upload(cast.resident.token, pngOfSize(2_000, 1_500), 'plain.png', 'image/png');
    expect(fine.status).toBe(201);
    expect(fine.body).toMatchObject({ width: 2_000, height: 1_500 });
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
    const jpeg = await phonePhoto();
    // noise, so that a cut near the end still removes image data (a flat picture is mostly headers)
    const noise = crypto.randomBytes(320 * 240 * 3);
    const detailed = await sharp(noise, { raw: { width: 320, height: 240, channels: 3 } }).jpeg().toBuffer();
    const progressive = await sharp(noise, { raw: { width: 320, height: 240, channels: 3 } }).jpeg({ progressive: true }).toBuffer();
    expect((await upload(cast.resident.token, detailed, 'whole.jpg')).status).toBe(201);
    expect((await upload(cast.resident.token, progressive, 'whole.jpg')).status).toBe(201);
    const png = await sharp(crypto.randomBytes(200 * 150 * 3), { raw: { width: 200, height: 150, channels: 3 } }).png().toBuffer();
    // both are whole images: it is the cut that is refused
    expect((await upload(cast.resident.token, png, 'whole.png', 'image/png')).status).toBe(201);
    const cases: Array<[string, Buffer, string]> = [
      ['empty', Buffer.alloc(0), 'image/jpeg'],
      ['a JPEG cut in half', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'],
      ['a PNG with its end missing', png.subarray(0, Math.floor(png.length * 0.6)), 'image/png'],
      ['a JPEG cut after its first bytes', jpeg.subarray(0, 16), 'image/jpeg'],
      // the sends a weak mobile connection cuts short: near the end, only the end-of-image marker gone
      ['a JPEG cut at 90%', detailed.subarray(0, Math.floor(detailed.length * 0.9)), 'image/jpeg'],
      ['a JPEG without its end-of-image marker', detailed.subarray(0, detailed.length - 2), 'image/jpeg'],
      // a progressive JPEG cut short still decodes to a blurred whole picture: refused all the same
      ['a progressive JPEG cut at 70%', progressive.subarray(0, Math.floor(progressive.length * 0.7)), 'image/jpeg'],
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
