// What a notice will look like before it is sent: the post in a building group (the
// exact text the worker posts, shared/noticePost.ts) and the page in the mini-program.
import { Empty, Typography } from 'antd';
import type { NoticeKind } from '../api.js';
import { formatPost, NOTICE_KIND_LABELS } from './words.js';

export interface Draft {
  kind: NoticeKind;
  title: string;
  body: string;
  pagePath: string | null;
}

export function GroupPostPreview({ draft, communityName, groupName }: { draft: Draft; communityName: string; groupName: string }) {
  return (
    <div className="chat" data-testid="group-preview">
      <div className="chat__title">{groupName}</div>
      <div className="chat__row">
        <div className="chat__avatar">e家</div>
        <div>
          <div className="chat__name">e家小助手</div>
          <div className="chat__bubble">{formatPost(draft, communityName)}</div>
        </div>
      </div>
    </div>
  );
}

export function MiniProgramPreview({ draft, when }: { draft: Draft; when: string }) {
  const urgent = draft.kind === 'emergency';
  return (
    <div className="phone" data-testid="mp-preview">
      <div className="phone__bar">社区通知</div>
      <div className={urgent ? 'phone__card phone__card--urgent' : 'phone__card'}>
        <div className="phone__meta">
          <span className={urgent ? 'phone__badge phone__badge--urgent' : 'phone__badge'}>
            {urgent ? '🚨 ' : ''}
            {NOTICE_KIND_LABELS[draft.kind]}
          </span>
          <span>{when}</span>
        </div>
        {draft.title.trim() ? <div className="phone__title">{draft.title}</div> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="写上标题和内容，这里就能看到" />}
        <Typography.Paragraph className="phone__body">{draft.body}</Typography.Paragraph>
        {draft.pagePath ? <div className="phone__button">去看看 ›</div> : null}
      </div>
    </div>
  );
}
