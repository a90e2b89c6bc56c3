import type { Upload } from '@prisma/client';
import { signedUploadUrl } from './urls.js';

/** The uploader's answer: the id to attach and a signed URL to show it straight away. */
export const presentUpload = (u: Upload, secret: string, now: Date) => ({
  id: u.id,
  url: signedUploadUrl(secret, u.id, now),
  width: u.width,
  height: u.height,
  bytes: u.bytes,
});
