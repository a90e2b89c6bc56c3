// Photos from phones: the type is decided by decoding the bytes (never by the
// file name or the client's Content-Type), and every image is re-encoded, which
// drops EXIF (GPS position, device) and anything hidden after the image data.
import crypto from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { homeCommunity } from '../policies/index.js';
import { presentUpload } from './presenter.js';

const ACCEPTED = new Set(['jpeg', 'png', 'webp']);
const MAX_EDGE = 2048;
/** Refuse decompression bombs before decoding them. */
const MAX_INPUT_PIXELS = 40_000_000;

export async function storeImage(deps: Deps, viewer: Viewer, input: Buffer) {
  const communityId = homeCommunity(viewer);
  if (!communityId) throw new AppError('forbidden', 'this account belongs to no community');

  const meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata().catch(() => null);
  if (!meta?.format || !ACCEPTED.has(meta.format)) {
    throw new AppError('unsupported_media_type', 'file: not a JPEG, PNG or WebP image');
  }
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate() // apply the EXIF orientation before the EXIF is dropped
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new AppError('unsupported_media_type', 'file: the image is damaged or too large to open');
  }

  const now = deps.clock();
  const id = crypto.randomUUID();
  const storageKey = `${communityId}/${now.toISOString().slice(0, 7)}/${id}.jpg`;
  await deps.storage.put(storageKey, out.data, 'image/jpeg');
  const upload = await deps.db.upload.create({
    data: {
      id,
      communityId,
      ownerId: viewer.userId,
      storageKey,
      mime: 'image/jpeg',
      bytes: out.info.size,
      width: out.info.width,
      height: out.info.height,
      sha256: crypto.createHash('sha256').update(out.data).digest('hex'),
      createdAt: now,
    },
  });
  return presentUpload(upload, deps.config.sessionSecret, now);
}
