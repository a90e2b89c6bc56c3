// The conversation on an order in the mini-program (issue #21): messages both ways with
// photos, 待补充 shown to the resident as "网格员需要您补充：…" with a box to answer,
// stock replies filling the worker's question, and 是不是这件事？ while raising.
import { cleanup, render, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimilarOrder, TimelineEntry } from '../../client/api/types.js';
import { MessageBox, Messages, openQuestion, QuestionBanner } from '../../client/components/Conversation.js';
import { SimilarOffers } from '../../client/pages/raise/SimilarOffers.js';
import { settle, tap, type } from './support/dom.js';
import { detail } from './support/fixtures.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const entry = (over: Partial<TimelineEntry> & Pick<TimelineEntry, 'id' | 'action'>): TimelineEntry => ({
  from: 'accepted',
  to: 'accepted',
  actor: { id: 'u-worker', name: '吴春梅' },
  note: null,
  photos: [],
  at: '2026-12-05T02:00:00.000Z',
  ...over,
});

const TIMELINE: TimelineEntry[] = [
  entry({ id: 'e1', action: 'submit', from: null, to: 'submitted', actor: { id: 'u-me', name: '杨秀英' }, note: null }),
  entry({ id: 'e2', action: 'claim', from: 'dispatched', to: 'accepted' }),
  entry({ id: 'e3', action: 'comment', actor: { id: 'u-me', name: '杨秀英' }, note: '下午两点以后家里有人' }),
  entry({ id: 'e4', action: 'ask', to: 'awaiting_info', note: '请拍一张漏水位置的照片', photos: [{ id: 'p1', url: '/api/uploads/p1?sig=x' }] }),
];

describe('the conversation', () => {
  it('shows the things said (not the other steps), mine marked as 我, the question marked, with its photo', () => {
    render(<Messages entries={TIMELINE} meId="u-me" />);
    const msgs = Array.from(document.querySelectorAll('.msg'));
    expect(msgs).toHaveLength(2);
    expect(msgs[0]!.className).toContain('msg--mine');
    expect(msgs[0]!.textContent).toContain('我');
    expect(msgs[0]!.textContent).toContain('下午两点以后家里有人');
    expect(msgs[1]!.className).toContain('msg--ask');
    expect(msgs[1]!.textContent).toContain('吴春梅 · 请补充');
    expect(msgs[1]!.querySelectorAll('img, taro-image-core').length).toBeGreaterThan(0);
  });

  it('says so when nothing has been said yet', () => {
    render(<Messages entries={TIMELINE.slice(0, 2)} meId="u-me" />);
    expect(screen.getByText('还没有留言。')).toBeTruthy();
  });

  it('待补充: the open question is the last one asked, only while the order waits', () => {
    const waiting = detail({ id: 'o1', status: 'awaiting_info', timeline: TIMELINE });
    expect(openQuestion(waiting)?.note).toBe('请拍一张漏水位置的照片');
    expect(openQuestion({ ...waiting, status: 'accepted' })).toBeNull();
    render(<QuestionBanner question={openQuestion(waiting)!} />);
    expect(screen.getByText('网格员需要您补充：')).toBeTruthy();
    expect(screen.getByText('请拍一张漏水位置的照片')).toBeTruthy();
  });

  it('the answer box sends the trimmed words; empty is refused in plain words', async () => {
    const onSend = vi.fn(async () => undefined);
    render(<MessageBox title="补充情况" placeholder="写一写网格员问的事" sendLabel="发送补充" onSend={onSend} />);
    await tap('发送补充');
    await settle();
    expect(screen.getByText('请写几个字，或者拍张照片。')).toBeTruthy();
    expect(onSend).not.toHaveBeenCalled();
    await type('写一写网格员问的事', '  是洗菜池下面那根 ');
    await tap('发送补充');
    await settle();
    expect(onSend).toHaveBeenCalledWith({ text: '是洗菜池下面那根', photos: [] });
  });

  it('a stock reply fills the worker’s question in one tap', async () => {
    const onSend = vi.fn(async () => undefined);
    render(<MessageBox title="请居民补充情况" placeholder="比如：请拍一张漏水位置的照片" sendLabel="发给居民" requireText suggestions={['请拍一张损坏位置的照片', '方便的时间是？']} onSend={onSend} />);
    await tap('方便的时间是？');
    await tap('发给居民');
    await settle();
    expect(onSend).toHaveBeenCalledWith({ text: '方便的时间是？', photos: [] });
  });
});

describe('是不是这件事？', () => {
  const offer = (over: Partial<SimilarOrder>): SimilarOrder => ({
    id: 'o-9',
    title: '水电维修：楼道的灯坏了',
    category: { code: 'repair', name: '水电维修', icon: '🔧' },
    building: { id: 'b1', name: '惠泽1栋' },
    status: 'dispatched',
    createdAt: '2026-12-04T02:00:00.000Z',
    updatedAt: '2026-12-04T02:00:00.000Z',
    joined: 2,
    yours: false,
    joinedByMe: false,
    mergedInto: null,
    similarity: 0.5,
    ...over,
  });

  it('asks after a pause in typing, offers a neighbour’s request as a neighbour may see it, and joins it', async () => {
    vi.useFakeTimers();
    const find = vi.fn(async () => [offer({})]);
    const join = vi.fn(async () => ({ ...offer({ joined: 3, joinedByMe: true }), steps: [] }));
    const onJoined = vi.fn();
    const { rerender } = render(<SimilarOffers category="repair" description="楼道" find={find} join={join} onJoined={onJoined} />);
    rerender(<SimilarOffers category="repair" description="三单元楼道灯不亮了" find={find} join={join} onJoined={onJoined} />);
    expect(find).not.toHaveBeenCalled(); // not on every key
    await act(async () => {
      await vi.advanceTimersByTimeAsync(600);
    });
    expect(find).toHaveBeenCalledTimes(1);
    expect(find).toHaveBeenCalledWith({ category: 'repair', description: '三单元楼道灯不亮了' });
    expect(screen.getByText('是不是这件事？')).toBeTruthy();
    expect(screen.getByText(/另有 2 户也反映了/)).toBeTruthy();
    vi.useRealTimers();
    await tap('我也遇到了（不用再报）');
    await settle();
    expect(join).toHaveBeenCalledWith('o-9');
    expect(onJoined).toHaveBeenCalledWith(expect.objectContaining({ id: 'o-9', joined: 3 }));
  });

  it('one’s own earlier request is shown as such (no +1), and 不是这件事 puts the offers away', async () => {
    vi.useFakeTimers();
    const find = vi.fn(async () => [offer({ yours: true })]);
    render(<SimilarOffers category="repair" description="楼道的灯坏了晚上看不见" find={find} join={vi.fn()} />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(600);
    });
    vi.useRealTimers();
    expect(screen.getByText('您已经报过这件事，看进度')).toBeTruthy();
    expect(screen.queryByText('我也遇到了（不用再报）')).toBeNull();
    await tap('不是这件事，继续报');
    await settle();
    expect(screen.queryByText('是不是这件事？')).toBeNull();
  });
});
