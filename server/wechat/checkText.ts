// Content security of what residents write for others to read (an order's title and
// description, an evaluation's comment, a reopen reason, #报修 in a group through the
// same order use case): WeChat's msgSecCheck, one call per field so a refusal names it.
//
// While WeChat cannot answer (down, quota, or 61010: the author has not opened the
// mini-program for two hours, as after a #报修 in a group) the text is taken: a
// resident's request for help is never lost to an outage, and every order is read by
// community staff before it goes anywhere. The log says so, without the text.
import type { Viewer } from '../auth/index.js';
import { openidOf } from '../auth/index.js';
import { ContentCheckUnavailable, type Scene } from '../contentSecurity.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';

export const RISKY_TEXT_MESSAGE = '内容含有不适合发布的信息，请修改后再提交';

/**
 * Refuses (400, reason content_risky, naming the field) a text WeChat finds risky. An account
 * without a WeChat identity (a console password account: staff) is not checked.
 */
export async function checkUserText(deps: Deps, viewer: Viewer, texts: Array<{ field: string; text: string | null | undefined }>, scene: Scene): Promise<void> {
  const wanted = texts.filter((t): t is { field: string; text: string } => !!t.text?.trim());
  if (!wanted.length) return;
  const openid = await openidOf(deps.db, viewer.userId);
  if (!openid) return;
  for (const { field, text } of wanted) {
    let verdict;
    try {
      verdict = await deps.contentSecurity.checkText({ openid, scene, content: text });
    } catch (e) {
      if (!(e instanceof ContentCheckUnavailable)) throw e;
      deps.logger.warn({ field, reason: e.message }, 'content check unavailable: text taken unchecked');
      return;
    }
    if (verdict === 'risky') throw new AppError('invalid_request', `${field}: ${RISKY_TEXT_MESSAGE}`, [{ path: field, message: RISKY_TEXT_MESSAGE }], 'content_risky');
  }
}
