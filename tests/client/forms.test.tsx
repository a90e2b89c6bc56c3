// The forms each role acts with: the resident's feedback, staff's dispatch, the worker's resolve, the reviewer's 评单.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../client/api/errors.js';
import { FeedbackForm } from '../../client/components/FeedbackForm.js';
import { ResolveForm } from '../../client/components/ResolveForm.js';
import { DispatchForm } from '../../client/packages/staff/DispatchForm.js';
import { ReviewForm } from '../../client/packages/reviewer/ReviewForm.js';
import { settle, tap, tapLabel, type } from './support/dom.js';
import { WORKERS } from './support/fixtures.js';

afterEach(cleanup);

describe('the resident’s feedback', () => {
  it('one tap on 满意 fills five stars; the comment is optional', async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<FeedbackForm onSubmit={onSubmit} />);
    await tap('😊 满意');
    expect(screen.getByText('非常满意')).toBeTruthy();
    expect(screen.getAllByText('★')).toHaveLength(5);
    await tap('提交评价');
    await settle();
    expect(onSubmit).toHaveBeenCalledWith({ satisfied: true, rating: 5 });
  });

  it('不满意 with a changed rating and a comment, and says that it goes back for rework', async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<FeedbackForm onSubmit={onSubmit} />);
    await tap('😞 不满意');
    expect(screen.getByText(/会退回给网格员重新办理/)).toBeTruthy();
    await tapLabel('1星');
    expect(screen.getByText('很不满意')).toBeTruthy();
    await type('比如：师傅很耐心', '  还是漏水 ');
    await tap('提交评价');
    await settle();
    expect(onSubmit).toHaveBeenCalledWith({ satisfied: false, rating: 1, comment: '还是漏水' });
  });

  it('asks for a choice before sending anything', async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<FeedbackForm onSubmit={onSubmit} />);
    await tap('提交评价');
    expect(screen.getByText('请先选“满意”还是“不满意”。')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('explains a refusal (already rated elsewhere) in plain words', async () => {
    render(<FeedbackForm onSubmit={async () => Promise.reject(new ApiError(409, 'invalid_transition', 'feedback was already given'))} />);
    await tap('😊 满意');
    await tap('提交评价');
    await settle();
    expect(screen.getByText('这件事刚刚有了变化，请刷新后再看。')).toBeTruthy();
  });
});

describe('社区派单', () => {
  it('preselects and lists first the suggested worker, then the least busy', async () => {
    const onDispatch = vi.fn(async () => undefined);
    render(<DispatchForm order={{ status: 'submitted', assignee: null, suggestedAssignee: { id: 'w-1', name: '吴春梅' } }} workers={WORKERS} onDispatch={onDispatch} />);
    const names = Array.from(document.querySelectorAll('.choice .text')).map((e) => e.textContent);
    expect(names).toEqual(['◉ 吴春梅（建议）', '○ 石小军', '○ 罗德明']);
    await tap('派单');
    await settle();
    expect(onDispatch).toHaveBeenCalledWith({ assigneeId: 'w-1' });
  });

  it('sends the worker picked instead, with a note', async () => {
    const onDispatch = vi.fn(async () => undefined);
    render(<DispatchForm order={{ status: 'submitted', assignee: null, suggestedAssignee: { id: 'w-1', name: '吴春梅' } }} workers={WORKERS} onDispatch={onDispatch} />);
    await tap(/罗德明/);
    await type('比如：老人独居，请尽快上门', '老人独居');
    await tap('派单');
    await settle();
    expect(onDispatch).toHaveBeenCalledWith({ assigneeId: 'w-2', note: '老人独居' });
  });

  it('asks to pick someone when the grid has no worker to suggest', async () => {
    const onDispatch = vi.fn(async () => undefined);
    render(<DispatchForm order={{ status: 'submitted', assignee: null, suggestedAssignee: null }} workers={WORKERS} onDispatch={onDispatch} />);
    await tap('派单');
    expect(screen.getByText('请选一位网格员。')).toBeTruthy();
    expect(onDispatch).not.toHaveBeenCalled();
  });
});

describe('the grid worker resolves', () => {
  it('with what was done and photos of the result', async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<ResolveForm onSubmit={onSubmit} choosePhotos={async () => ['blob:after']} uploadPhoto={async () => ({ id: 'up-after' })} />);
    await tap('办好了，提交');
    expect(screen.getByText('请写一写是怎么办的。')).toBeTruthy();
    await type('比如：更换了水管接头，试水不漏了', '更换了水管接头');
    await tap('拍照 0/6');
    await settle();
    await tap('办好了，提交');
    await settle();
    expect(onSubmit).toHaveBeenCalledWith({ note: '更换了水管接头', photos: ['up-after'] });
  });
});

describe('党组织评单', () => {
  it('needs a comment, then passes or sends back', async () => {
    const onReview = vi.fn(async () => undefined);
    render(<ReviewForm onReview={onReview} />);
    await tap('✔ 通过，办结');
    expect(screen.getByText('请写几句评语。')).toBeTruthy();
    expect(onReview).not.toHaveBeenCalled();
    await type('比如：处置及时，群众满意', '处置及时');
    await tap('↩ 退回重办');
    await settle();
    await tap('✔ 通过，办结');
    await settle();
    expect(onReview.mock.calls).toEqual([[{ verdict: 'fail', comment: '处置及时' }], [{ verdict: 'pass', comment: '处置及时' }]]);
  });
});
