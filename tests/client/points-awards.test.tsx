// Staff award points (one household or a whole building); residents see their
// building's 积分榜 and allow WeChat reminders — against a fake server.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SubscribeOptIns } from '../../client/components/SubscribeOptIns.js';
import { Leaderboard } from '../../client/packages/points/RankBoard.js';
import { AwardForm, awardWords } from '../../client/packages/staff/points/AwardForm.js';
import { settle, settleAll, tap, tapLabel, type } from './support/dom.js';
import { household, ORDER_STATS } from './support/fixtures.js';
import { fakeServer, OFFLINE, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const RULES = [
  { id: 'rule-1', code: 'volunteer_hour', name: '志愿服务', points: 5, monthlyCap: 40, active: true },
  { id: 'rule-2', code: 'civilised_household', name: '文明户', points: 20, monthlyCap: null, active: true },
  { id: 'rule-3', code: 'old_rule', name: '旧规则', points: 1, monthlyCap: null, active: false },
];

const B1 = { id: 'b-1', name: '惠泽1栋' };

function serve() {
  return fakeServer({
    'GET /api/points/rules': RULES,
    'GET /api/orders/stats': { ...ORDER_STATS, days: 1 },
    'GET /api/org/households': (c) => {
      if (c.query.gridId === 'g-1') return { items: [household('h-1', B1, '1单元 302', '杨光明'), household('h-9', { id: 'b-2', name: '惠泽2栋' }, '1单元 101', '吴强')], nextCursor: null };
      if (c.query.buildingId === 'b-1') return { items: [household('h-1', B1, '1单元 302', '杨光明'), household('h-2', B1, '2单元 201', '王秀英'), household('h-3', B1, '2单元 502', '罗德明')], nextCursor: null };
      return { items: [], nextCursor: null };
    },
    'POST /api/points/awards': { awarded: [{ householdId: 'h-1', amount: 10 }, { householdId: 'h-2', amount: 10 }], skipped: [{ householdId: 'h-3', reason: 'monthly_cap' }] },
  });
}

async function chooseBuilding() {
  await tap('第1网格');
  await settleAll();
  await tap('惠泽1栋');
  await settleAll();
}

describe('发积分', () => {
  it('awards a rule to the ticked households of a building, with the times and a note, after a yes', async () => {
    const server = serve();
    const confirm = vi.fn(async () => true);
    render(<AwardForm confirm={confirm} />);
    await settle();
    expect(screen.queryByText('旧规则')).toBeNull(); // switched off
    expect(screen.getByText('每次 5 积分，每户每月最多 40')).toBeTruthy();
    await tap('志愿服务');
    await chooseBuilding();
    expect(server.to('GET /api/org/households').map((c) => c.query)).toEqual([
      { gridId: 'g-1', limit: '200' },
      { buildingId: 'b-1', limit: '200' },
    ]);
    await tap('惠泽1栋 全选');
    await tapLabel('2单元 502 罗德明'); // one less
    await tapLabel('2单元 502 罗德明'); // and back
    expect(screen.getByText('发给哪几户（已选 3 户）')).toBeTruthy();
    await tapLabel('多一次');
    await type('比如：11月22日 清扫楼道', ' 11月22日 清扫楼道 ');
    await tap('发积分');
    await settle();
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ content: '给 3 户各发“志愿服务” 10 积分（到了每月上限的不再发）？' }));
    const call = server.to('POST /api/points/awards')[0]!;
    expect(call.body).toEqual({ ruleId: 'rule-1', householdIds: ['h-1', 'h-2', 'h-3'], times: 2, note: '11月22日 清扫楼道' });
    expect(call.headers['idempotency-key']).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
    expect(screen.getByText('✅ 已给 2 户发了积分，共 20 积分。')).toBeTruthy();
    expect(screen.getByText('1 户这个月这一项已经到上限，没有再发。')).toBeTruthy();
    expect(screen.getByText('发给哪几户（已选 0 户）')).toBeTruthy();
  });

  it('retries an award whose answer was lost with the same Idempotency-Key', async () => {
    const server = serve();
    let first = true;
    server.on('POST /api/points/awards', () => {
      if (first) {
        first = false;
        return OFFLINE;
      }
      return { awarded: [{ householdId: 'h-1', amount: 20 }], skipped: [] };
    });
    render(<AwardForm confirm={async () => true} />);
    await settle();
    await tap('文明户');
    await chooseBuilding();
    await tapLabel('1单元 302 杨光明');
    await tap('发积分');
    await settle();
    expect(screen.getByText('网络不好，没有连上。请稍后再试。')).toBeTruthy();
    await tap('发积分');
    await settle();
    const [a, b] = server.to('POST /api/points/awards');
    expect(b!.headers['idempotency-key']).toBe(a!.headers['idempotency-key']);
    expect(screen.getByText('✅ 已给 1 户发了积分，共 20 积分。')).toBeTruthy();
  });

  it('asks for a rule and a household before sending, and explains a rule switched off meanwhile', async () => {
    const server = serve();
    render(<AwardForm confirm={async () => true} />);
    await settle();
    await tap('发积分');
    expect(screen.getByText('请先选一条积分规则。')).toBeTruthy();
    await tap('文明户');
    await tap('发积分');
    expect(screen.getByText('请至少选一户。')).toBeTruthy();
    expect(server.to('POST /api/points/awards')).toHaveLength(0);
    server.on('POST /api/points/awards', refusal(400, 'invalid_request', 'body.ruleId: no such active rule in this community', { details: [{ path: 'body.ruleId', message: 'no such active rule' }] }));
    await chooseBuilding();
    await tapLabel('1单元 302 杨光明');
    await tap('发积分');
    await settle();
    expect(screen.getByText('这条积分规则已经停用了，请刷新后重新选。')).toBeTruthy();
  });

  it('says why a household got nothing', () => {
    expect(awardWords({ awarded: [], skipped: [{ householdId: 'h-1', reason: 'already_awarded' }] })).toEqual(['这次没有发出积分。', '1 户这一批已经发过了，没有重复发。']);
  });
});

describe('积分榜', () => {
  it('ranks my building’s households by points earned this year, names masked, mine marked', async () => {
    const server = fakeServer({
      'GET /api/points/leaderboard': {
        building: B1,
        ranks: [
          { rank: 1, householdId: 'h-2', room: '2单元 201', head: '王*英', earned: 180, mine: false },
          { rank: 2, householdId: 'h-1', room: '1单元 302', head: '杨*明', earned: 150, mine: true },
          { rank: 3, householdId: 'h-3', room: '2单元 502', head: '罗*明', earned: 90, mine: false },
          { rank: 4, householdId: 'h-4', room: '3单元 101', head: null, earned: 20, mine: false },
        ],
      },
    });
    render(<Leaderboard />);
    await settle();
    expect(server.to('GET /api/points/leaderboard')[0]!.query).toEqual({});
    expect(screen.getByText('惠泽1栋 积分榜')).toBeTruthy();
    expect(screen.getByText('您家排第 2 名，今年得了 150 积分。')).toBeTruthy();
    const rows = Array.from(document.querySelectorAll('.rank-row')).map((r) => [r.querySelector('.rank-row__rank')!.textContent, r.querySelector('.text')!.textContent, r.querySelector('.rank-row__points')!.textContent]);
    expect(rows).toEqual([
      ['🥇', '王*英', '180 分'],
      ['🥈', '杨*明（我家）', '150 分'],
      ['🥉', '罗*明', '90 分'],
      ['4', '住户', '20 分'],
    ]);
    expect(document.querySelector('.rank-row--mine')!.textContent).toContain('杨*明');
  });

  it('says when nobody earned points yet, and when the board cannot be had', async () => {
    const server = fakeServer({ 'GET /api/points/leaderboard': { building: B1, ranks: [] } });
    render(<Leaderboard />);
    await settle();
    expect(screen.getByText(/今年楼里还没有人得积分/)).toBeTruthy();
    cleanup();
    server.on('GET /api/points/leaderboard', OFFLINE);
    render(<Leaderboard />);
    await settle();
    expect(screen.getByText('网络不好，没有连上。请稍后再试。')).toBeTruthy();
    server.on('GET /api/points/leaderboard', { building: B1, ranks: [{ rank: 1, householdId: 'h-1', room: '1单元 302', head: '杨*明', earned: 5, mine: true }] });
    await tap('再试一次');
    await settle();
    expect(screen.getByText('您家排第 1 名，今年得了 5 积分。')).toBeTruthy();
  });
});

describe('微信提醒 (subscribe messages)', () => {
  const templates = { order_status: 'tmpl-order', emergency_notice: 'tmpl-emergency' };

  it('asks WeChat for every template with one tap and reports the accepted ones to the server', async () => {
    const server = fakeServer({
      'GET /api/notices/subscriptions': { order_status: 0, emergency_notice: 1 },
      'POST /api/notices/subscriptions': { order_status: 1, emergency_notice: 1 },
    });
    const ask = vi.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-order': 'accept', 'tmpl-emergency': 'reject' }));
    render(<SubscribeOptIns templates={templates} ask={ask} />);
    await settle();
    expect(screen.getByText('您报的事有人接单、办好了（还能提醒 0 次）')).toBeTruthy();
    await tap('接收微信提醒');
    await settle();
    expect(ask).toHaveBeenCalledWith(['tmpl-order', 'tmpl-emergency']);
    expect(server.to('POST /api/notices/subscriptions')[0]!.body).toEqual({ accepted: ['order_status'] });
    expect(screen.getByText('好的，报事进度会用微信提醒您。')).toBeTruthy();
    expect(screen.getByText('您报的事有人接单、办好了（还能提醒 1 次）')).toBeTruthy();
  });

  it('reports nothing when nothing was allowed, and says how to get reminders', async () => {
    const server = fakeServer({ 'GET /api/notices/subscriptions': { order_status: 0, emergency_notice: 0 } });
    render(<SubscribeOptIns templates={templates} ask={async () => ({ 'tmpl-order': 'reject', 'tmpl-emergency': 'reject' })} />);
    await settle();
    await tap('接收微信提醒');
    await settle();
    expect(screen.getByText('您没有点“允许”，收不到微信提醒。想收的话再点一次。')).toBeTruthy();
    expect(server.to('POST /api/notices/subscriptions')).toHaveLength(0);
  });

  it('shows nothing and asks nothing when no template is configured', async () => {
    const server = fakeServer({});
    const { container } = render(<SubscribeOptIns templates={{ order_status: '', emergency_notice: '' }} ask={vi.fn()} />);
    await settle();
    expect(container.textContent).toBe('');
    expect(server.calls).toHaveLength(0);
  });
});
