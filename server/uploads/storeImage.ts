// Photos from phones: the type is decided by decoding the bytes (never by the
// file name or the client's Content-Type), and every image is re-encoded, which
// drops EXIF (GPS position, device) and anything hidden after the image data.
import crypto from 'node:crypto';
import { requestPhotoCheck } from '../wechat/index.js';
import { checkUploadUrl } from './urls.js';
import sharp, { type OutputInfo } from 'sharp';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest } from '../errors.js';
import { homeCommunity } from '../policies/index.js';
import { presentUpload } from './presenter.js';

const ACCEPTED = new Set(['jpeg', 'png', 'webp']);
const MAX_EDGE = 2048;
/** Refuse decompression bombs before decoding them. */
const MAX_INPUT_PIXELS = 40_000_000;
/** Where the photo is in the request, as a 400 names it. */
const FIELD = 'body.file';

/** How JPEG, PNG and WebP files begin: bytes that start so but cannot be read were cut off or damaged. */
function startsLikeAnImage(b: Buffer): boolean {
  const jpeg = b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  const png = b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const webp = b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
  return jpeg || png || webp;
}

const damaged = () => badRequest(FIELD, 'the image is incomplete or damaged (cut off while sending?); choose or take it again');

const SOS = Buffer.from([0xff, 0xda]);
const EOI = Buffer.from([0xff, 0xd9]);

/**
 * A JPEG whose last scan (FF DA) is followed by the end-of-image marker (FF D9). Cut just
 * before that marker, libjpeg decodes some pictures without a warning and others with
 * one (it depends on where the last bits fall), so the marker is looked for here. Inside
 * a scan FF is always followed by 00 or a restart marker, so neither pair occurs by chance.
 */
function jpegEndsItsImage(b: Buffer): boolean {
  const lastScan = b.lastIndexOf(SOS);
  return lastScan >= 0 && b.indexOf(EOI, lastScan + 2) >= 0;
}

export async function storeImage(deps: Deps, viewer: Viewer, input: Buffer) {
  const communityId = homeCommunity(viewer);
  if (!communityId) throw new AppError('forbidden', 'this account belongs to no community');
  // sharp throws on an empty buffer synchronously, outside its promises: refuse it before
  if (input.length === 0) throw badRequest(FIELD, 'the file is empty; choose a photo');

  // the header only, so no pixel limit here: with one, sharp refuses a bomb's header as
  // unreadable and the check below would tell the user it was cut off rather than too large
  const meta = await Promise.resolve()
    .then(() => sharp(input, { limitInputPixels: false }).metadata())
    .catch(() => null);
  if (!meta?.format) {
    if (startsLikeAnImage(input)) throw damaged();
    throw new AppError('unsupported_media_type', 'file: not a JPEG, PNG or WebP image');
  }
  if (!ACCEPTED.has(meta.format)) throw new AppError('unsupported_media_type', 'file: not a JPEG, PNG or WebP image');
  if (meta.format === 'jpeg' && !jpegEndsItsImage(input)) throw damaged();
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) {
    throw badRequest(FIELD, `the image is too large to open (at most ${MAX_INPUT_PIXELS / 1_000_000} million pixels)`);
  }
  let out: { data: Buffer; info: OutputInfo };
  try {
    // failOn 'warning' (sharp's default, said here because it matters): a cut-off image is
    // refused rather than stored with its missing part painted grey
    out = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })
      .rotate() // apply the EXIF orientation before the EXIF is dropped
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw damaged();
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
  // WeChat's content check of the photo (its verdict comes later, by push: server/wechat)
  await requestPhotoCheck(deps, { uploadId: id, ownerId: viewer.userId, communityId, checkUrl: checkUploadUrl(deps.config.sessionSecret, id, now) });
  return presentUpload(upload, deps.config.sessionSecret, now);
}
