// Reading an image back: through a signed URL (which a presenter hands out only
// after checking the viewer's scope), or as a signed-in viewer whose scope holds it.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { uploadScope } from '../policies/index.js';
import { signedUploadUrl, useOfLetter, verifyUploadSignature } from './urls.js';

export interface Image {
  mime: string;
  data: Buffer;
}

/** The image behind a signed URL; a forged, moved or expired signature is "not found". */
export async function readSignedUpload(deps: Deps, id: string, exp: number, sig: string, p?: string): Promise<Image> {
  const use = useOfLetter(p);
  if (!verifyUploadSignature(deps.config.sessionSecret, id, exp, sig, deps.clock(), use)) throw notFound('upload');
  const upload = await deps.db.upload.findUnique({ where: { id }, select: { mime: true, storageKey: true, mediaCheck: { select: { verdict: true } } } });
  // a photo WeChat found risky: only by a URL handed to staff as flagged (or to WeChat's check itself)
  if (upload?.mediaCheck?.verdict === 'risky' && !use) throw notFound('upload');
  return bytesOf(deps, upload);
}

/** The image for a viewer who uploaded it or can see the order it is on. */
export async function readVisibleUpload(deps: Deps, v: Viewer, id: string): Promise<Image> {
  return bytesOf(deps, await deps.db.upload.findFirst({ where: { AND: [{ id }, uploadScope(v)] }, select: { mime: true, storageKey: true } }));
}

async function bytesOf(deps: Deps, u: { mime: string; storageKey: string } | null): Promise<Image> {
  if (!u) throw notFound('upload');
  const data = await deps.storage.get(u.storageKey);
  if (!data) throw notFound('upload');
  return { mime: u.mime, data };
}

/** The images a user uploaded, oldest first, with signed URLs as the order pages give them (their copy of their data). */
export async function uploadsOwnedBy(deps: Deps, ownerId: string) {
  const now = deps.clock();
  const rows = await deps.db.upload.findMany({
    where: { ownerId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, mime: true, width: true, height: true, bytes: true, createdAt: true },
  });
  return rows.map((u) => ({ ...u, url: signedUploadUrl(deps.config.sessionSecret, u.id, now) }));
}
