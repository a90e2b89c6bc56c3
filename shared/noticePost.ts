// The text a notice is posted into a building group with: one definition for the
// delivery worker that posts it and the staff console that previews it.
import { NOTICE_KIND_LABELS, type NoticeKind } from './words.js';

/**
 * 【惠民政策】title, the body, and where to read more — the way staff used to paste it by hand.
 * `link`: the notice's link into the mini-program (a Short Link WeChat shows as tappable), on a line of its own.
 */
export function formatPost(n: { kind: NoticeKind; title: string; body: string; pagePath: string | null }, communityName: string, link?: string | null): string {
  const lines = [`【${NOTICE_KIND_LABELS[n.kind]}】${n.title}`, '', n.body];
  if (link) lines.push('', '👉 点下面的链接，在「e家社区」小程序里查看：', link);
  else if (n.pagePath) lines.push('', '👉 详情请打开「e家社区」小程序查看');
  lines.push('', `—— ${communityName}`);
  return lines.join('\n');
}
