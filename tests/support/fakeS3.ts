// A small S3 over real HTTP on 127.0.0.1, path-style (/<bucket>/<key>): enough of
// PutObject, GetObject and DeleteObject for S3Storage and the AWS SDK to talk to
// it as they would to MinIO or COS. Objects live in memory (`objects`).
// Bodies over 2 MB come with `Expect: 100-continue` from the SDK: node:http answers
// `100 Continue` itself while no 'checkContinue' listener is installed, so keep it so.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export interface FakeObject {
  data: Buffer;
  contentType: string;
}

export interface FakeS3 {
  /** http://127.0.0.1:<port>, for S3_ENDPOINT. */
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key (without the bucket) → object. */
  objects: Map<string, FakeObject>;
  /** Every request seen, for tests that check how the SDK sent a body. */
  requests: { method: string; key: string; headers: http.IncomingHttpHeaders; bodyBytes: number }[];
  close(): Promise<void>;
}

export async function startFakeS3(opts: { bucket?: string; accessKeyId?: string; secretAccessKey?: string } = {}): Promise<FakeS3> {
  const bucket = opts.bucket ?? 'ejia-test';
  const accessKeyId = opts.accessKeyId ?? 'AKIAFAKES3TEST';
  const secretAccessKey = opts.secretAccessKey ?? 'fake-secret-not-checked';
  const objects = new Map<string, FakeObject>();
  const requests: FakeS3['requests'] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, Buffer.concat(chunks), res);
      } catch (e) {
        error(res, 500, 'InternalError', (e as Error).message);
      }
    });
  });

  function handle(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, b = '', ...rest] = url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    requests.push({ method: req.method ?? '', key, headers: req.headers, bodyBytes: raw.length });

    // Only who signed is checked, not the SigV4 signature itself (that would mean
    // re-implementing SigV4 here): the wrong key id is refused as S3 refuses it.
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('AWS4-HMAC-SHA256 Credential=')) return error(res, 403, 'AccessDenied', 'Access Denied');
    if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`)) {
      return error(res, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    }
    if (decodeURIComponent(b) !== bucket) return error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (!key) return error(res, 400, 'InvalidRequest', 'this fake only serves objects');

    // S3 checks a signed payload hash against the body (UNSIGNED-PAYLOAD and the
    // STREAMING-* modes carry none): a body mangled on the way is refused, not stored.
    const declaredSha = String(req.headers['x-amz-content-sha256'] ?? '');
    if (/^[0-9a-f]{64}$/.test(declaredSha) && declaredSha !== crypto.createHash('sha256').update(raw).digest('hex')) {
      return error(res, 400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    if (req.method === 'PUT') {
      let data = raw;
      if (/aws-chunked/.test(String(req.headers['content-encoding'] ?? '')) || String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-')) {
        const decoded = decodeAwsChunked(raw);
        data = decoded.data;
        Object.assign(req.headers, decoded.trailers);
      }
      const declared = req.headers['x-amz-decoded-content-length'];
      if (declared !== undefined && Number(declared) !== data.length) {
        return error(res, 400, 'IncompleteBody', `decoded ${data.length} bytes, x-amz-decoded-content-length says ${declared}`);
      }
      const crc = req.headers['x-amz-checksum-crc32'];
      if (typeof crc === 'string' && crc !== crc32Base64(data)) return error(res, 400, 'BadDigest', 'CRC32 checksum mismatch');
      const ct = req.headers['content-type'];
      objects.set(key, { data, contentType: ct ?? 'binary/octet-stream' });
      res.writeHead(200, { ETag: etag(data) });
      return res.end();
    }
    if (req.method === 'GET') {
      const o = objects.get(key);
      if (!o) return error(res, 404, 'NoSuchKey', 'The specified key does not exist.', key);
      res.writeHead(200, { 'Content-Type': o.contentType, 'Content-Length': o.data.length, ETag: etag(o.data) });
      return res.end(o.data);
    }
    if (req.method === 'DELETE') {
      objects.delete(key); // S3 answers 204 whether or not the key existed
      res.writeHead(204);
      return res.end();
    }
    return error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }

  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // the SDK keeps sockets alive
        server.close(() => resolve());
      }),
  };
}

function error(res: http.ServerResponse, status: number, code: string, message: string, key?: string) {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    (key ? `<Key>${key.replace(/[<>&]/g, '')}</Key>` : '') +
    `<RequestId>${crypto.randomBytes(8).toString('hex')}</RequestId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const etag = (data: Buffer) => `"${crypto.createHash('md5').update(data).digest('hex')}"`;

/** S3's x-amz-checksum-crc32: the big-endian CRC32, base64. */
export function crc32Base64(data: Buffer): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(zlib.crc32(data));
  return b.toString('base64');
}

/**
 * aws-chunked: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` repeated, a zero-size
 * chunk, then optional trailer lines (`x-amz-checksum-crc32:…`) and an empty line.
 */
export function decodeAwsChunked(raw: Buffer): { data: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  let at = 0;
  const line = () => {
    const end = raw.indexOf('\r\n', at);
    if (end < 0) throw new Error('aws-chunked: unterminated line');
    const s = raw.subarray(at, end).toString('latin1');
    at = end + 2;
    return s;
  };
  for (;;) {
    const size = parseInt(line().split(';')[0]!, 16);
    if (!Number.isFinite(size)) throw new Error('aws-chunked: bad chunk size');
    if (size === 0) break;
    parts.push(raw.subarray(at, at + size));
    at += size;
    if (raw.subarray(at, at + 2).toString('latin1') !== '\r\n') throw new Error('aws-chunked: chunk not followed by CRLF');
    at += 2;
  }
  const trailers: Record<string, string> = {};
  while (at < raw.length) {
    const l = line();
    if (!l) break;
    const i = l.indexOf(':');
    if (i > 0) trailers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { data: Buffer.concat(parts), trailers };
}
