import { createRequire } from 'node:module';
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

/** pino-pretty is a devDependency: a production install has none, and logs JSON. */
function prettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** A developer at a terminal: NODE_ENV development (config.ts's default) and stdout a TTY. */
const atTerminal = () => (process.env.NODE_ENV ?? 'development') === 'development' && process.stdout.isTTY === true;

/**
 * JSON lines, except for a developer at a terminal: readable lines through
 * pino-pretty, in a worker thread. Redaction happens before either.
 */
export function createLogger(level: string, pretty = atTerminal(), file?: string): Logger {
  const options: pino.LoggerOptions = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined };
  // a file (the tests' logs, scanned for personal data when the run ends): written synchronously, so no line is lost at exit
  if (file) return pino(options, pino.destination({ dest: file, sync: true, append: true }));
  if (pretty && level !== 'silent' && prettyInstalled()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(options);
}
