import type Koa from 'koa';
import multer from '@koa/multer';
import type { AppContext, AppCustom, AppState } from '../context.js';
import { AppError } from '../errors.js';

/**
 * One file in the multipart field "file", kept in memory up to `maxBytes`. A body
 * that cannot be read as such (over the limit, another field, a malformed or cut-off
 * multipart body) is refused here as the caller's mistake: 413 or 400, never a 500.
 */
export function singleFile(maxBytes: number): Koa.Middleware<AppState, AppCustom> {
  const read = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 5 } }).single('file');
  return async (ctx, next) => {
    try {
      await read(ctx as never, async () => {});
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as { code?: string }).code === 'LIMIT_FILE_SIZE') throw new AppError('payload_too_large', 'file: too large');
      const message = (err as Error).message || 'unreadable multipart body';
      throw new AppError('invalid_request', `file: ${message}`, [{ path: 'body.file', message }]);
    }
    await next();
  };
}

export function uploadedFile(ctx: AppContext, what: string): Buffer {
  const file = (ctx as unknown as { file?: { buffer: Buffer } }).file;
  if (!file) throw new AppError('invalid_request', `file: required (multipart field "file", ${what})`, [{ path: 'body.file', message: 'required' }]);
  return file.buffer;
}
