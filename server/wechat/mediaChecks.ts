// Content security of residents' photos: each stored photo is sent to WeChat's
// mediaCheckAsync by a URL WeChat can fetch (PUBLIC_URL + a signed URL good for a
// day); the verdict comes back by push (push.ts). Until then the photo shows as usual
// (WeChat answers within minutes; a grid worker needs the photo of a burst pipe now);
// a risky one is then hidden from everyone but community staff, who see it flagged
// (server/policies/uploads.ts). No openid (a console password account), no PUBLIC_URL,
// or WeChat down: recorded as unchecked, shown as usual.
import { openidOf } from '../auth/index.js';
import { ContentCheckUnavailable, SCENE } from '../contentSecurity.js';
import type { Deps } from '../context.js';
import { insertMediaCheck } from './queries.js';

/** `checkUrl`: the photo's path WeChat may fetch for a day (uploads' signed URL for the check). */
export async function requestPhotoCheck(deps: Deps, photo: { uploadId: string; ownerId: string; communityId: string; checkUrl: string }): Promise<void> {
  const now = deps.clock();
  const base = { uploadId: photo.uploadId, communityId: photo.communityId, requestedAt: now };
  const openid = await openidOf(deps.db, photo.ownerId);
  if (!openid || !deps.config.publicUrl) {
    await insertMediaCheck(deps.db, { ...base, traceId: null, verdict: 'unchecked' });
    return;
  }
  const mediaUrl = deps.config.publicUrl + photo.checkUrl;
  try {
    const { traceId } = await deps.contentSecurity.requestMediaCheck({ openid, scene: SCENE.post, mediaUrl });
    await insertMediaCheck(deps.db, { ...base, traceId, verdict: 'pending' });
  } catch (e) {
    if (!(e instanceof ContentCheckUnavailable)) throw e;
    deps.logger.warn({ reason: e.message }, 'content check unavailable: photo taken unchecked');
    await insertMediaCheck(deps.db, { ...base, traceId: null, verdict: 'unchecked' });
  }
}
