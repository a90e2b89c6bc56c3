import multer from '@koa/multer';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/** One file in the multipart field "file", kept in memory up to `maxBytes`. */
export const singleFile = (maxBytes: number) =>
  multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 5 } }).single('file');

export function uploadedFile(ctx: AppContext, what: string): Buffer {
  const file = (ctx as unknown as { file?: { buffer: Buffer } }).file;
  if (!file) throw new AppError('invalid_request', `file: required (multipart field "file", ${what})`, [{ path: 'body.file', message: 'required' }]);
  return file.buffer;
}
