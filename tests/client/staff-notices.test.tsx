// Staff write a notice and watch it go out into the building groups, against a fake
// server: the real API client makes the calls, the tests check what was asked and shown.
import { cleanup, render, screen, within } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localTime } from '../../client/packages/staff/Field.js';
import { NoticeComposer } from '../../client/packages/staff/notices/NoticeComposer.js';
import { NoticeDelivery } from '../../client/packages/staff/notices/NoticeDelivery.js';
import { NoticeList } from '../../client/packages/staff/notices/NoticeList.js';
import { pick, settle, settleAll, tap, toggle, type } from './support/dom.js';
import { household, managedNotice, ORDER_STATS, progress } from './support/fixtures.js';
import { fakeServer, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Real time passing, with React told about the updates it brings. */
const waitFor = (ms: number) => act(async () => {
  await new Promise((r) => setTimeout(r, ms));
});

const cardOf = (text: string) => within(screen.getByText(text).closest('.card') as HTMLElement);

describe('the notices staff wrote', () => {
  it('lists them newest first with their state and how far delivery got, and opens one', async () => {
    const server = fakeServer({
      'GET /api/notices/manage': {
        items: [
          managedNotice({ id: 'n-2', kind: 'emergency', kindLabel: '紧急通知', title: '今晚停水', audience: { type: 'community', ids: [], buildings: 9 } }),
          managedNotice({ id: 'n-1', state: 'scheduled', title: '下周一体检', sendAt: new Date(Date.now() + 86_400_000).toISOString(), delivery: { pending: 3, retrying: 0, sent: 0, failed: 0, possibly_sent: 0, cancelled: 0, total: 3, summary: '已发送 0/3 个群' } }),
        ],
        nextCursor: null,
      },
    });
    const onOpen = vi.fn();
    const onCompose = vi.fn();
    render(<NoticeList onOpen={onOpen} onCompose={onCompose} />);
    await settle();
    expect(server.to('GET /api/notices/manage')[0]!.query).toEqual({ limit: '20' });
    expect(cardOf('今晚停水').getByText('🚨 紧急通知')).toBeTruthy();
    expect(cardOf('今晚停水').getByText(/发给 全社区（9 栋楼）/)).toBeTruthy();
    expect(cardOf('今晚停水').getByText(/1 个失败/).className).toContain('delivery-failed');
    expect(cardOf('下周一体检').getByText('定时发送')).toBeTruthy();
    expect(cardOf('下周一体检').getByText(/定在 明天 \d\d:\d\d 发/)).toBeTruthy();
    await tap('今晚停水');
    expect(onOpen).toHaveBeenCalledWith('n-2');
    await tap('✏️ 写通知');
    expect(onCompose).toHaveBeenCalled();
  });

  it('says when there are none, and when the list cannot be had', async () => {
    const server = fakeServer({ 'GET /api/notices/manage': { items: [], nextCursor: null } });
    render(<NoticeList onOpen={vi.fn()} onCompose={vi.fn()} />);
    await settle();
    expect(screen.getByText('还没有发过通知。')).toBeTruthy();
    cleanup();
    server.on('GET /api/notices/manage', refusal(403, 'forbidden', 'only community staff manage notices'));
    render(<NoticeList onOpen={vi.fn()} onCompose={vi.fn()} />);
    await settle();
    expect(screen.getByText('您不能办理这件事。')).toBeTruthy();
  });
});

describe('写通知', () => {
  const grids = () => ({ ...ORDER_STATS, days: 1 });

  function setup() {
    const server = fakeServer({
      'GET /api/orders/stats': grids(),
      'GET /api/org/households': (c) => ({
        items:
          c.query.gridId === 'g-1'
            ? [household('h-1', { id: 'b-1', name: '惠泽1栋' }, '1单元 302', '杨光明'), household('h-2', { id: 'b-2', name: '惠泽2栋' }, '1单元 101', '王秀英')]
            : [],
        nextCursor: null,
      }),
      'POST /api/notices': (c) => ({ status: 201, body: managedNotice({ id: 'n-9', title: (c.body as { title: string }).title }) }),
    });
    const onSent = vi.fn();
    const confirm = vi.fn(async () => true);
    const now = () => new Date(2026, 10, 22, 13, 0);
    render(<NoticeComposer onSent={onSent} confirm={confirm} now={now} />);
    return { server, onSent, confirm };
  }

  it('sends an emergency notice to two grids now, after saying what will happen', async () => {
    const { server, onSent, confirm } = setup();
    await settle();
    await toggle('紧急通知', true);
    expect(screen.queryByText('便民服务')).toBeNull(); // an emergency is not one of the kinds
    await type('比如：本周六义诊进楼栋', ' 今晚8点到12点停水 ');
    await type('写清楚什么时间、什么地点、要做什么', '管道抢修，请提前接好用水。');
    await tap('选网格');
    await settle();
    expect(server.to('GET /api/orders/stats')[0]!.query).toEqual({ days: '1' });
    await tap('第1网格');
    await tap('第2网格');
    await tap('✔ 第1网格'); // and off again
    await tap('第1网格');
    await tap('发送');
    await settle();
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ title: '发送紧急通知', content: '把“今晚8点到12点停水”发给第1网格、第2网格，现在就发。紧急通知马上发，夜里也发。' }));
    expect(server.to('POST /api/notices')[0]!.body).toEqual({
      kind: 'emergency',
      title: '今晚8点到12点停水',
      body: '管道抢修，请提前接好用水。',
      audience: { type: 'grids', gridIds: ['g-2', 'g-1'] },
    });
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ id: 'n-9' }));
  });

  it('schedules a notice for chosen buildings at a chosen time', async () => {
    const { server, onSent } = setup();
    await settle();
    await tap('社区活动');
    await type('比如：本周六义诊进楼栋', '周六广场舞比赛');
    await type('写清楚什么时间、什么地点、要做什么', '周六下午3点，社区广场，欢迎报名。');
    await tap('选楼栋');
    await settle();
    await tap('第1网格');
    await settleAll();
    expect(server.to('GET /api/org/households')[0]!.query).toEqual({ gridId: 'g-1', limit: '200' });
    await tap('惠泽2栋');
    expect(screen.getByText('先点网格，再点楼栋（已选 1 栋）')).toBeTruthy();
    await toggle('定时发送', true);
    await pick('发送日期', '2026-11-28');
    await pick('发送时间', '09:30');
    await tap('到时间再发送');
    await settle();
    expect(server.to('POST /api/notices')[0]!.body).toEqual({
      kind: 'activity',
      title: '周六广场舞比赛',
      body: '周六下午3点，社区广场，欢迎报名。',
      audience: { type: 'buildings', buildingIds: ['b-2'] },
      sendAt: new Date(2026, 10, 28, 9, 30).toISOString(),
    });
    expect(onSent).toHaveBeenCalled();
  });

  it('says what is missing and sends nothing; a time already past is refused before sending', async () => {
    const { server, confirm } = setup();
    await settle();
    await tap('发送');
    expect(screen.getByText('标题至少写 2 个字。')).toBeTruthy();
    await type('比如：本周六义诊进楼栋', '义诊');
    await tap('发送');
    expect(screen.getByText('请写通知的内容。')).toBeTruthy();
    await type('写清楚什么时间、什么地点、要做什么', '周六上午在广场。');
    await tap('选网格');
    await settle();
    await tap('发送');
    expect(screen.getByText('请至少选一个网格。')).toBeTruthy();
    await tap('全社区');
    await toggle('定时发送', true);
    await pick('发送日期', '2026-11-22');
    await pick('发送时间', '09:00');
    await tap('到时间再发送');
    expect(screen.getByText('定时发送的时间已经过了，请重新选。')).toBeTruthy();
    expect(confirm).not.toHaveBeenCalled();
    expect(server.to('POST /api/notices')).toHaveLength(0);
  });

  it('sends nothing when staff think again, and explains the server’s refusal by field', async () => {
    const { server, confirm } = setup();
    await settle();
    await type('比如：本周六义诊进楼栋', '义诊');
    await type('写清楚什么时间、什么地点、要做什么', '周六上午在广场。');
    confirm.mockResolvedValueOnce(false);
    await tap('发送');
    await settle();
    expect(server.to('POST /api/notices')).toHaveLength(0);
    server.on('POST /api/notices', refusal(400, 'invalid_request', 'body.sendAt: is in the past', { details: [{ path: 'body.sendAt', message: 'is in the past' }] }));
    await tap('发送');
    await settle();
    expect(screen.getByText('定时发送的时间已经过了。请重新选时间，或者现在就发。')).toBeTruthy();
  });

  it('builds a schedule time from local numbers', () => {
    expect(localTime('2026-11-28', '09:30').getHours()).toBe(9);
    expect(localTime('2026-11-28', '09:30').getDate()).toBe(28);
  });
});

describe('发送情况', () => {
  it('shows the progress, each group with its state and why it failed, and buildings without a group', async () => {
    const server = fakeServer({
      'GET /api/notices/manage/n-1': managedNotice({ id: 'n-1' }),
      'GET /api/notices/n-1/deliveries': progress({ noticeId: 'n-1' }),
    });
    render(<NoticeDelivery id="n-1" pollMs={0} />);
    await settle();
    expect(server.calls.map((c) => c.path).sort()).toEqual(['/api/notices/manage/n-1', '/api/notices/n-1/deliveries']);
    expect(screen.getByText('已发送 1/3 个群，1 个失败：机器人已不在该群（可能被移出），请把它拉回群后重发').className).toContain('delivery-failed');
    expect((document.querySelector('[aria-label="已发送的群"] .bar-row__fill') as HTMLElement).style.width).toBe('33%');
    const failed = within(screen.getByText('💬 惠泽2栋 邻里群').closest('.delivery') as HTMLElement);
    expect(failed.getByText('发送失败')).toBeTruthy();
    expect(failed.getByText('原因：机器人已不在该群（可能被移出），请把它拉回群后重发')).toBeTruthy();
    expect(within(screen.getByText('💬 惠泽1栋 邻里群').closest('.delivery') as HTMLElement).getByText('已发送')).toBeTruthy();
    expect(screen.getByText(/这些楼栋还没有关联微信群.*惠泽3栋/)).toBeTruthy();
  });

  it('sends the failed groups again, and withdraws only after a yes', async () => {
    const server = fakeServer({
      'GET /api/notices/manage/n-1': managedNotice({ id: 'n-1' }),
      'GET /api/notices/n-1/deliveries': progress({ noticeId: 'n-1' }),
      'POST /api/notices/n-1/retry': progress({ noticeId: 'n-1', failed: 0, pending: 2, summary: '已发送 1/3 个群' }),
      'POST /api/notices/n-1/cancel': managedNotice({ id: 'n-1', state: 'cancelled', cancelledAt: new Date().toISOString() }),
    });
    const confirm = vi.fn(async () => false);
    render(<NoticeDelivery id="n-1" pollMs={0} confirm={confirm} />);
    await settle();
    await tap('重新发送失败的 1 个群');
    await settleAll();
    expect(server.to('POST /api/notices/n-1/retry')).toHaveLength(1);
    expect(screen.getByText('已发送 1/3 个群')).toBeTruthy();
    expect(screen.queryByText(/重新发送失败的/)).toBeNull();

    await tap('撤回通知');
    await settle();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(server.to('POST /api/notices/n-1/cancel')).toHaveLength(0);
    confirm.mockResolvedValueOnce(true);
    await tap('撤回通知');
    await settleAll();
    expect(server.to('POST /api/notices/n-1/cancel')).toHaveLength(1);
    expect(screen.getByText('已撤回')).toBeTruthy();
    expect(screen.queryByText('撤回通知')).toBeNull();
  });

  it('explains a resend refused because nothing failed any more', async () => {
    fakeServer({
      'GET /api/notices/manage/n-1': managedNotice({ id: 'n-1' }),
      'GET /api/notices/n-1/deliveries': progress({ noticeId: 'n-1' }),
      'POST /api/notices/n-1/retry': refusal(409, 'invalid_transition', 'no failed deliveries to send again'),
    });
    render(<NoticeDelivery id="n-1" pollMs={0} />);
    await settle();
    await tap('重新发送失败的 1 个群');
    await settle();
    expect(screen.getByText('没有发送失败的群，或者通知已经撤回，不用重发。')).toBeTruthy();
  });

  it('looks again by itself while posts are still going out, and stops when all are out', async () => {
    let looks = 0;
    const server = fakeServer({
      'GET /api/notices/manage/n-1': () => managedNotice({ id: 'n-1', state: looks >= 2 ? 'done' : 'sending' }),
      'GET /api/notices/n-1/deliveries': () => {
        looks += 1;
        return looks >= 2 ? progress({ noticeId: 'n-1', pending: 0, failed: 0, sent: 3, summary: '已发送 3/3 个群' }) : progress({ noticeId: 'n-1' });
      },
    });
    render(<NoticeDelivery id="n-1" pollMs={30} />);
    await settle();
    expect(screen.getByText(/这一页会自己更新/)).toBeTruthy();
    await waitFor(60);
    await settleAll();
    expect(screen.getByText('已发送 3/3 个群')).toBeTruthy();
    const after = server.to('GET /api/notices/n-1/deliveries').length;
    await waitFor(100);
    expect(server.to('GET /api/notices/n-1/deliveries').length).toBe(after);
  });

  it('says so when the notice is not there', async () => {
    fakeServer({
      'GET /api/notices/manage/n-x': refusal(404, 'not_found', 'notice not found'),
      'GET /api/notices/n-x/deliveries': refusal(404, 'not_found', 'notice not found'),
    });
    render(<NoticeDelivery id="n-x" pollMs={0} />);
    await settle();
    expect(screen.getByText('没有找到这条信息，可能已经被撤销了。')).toBeTruthy();
  });
});
