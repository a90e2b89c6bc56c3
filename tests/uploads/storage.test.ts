// The Storage contract, held by both implementations: local disk, and S3 (on a
// fake S3 over real HTTP, talked to by the real AWS SDK).
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { buildStorage } from '../../server/deps.js';
import { S3Storage } from '../../server/uploads/s3Storage.js';
import { LocalDiskStorage, type Storage } from '../../server/uploads/storage.js';
import { crc32Base64, decodeAwsChunked, startFakeS3, type FakeS3 } from '../support/fakeS3.js';
import { signInAll } from '../support/fixtures.js';
import { startServer } from '../support/server.js';

// the SDK warns once that its 2027 releases want Node 22; not this test's business
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let fake: FakeS3;
let tmp: string;
const clients: S3Storage[] = [];
beforeAll(async () => {
  fake = await startFakeS3();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ejia-storage-'));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await fake?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

function s3(opts: { prefix?: string; accessKeyId?: string; bucket?: string } = {}): S3Storage {
  const st = new S3Storage({
    bucket: opts.bucket ?? fake.bucket,
    endpoint: fake.url,
    region: 'us-east-1',
    accessKeyId: opts.accessKeyId ?? fake.accessKeyId,
    secretAccessKey: fake.secretAccessKey,
    forcePathStyle: true,
    prefix: opts.prefix,
  });
  clients.push(st);
  return st;
}

/** Every byte value, then random bytes: nothing may be re-encoded on the way. */
const binary = () => Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), crypto.randomBytes(200_000)]);
const key = () => `c1/2026-12/${crypto.randomUUID()}.jpg`;

describe.each([
  ['LocalDiskStorage', () => new LocalDiskStorage(path.join(tmp, crypto.randomUUID())) as Storage],
  ['S3Storage', () => s3({ prefix: 'contract/' }) as Storage],
])('%s', (_name, make) => {
  let st: Storage;
  beforeAll(() => {
    st = make();
  });

  it('gives back exactly the bytes it was given', async () => {
    const k = key();
    const data = binary();
    await st.put(k, data, 'image/jpeg');
    const got = await st.get(k);
    expect(Buffer.isBuffer(got)).toBe(true);
    expect(got!.equals(data)).toBe(true);
  });

  it('answers null for a key it never stored', async () => {
    expect(await st.get(key())).toBeNull();
  });

  it('forgets what it deleted', async () => {
    const k = key();
    await st.put(k, Buffer.from('x'), 'image/jpeg');
    await st.delete(k);
    expect(await st.get(k)).toBeNull();
  });

  it('deletes a missing key without complaint', async () => {
    await expect(st.delete(key())).resolves.toBeUndefined();
  });

  it('takes a body of several megabytes', async () => {
    const k = key();
    const data = crypto.randomBytes(3 * 1024 * 1024 + 17);
    await st.put(k, data, 'image/jpeg');
    expect((await st.get(k))!.equals(data)).toBe(true);
  });

  it('overwrites', async () => {
    const k = key();
    await st.put(k, Buffer.from('first, and longer'), 'image/jpeg');
    await st.put(k, Buffer.from('second'), 'image/jpeg');
    expect((await st.get(k))!.toString()).toBe('second');
  });
});

describe('S3Storage', () => {
  it('puts every key under the prefix, with its content type', async () => {
    const st = s3({ prefix: 'city-a/' });
    const k = key();
    const data = binary();
    await st.put(k, data, 'image/png');
    expect(fake.objects.has(k)).toBe(false);
    const o = fake.objects.get(`city-a/${k}`);
    expect(o?.contentType).toBe('image/png');
    expect(o?.data.equals(data)).toBe(true);
    // and another prefix is another namespace
    expect(await s3({ prefix: 'city-b/' }).get(k)).toBeNull();
    expect((await st.get(k))!.equals(data)).toBe(true);
  });

  it('sends a plain body, without aws-chunked encoding or the CRC32 checksums some stores refuse', async () => {
    const k = key();
    await s3().put(k, binary(), 'image/jpeg');
    const r = fake.requests.findLast((x) => x.method === 'PUT' && x.key === k)!;
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['x-amz-trailer']).toBeUndefined();
    // a stock client puts these on a Buffer body as headers (no trailer needed)
    expect(r.headers['x-amz-checksum-crc32']).toBeUndefined();
    expect(r.headers['x-amz-sdk-checksum-algorithm']).toBeUndefined();
    expect(r.headers['content-length']).toBe(String(256 + 200_000));
  });

  it('sends a body over 2 MB after Expect: 100-continue, and it arrives whole', async () => {
    const k = key();
    const data = crypto.randomBytes(3 * 1024 * 1024);
    await s3().put(k, data, 'image/jpeg');
    const r = fake.requests.findLast((x) => x.method === 'PUT' && x.key === k)!;
    expect(r.headers.expect).toBe('100-continue');
    expect(fake.objects.get(k)!.data.equals(data)).toBe(true);
  });

  it('rejects with a wrong access key', async () => {
    const err = await s3({ accessKeyId: 'AKIAWRONGKEY' }).put(key(), Buffer.from('x'), 'image/jpeg').catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('InvalidAccessKeyId');
    expect(err.$metadata.httpStatusCode).toBe(403);
  });

  it('treats a missing bucket as an error, not as a missing image', async () => {
    const err = await s3({ bucket: 'no-such-bucket' }).get(key()).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('NoSuchBucket');
  });
});

describe('the fake S3', () => {
  // the fake checks who signed, not the signature, so a made-up one will do here
  const signed = (extra: Record<string, string> = {}) => ({
    authorization: `AWS4-HMAC-SHA256 Credential=${fake.accessKeyId}/20261204/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
    ...extra,
  });
  const at = (k: string, bucket = fake.bucket) => `${fake.url}/${bucket}/${k}`;

  it('answers as S3 does: ETag and length on GET, NoSuchKey and NoSuchBucket as XML, 204 for any DELETE', async () => {
    const data = Buffer.from([0, 255, 13, 10, 1]);
    expect((await fetch(at('raw/a.jpg'), { method: 'PUT', headers: signed({ 'content-type': 'image/jpeg' }), body: data })).status).toBe(200);
    const got = await fetch(at('raw/a.jpg'), { headers: signed() });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('content-length')).toBe('5');
    expect(got.headers.get('etag')).toBe(`"${crypto.createHash('md5').update(data).digest('hex')}"`);
    expect(Buffer.from(await got.arrayBuffer()).equals(data)).toBe(true);

    const missing = await fetch(at('raw/none.jpg'), { headers: signed() });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/xml');
    expect(await missing.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>raw\/none.jpg<\/Key>/,
    );
    const noBucket = await fetch(at('raw/a.jpg', 'other-bucket'), { headers: signed() });
    expect(noBucket.status).toBe(404);
    expect(await noBucket.text()).toContain('<Code>NoSuchBucket</Code>');

    expect((await fetch(at('raw/a.jpg'), { method: 'DELETE', headers: signed() })).status).toBe(204);
    expect((await fetch(at('raw/a.jpg'), { method: 'DELETE', headers: signed() })).status).toBe(204);
    expect(fake.objects.has('raw/a.jpg')).toBe(false);
  });

  it('refuses an unsigned request, another key id and a body that does not match its hash', async () => {
    const unsigned = await fetch(at('raw/b.jpg'), { method: 'PUT', body: 'x' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('content-type')).toBe('application/xml');
    expect(await unsigned.text()).toContain('<Code>AccessDenied</Code>');
    const other = await fetch(at('raw/b.jpg'), { method: 'PUT', headers: { authorization: signed().authorization.replace(fake.accessKeyId, 'AKIAOTHER') }, body: 'x' });
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('<Code>InvalidAccessKeyId</Code>');
    const sha = crypto.createHash('sha256').update('what was signed').digest('hex');
    const mangled = await fetch(at('raw/b.jpg'), { method: 'PUT', headers: signed({ 'x-amz-content-sha256': sha }), body: 'what arrived' });
    expect(mangled.status).toBe(400);
    expect(await mangled.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    expect(fake.objects.has('raw/b.jpg')).toBe(false);
  });

  it('decodes the aws-chunked bodies the SDK streams by default, byte for byte', async () => {
    // a stock client (checksums WHEN_SUPPORTED) and a stream body: aws-chunked with a CRC32 trailer
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: fake.url,
      forcePathStyle: true,
      credentials: { accessKeyId: fake.accessKeyId, secretAccessKey: fake.secretAccessKey },
    });
    try {
      const data = binary();
      const k = key();
      await client.send(
        new PutObjectCommand({
          Bucket: fake.bucket,
          Key: k,
          Body: Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]),
          ContentLength: data.length,
          ContentType: 'image/jpeg',
        }),
      );
      const r = fake.requests.findLast((x) => x.method === 'PUT' && x.key === k)!;
      expect(r.headers['content-encoding']).toContain('aws-chunked');
      expect(r.headers['x-amz-decoded-content-length']).toBe(String(data.length));
      expect(r.bodyBytes).toBeGreaterThan(data.length);
      expect(fake.objects.get(k)!.data.equals(data)).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('reads signed chunks and trailers', () => {
    const data = Buffer.from('hello\r\nworld');
    const raw = Buffer.concat([
      Buffer.from(`7;chunk-signature=${'a'.repeat(64)}\r\n`), data.subarray(0, 7), Buffer.from('\r\n'),
      Buffer.from(`5;chunk-signature=${'b'.repeat(64)}\r\n`), data.subarray(7), Buffer.from('\r\n'),
      Buffer.from(`0;chunk-signature=${'c'.repeat(64)}\r\nx-amz-checksum-crc32:${crc32Base64(data)}\r\n\r\n`),
    ]);
    const d = decodeAwsChunked(raw);
    expect(d.data.equals(data)).toBe(true);
    expect(d.trailers['x-amz-checksum-crc32']).toBe(crc32Base64(data));
  });
});

describe('configuration', () => {
  const s3Env = { STORAGE: 's3', S3_BUCKET: 'photos', S3_ACCESS_KEY_ID: 'AKIAX', S3_SECRET_ACCESS_KEY: 'very-secret-value' };

  it('is local disk unless told otherwise', () => {
    expect(loadConfig({}).storage).toEqual({ kind: 'disk' });
  });

  it('needs a bucket for s3, and says so', () => {
    expect(() => loadConfig({ STORAGE: 's3' })).toThrow(ConfigError);
    expect(() => loadConfig({ STORAGE: 's3' })).toThrow(/S3_BUCKET: required when STORAGE=s3/);
    expect(() => loadConfig({ STORAGE: 'nfs' })).toThrow(/STORAGE/);
  });

  it('wants both keys or neither, and never repeats the secret', () => {
    let err: unknown;
    try {
      loadConfig({ STORAGE: 's3', S3_BUCKET: 'photos', S3_SECRET_ACCESS_KEY: 'very-secret-value' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(String((err as Error).message)).toMatch(/S3_ACCESS_KEY_ID/);
    expect(String((err as Error).message)).not.toContain('very-secret-value');
    expect(loadConfig({ STORAGE: 's3', S3_BUCKET: 'photos' }).storage).toMatchObject({ accessKeyId: undefined, secretAccessKey: undefined });
  });

  it('defaults the region and path-style addressing', () => {
    expect(loadConfig(s3Env).storage).toEqual({
      kind: 's3', bucket: 'photos', endpoint: undefined, region: 'us-east-1',
      accessKeyId: 'AKIAX', secretAccessKey: 'very-secret-value', forcePathStyle: false, prefix: '',
    });
    const minio = loadConfig({ ...s3Env, S3_ENDPOINT: 'http://minio:9000', S3_PREFIX: 'ejia' }).storage;
    expect(minio).toMatchObject({ endpoint: 'http://minio:9000', forcePathStyle: true, prefix: 'ejia/' });
    expect(loadConfig({ ...s3Env, S3_ENDPOINT: 'https://cos.ap-guangzhou.myqcloud.com', S3_FORCE_PATH_STYLE: 'false', S3_REGION: 'ap-guangzhou' }).storage)
      .toMatchObject({ forcePathStyle: false, region: 'ap-guangzhou' });
    expect(() => loadConfig({ ...s3Env, S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT: must be an http\(s\) URL/);
  });

  it('builds S3Storage from it', () => {
    const st = buildStorage(loadConfig({ ...s3Env, S3_ENDPOINT: fake.url }));
    expect(st).toBeInstanceOf(S3Storage);
    (st as S3Storage).destroy();
    expect(buildStorage(loadConfig({ UPLOAD_DIR: tmp }))).toBeInstanceOf(LocalDiskStorage);
  });
});

describe('the server on S3', () => {
  it('stores an uploaded photo in the bucket and serves it back unchanged', async () => {
    const s = await startServer({
      STORAGE: 's3',
      S3_BUCKET: fake.bucket,
      S3_ENDPOINT: fake.url,
      S3_ACCESS_KEY_ID: fake.accessKeyId,
      S3_SECRET_ACCESS_KEY: fake.secretAccessKey,
      S3_PREFIX: 'server-test',
    });
    try {
      expect(s.deps.storage).toBeInstanceOf(S3Storage);
      const cast = await signInAll(s);
      const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 10, g: 200, b: 90 } } }).jpeg().toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
      const r = await s.request('POST', '/api/uploads', { token: cast.resident.token, raw: form });
      expect(r.status).toBe(201);

      const row = await s.deps.db.upload.findUniqueOrThrow({ where: { id: r.body.id } });
      const stored = fake.objects.get(`server-test/${row.storageKey}`);
      expect(stored?.contentType).toBe('image/jpeg');
      // exactly what storeImage produced (its hash is on the row), and nothing on disk
      expect(crypto.createHash('sha256').update(stored!.data).digest('hex')).toBe(row.sha256);
      expect(stored!.data.length).toBe(row.bytes);
      await expect(fs.readdir(s.deps.config.uploadDir)).rejects.toMatchObject({ code: 'ENOENT' });

      const res = await fetch(`${s.url}/api/uploads/${r.body.id}`, { headers: { authorization: `Bearer ${cast.resident.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await res.arrayBuffer()).equals(stored!.data)).toBe(true);

      // the bytes come from the bucket: gone from it, the image is gone
      fake.objects.delete(`server-test/${row.storageKey}`);
      const after = await fetch(`${s.url}/api/uploads/${r.body.id}`, { headers: { authorization: `Bearer ${cast.resident.token}` } });
      expect(after.status).toBe(404);
    } finally {
      (s.deps.storage as S3Storage).destroy();
      await s.close();
    }
  });
});
