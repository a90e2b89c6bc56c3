import { pino } from 'pino';

export type Logger = pino.Logger;

/** Sensitive values never reach the log, wherever they sit in a logged object. */
const REDACT = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'idNumber',
  '*.idNumber',
  '*.*.idNumber',
  'phone',
  '*.phone',
  '*.*.phone',
  'tags',
  '*.tags',
  'code',
  '*.code',
  'sessionKey',
  '*.session_key',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined });
}
