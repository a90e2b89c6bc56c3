import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  return readSingleFile(multer.memoryStorage(), maxBytes);
}

// the process's own folder for uploads on disk, readable by nobody else (a 户籍台账 holds ID numbers in full)
let uploadsDir: string | null = null;
function privateUploadsDir(): string {
  uploadsDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-uploads-'));
  // a long-running server outlives what cleans the temporary folder (systemd-tmpfiles): made again if gone
  fs.mkdirSync(uploadsDir, { recursive: true, mode: 0o700 });
  return uploadsDir;
}

/** The files in that folder now (for the tests: none once every request is done). */
export const uploadsOnDisk = (): string[] => (uploadsDir ? fs.readdirSync(uploadsDir) : []);

/**
 * One file in the multipart field "file", written to a private temporary file as it
 * arrives (never whole in memory: a county's workbook is tens of MB) and deleted when
 * the request is done, whatever its outcome. `uploadedFilePath` names it.
 */
export function singleFileOnDisk(maxBytes: number): Koa.Middleware<AppState, AppCustom> {
  const storage = multer.diskStorage({
    destination: (_req, _file, cb) => cb(null, privateUploadsDir()),
    filename: (_req, _file, cb) => cb(null, crypto.randomUUID()),
  });
  const read = readSingleFile(storage, maxBytes);
  return async (ctx, next) => {
    try {
      await read(ctx, next);
    } finally {
      const file = (ctx as unknown as { file?: { path?: string } }).file;
      if (file?.path) await fs.promises.rm(file.path, { force: true });
    }
  };
}

function readSingleFile(storage: multer.StorageEngine, maxBytes: number): Koa.Middleware<AppState, AppCustom> {
  const read = multer({ storage, limits: { fileSize: maxBytes, files: 1, fields: 5 } }).single('file');
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

/** The file multer read, or 400 naming the field. */
function fileOf(ctx: AppContext, what: string): { buffer?: Buffer; path?: string } {
  const file = (ctx as unknown as { file?: { buffer?: Buffer; path?: string } }).file;
  if (!file) throw new AppError('invalid_request', `file: required (multipart field "file", ${what})`, [{ path: 'body.file', message: 'required' }]);
  return file;
}

/** The file `singleFile` kept in memory. */
export const uploadedFile = (ctx: AppContext, what: string): Buffer => fileOf(ctx, what).buffer!;

/** The temporary file `singleFileOnDisk` wrote. */
export const uploadedFilePath = (ctx: AppContext, what: string): string => fileOf(ctx, what).path!;
