// WeChat's message push (消息推送): the signature of every push and, in 安全模式, the
// decryption of its body — WeChat's scheme, also used by the tests' fake to sign and encrypt.
import crypto from 'node:crypto';

/** sha1 of the sorted parts joined: token+timestamp+nonce (the URL), and +Encrypt for an encrypted body (msg_signature). */
export function pushSignature(...parts: string[]): string {
  return crypto.createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

const aesKeyOf = (encodingAesKey: string) => Buffer.from(`${encodingAesKey}=`, 'base64');

/**
 * AES-256-CBC, key = base64(EncodingAESKey + "="), iv = the key's first 16 bytes, PKCS#7 to
 * 32-byte blocks; the plain text is 16 random bytes, the message's length (4 bytes, big-endian),
 * the message, and the appid it is for. Null when the body was not encrypted with this key
 * or names another appid.
 */
export function decryptPush(encodingAesKey: string, appId: string, encrypted: string): string | null {
  try {
    const key = aesKeyOf(encodingAesKey);
    const decipher = crypto.createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const pad = padded[padded.length - 1]!;
    if (pad < 1 || pad > 32) return null;
    const plain = padded.subarray(0, padded.length - pad);
    const length = plain.readUInt32BE(16);
    const message = plain.subarray(20, 20 + length).toString('utf8');
    const forApp = plain.subarray(20 + length).toString('utf8');
    return forApp === appId ? message : null;
  } catch {
    return null;
  }
}

/** The other way round (tests, and a fake WeChat): what WeChat would send. */
export function encryptPush(encodingAesKey: string, appId: string, message: string): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([crypto.randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}
