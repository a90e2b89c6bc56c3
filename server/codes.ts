// Short one-time codes read off one screen and typed on another by people who
// may read little: no 0/O or 1/I/L, case-insensitive, spaces ignored. Only an
// HMAC of a code is stored.
import crypto from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const humanCode = (length: number) => Array.from(crypto.randomBytes(length), (b) => ALPHABET[b % ALPHABET.length]).join('');

export const normaliseCode = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

export const hashCode = (secret: string, purpose: string, code: string) =>
  crypto.createHmac('sha256', secret).update(`${purpose}:${normaliseCode(code)}`).digest('hex');
