// The client's own rules: queue order, plain words, who lands where.
import { describe, expect, it } from 'vitest';
import { plainMessage } from '../../client/api/errors.js';
import { mergeById, sortQueue } from '../../client/lib/queue.js';
import { statusWords, when } from '../../client/lib/words.js';
import { homeOf, pickWorkspace, tabsOf, workspacesOf } from '../../client/lib/workspaces.js';
import { order } from './support/fixtures.js';

describe('a grid worker’s queue', () => {
  it('puts emergencies on top, then the overdue, then the nearest deadline', () => {
    const calm = order({ id: 'calm', responseDueAt: '2025-11-20T12:00:00.000Z' });
    const soon = order({ id: 'soon', responseDueAt: '2025-11-20T09:00:00.000Z' });
    const late = order({ id: 'late', responseDueAt: '2025-11-20T13:00:00.000Z', overdue: { response: true, resolution: false, secondAlert: false, review: false } });
    const fire = order({ id: 'fire', urgency: 'emergency', status: 'submitted', responseDueAt: '2025-11-20T14:00:00.000Z' });
    const lateFire = order({ id: 'lateFire', urgency: 'emergency', overdue: { response: false, resolution: true, secondAlert: false, review: false } });
    expect(sortQueue([calm, soon, late, fire, lateFire]).map((o) => o.id)).toEqual(['lateFire', 'fire', 'late', 'soon', 'calm']);
  });

  it('counts an accepted order by its resolve deadline, not the claim deadline it already met', () => {
    const claimed = order({ id: 'claimed', status: 'accepted', responseDueAt: '2025-11-20T08:30:00.000Z', resolveDueAt: '2025-11-22T08:00:00.000Z' });
    const waiting = order({ id: 'waiting', status: 'dispatched', responseDueAt: '2025-11-21T08:00:00.000Z' });
    expect(sortQueue([claimed, waiting]).map((o) => o.id)).toEqual(['waiting', 'claimed']);
  });

  it('shows an order found by both queries once', () => {
    const a = order({ id: 'a' });
    expect(mergeById([a, order({ id: 'b' })], [order({ id: 'a', title: 'again' })]).map((o) => o.id)).toEqual(['a', 'b']);
    expect(mergeById([a], [])[0]!.title).toBe(a.title);
  });
});

describe('plain words', () => {
  it('asks for a rating only while none was given', () => {
    expect(statusWords({ status: 'resolved', feedback: null })).toBe('已办好，请您评价');
    expect(statusWords({ status: 'resolved', feedback: { satisfied: true, rating: 5 } })).toBe('已办好，等评议');
    expect(statusWords({ status: 'submitted', feedback: null })).toBe('已提交，等社区派人');
  });

  it('says dates the way people say them', () => {
    const now = new Date(2025, 10, 20, 15, 0);
    expect(when(new Date(2025, 10, 20, 9, 5), now)).toBe('今天 09:05');
    expect(when(new Date(2025, 10, 19, 18, 30), now)).toBe('昨天 18:30');
    expect(when(new Date(2025, 10, 21, 8, 0), now)).toBe('明天 08:00');
    expect(when(new Date(2025, 2, 3, 8, 0), now)).toBe('3月3日 08:00');
    expect(when(new Date(2024, 2, 3, 8, 0), now)).toBe('2024年3月3日');
  });

  it('turns every API refusal into words a resident understands, never the server’s English', () => {
    const codes = ['network', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'invalid_transition', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'upstream_error', 'internal', 'something_new'];
    for (const code of codes) expect(plainMessage({ status: 409, code })).toMatch(/^[^A-Za-z]+$/);
    expect(plainMessage({ status: 400, code: 'invalid_request', details: [{ path: 'body.description', message: 'say a few words' }] })).toBe('请多写几个字，说说是什么事。');
    expect(plainMessage({ status: 400, code: 'invalid_request', details: [{ path: 'query.x', message: 'bad' }] })).toBe('填写的内容有问题，请检查一下再试。');
    // unreadable JSON is the app's fault, not the person's
    expect(plainMessage({ status: 400, code: 'invalid_request', details: [{ path: 'body', message: 'invalid JSON' }] })).toBe('系统出了点问题，请稍后再试。');
  });

  it('tells refusals apart by their stable reason, never by the message', () => {
    const reasons: Array<[string, string]> = [
      ['sold_out', '这件东西已经换完了，等社区补货后再来。'],
      ['insufficient_points', '积分不够，换不了这件东西。'],
      ['limit_reached', '这件东西每户限换的件数已经到了，换不了这么多。请刷新看看您家还能换几件。'],
      ['full', '名额已经满了。'],
      ['signup_closed', '这门课的报名已经截止了。'],
    ];
    for (const [reason, words] of reasons) expect(plainMessage({ status: 409, code: 'conflict', reason })).toBe(words);
    // a reason this version does not know yet: by its code
    expect(plainMessage({ status: 409, code: 'conflict', reason: 'something_new' })).toBe('这件事刚刚有了变化，请刷新后再看。');
  });

  it('uses what a refusal means on its route, then the code, then the HTTP status', () => {
    const words = { invalid_transition: '这个岗位已经不招人了。', 'body.title': '请写岗位名称。', '404': '没有这个岗位。' };
    expect(plainMessage({ status: 409, code: 'invalid_transition' }, words)).toBe('这个岗位已经不招人了。');
    expect(plainMessage({ status: 400, code: 'invalid_request', details: [{ path: 'body.title', message: 'required' }] }, words)).toBe('请写岗位名称。');
    // field words reach the field of a list item (body.records.3 → body.records)
    expect(plainMessage({ status: 400, code: 'invalid_request', details: [{ path: 'body.records.3', message: 'not enrolled' }] }, { 'body.records': '名单变了。' })).toBe('名单变了。');
    expect(plainMessage({ status: 404, code: 'unknown' }, words)).toBe('没有这个岗位。');
    // no code we know (a proxy's error page): by status
    expect(plainMessage({ status: 502, code: 'unknown' })).toBe('服务器暂时连不上，请稍后再试。');
    expect(plainMessage({ status: 429, code: 'unknown' })).toBe('操作太频繁了，请过一分钟再试。');
    expect(plainMessage({ status: 418, code: 'unknown' })).toBe('填写的内容有问题，请检查一下再试。');
    expect(plainMessage({ status: 0, code: 'network' })).toBe('网络不好，没有连上。请稍后再试。');
  });
});

describe('workspaces and tab bars', () => {
  const grant = (role: string) => ({ role, communityId: 'c', gridId: null, buildingId: null }) as never;

  it('lands each role on its own first page', () => {
    expect(workspacesOf({ roles: [grant('RESIDENT')], linked: true })).toEqual(['resident']);
    expect(workspacesOf({ roles: [grant('RESIDENT'), grant('BUILDING_HEAD')], linked: true })).toEqual(['buildingHead']);
    expect(workspacesOf({ roles: [grant('GRID_WORKER'), grant('RESIDENT')], linked: true })).toEqual(['worker', 'resident']);
    expect(workspacesOf({ roles: [grant('STAFF')], linked: false })).toEqual(['staff']);
    expect(workspacesOf({ roles: [grant('ADMIN')], linked: false })).toEqual(['staff']);
    expect(workspacesOf({ roles: [grant('REVIEWER')], linked: false })).toEqual(['reviewer']);
    // a new WeChat user nobody has linked yet still gets the resident pages (with a hint to get linked)
    expect(workspacesOf({ roles: [], linked: false })).toEqual(['resident']);
    expect(homeOf('worker')).toBe('/packages/worker/queue/index');
    expect(homeOf('reviewer')).toBe('/packages/reviewer/list/index');
  });

  it('keeps a chosen workspace only while the person still holds that role', () => {
    const me = { roles: [grant('GRID_WORKER'), grant('RESIDENT')], linked: true };
    expect(pickWorkspace(me, 'resident')).toBe('resident');
    expect(pickWorkspace(me, 'staff')).toBe('worker');
    expect(pickWorkspace(me, undefined)).toBe('worker');
  });

  it('gives every role a 我的 tab and only its own pages', () => {
    for (const w of ['resident', 'buildingHead', 'worker', 'staff', 'reviewer'] as const) {
      const tabs = tabsOf(w);
      expect(tabs.at(-1)!.text).toBe('我的');
      const others = tabs.filter((t) => t.key !== 'me').map((t) => t.url);
      const prefix = { resident: '/pages/', buildingHead: '/pages/', worker: '/packages/worker/', staff: '/packages/staff/', reviewer: '/packages/reviewer/' }[w];
      for (const url of others) expect(url.startsWith(prefix)).toBe(true);
    }
  });
});
