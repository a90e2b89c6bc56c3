// Image bytes in an S3-compatible object store (AWS S3, MinIO, Tencent COS,
// Aliyun OSS): what lets several server instances share uploads without a
// shared volume.
import type { S3Client } from '@aws-sdk/client-s3';
import type { Storage } from './storage.js';

// Loaded on first use: importing the SDK costs ~100 ms, which a deployment on local
// disk, and every test process, would otherwise pay at start-up (server/deps.ts).
let sdk: Promise<typeof import('@aws-sdk/client-s3')> | null = null;
const loadSdk = () => (sdk ??= import('@aws-sdk/client-s3'));

export interface S3StorageOptions {
  bucket: string;
  /** For MinIO, COS, OSS…; unset: AWS S3 of `region`. */
  endpoint?: string;
  region: string;
  /** Unset: the SDK's default credential chain (environment, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`; MinIO needs it. */
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can hold several deployments. */
  prefix?: string;
}

export class S3Storage implements Storage {
  private client: S3Client | null = null;
  private bucket: string;
  private prefix: string;

  constructor(private opts: S3StorageOptions) {
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ?? '';
  }

  private async s3() {
    const s = await loadSdk();
    const o = this.opts;
    this.client ??= new s.S3Client({
      region: o.region,
      endpoint: o.endpoint,
      forcePathStyle: o.forcePathStyle,
      credentials: o.accessKeyId && o.secretAccessKey ? { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } : undefined,
      // Recent SDKs add CRC32 checksums (aws-chunked bodies with trailers) to every
      // upload by default; several S3-compatible stores reject or mishandle them.
      // Only send or check them where the operation requires it.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return { sdk: s, client: this.client };
  }

  private key(key: string): string {
    return this.prefix + key;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const { sdk: s, client } = await this.s3();
    await client.send(
      new s.PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(key),
        Body: data,
        ContentType: contentType,
        // a Buffer's length is known; saying so keeps the SDK from streaming it chunked
        ContentLength: data.length,
      }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    const { sdk: s, client } = await this.s3();
    try {
      const r = await client.send(new s.GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      if (!r.Body) return Buffer.alloc(0);
      return Buffer.from(await r.Body.transformToByteArray());
    } catch (e) {
      // NoSuchKey from AWS; some compatible stores answer a bare 404 without the XML
      // code. A missing bucket is a configuration error, not a missing image.
      if (e instanceof s.S3ServiceException && e.name !== 'NoSuchBucket' && (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that does not exist, so a repeated delete is fine
    const { sdk: s, client } = await this.s3();
    await client.send(new s.DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
  }

  /** Closes the client's sockets (tests; the server keeps one client for its lifetime). */
  destroy(): void {
    this.client?.destroy();
  }
}
