// The staff dashboard against a fake server: the real API client asks for the figures;
// the page draws them as bars (plain views, widths in %).
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../client/packages/staff/dashboard/Dashboard.js';
import { settle, tap } from './support/dom.js';
import { EMPLOYMENT_STATS, ORDER_STATS, ZERO_EMPLOYMENT } from './support/fixtures.js';
import { fakeServer, refusal } from './support/network.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const serve = () =>
  fakeServer({
    'GET /api/orders/stats': (c) => ({ ...ORDER_STATS, days: Number(c.query.days) }),
    'GET /api/employment/stats': EMPLOYMENT_STATS,
    'GET /api/employment/households': (c) => (c.query.gridId === 'g-3' ? { total: 0, items: [] } : ZERO_EMPLOYMENT),
  });

/** The bars of the chart with this label: [label, width, text]. */
const bars = (label: string) =>
  Array.from(document.querySelector(`[aria-label="${label}"]`)!.querySelectorAll('.bar-row')).map((row) => [
    row.querySelector('.bar-row__label')!.textContent,
    (row.querySelector('.bar-row__fill') as HTMLElement).style.width,
    row.querySelector('.bar-row__value')!.textContent,
  ]);

describe('数据看板', () => {
  it('asks for the last 30 days and the employment figures, and draws orders by state and per grid', async () => {
    const server = serve();
    render(<Dashboard />);
    await settle();
    expect(server.to('GET /api/orders/stats').map((c) => c.query)).toEqual([{ days: '30' }]);
    expect(server.to('GET /api/employment/stats')).toHaveLength(1);
    expect(server.to('GET /api/employment/households').map((c) => c.query)).toEqual([{ zeroEmployment: 'true', limit: '100' }]);

    const figures = within(screen.getByText('报事情况').closest('.card') as HTMLElement);
    expect(figures.getByText('36 件')).toBeTruthy();
    expect(bars('各状态的报事件数')).toEqual([
      ['待派单', '15%', '3 件'],
      ['已派单', '10%', '2 件'],
      ['办理中', '20%', '4 件'],
      ['重办中', '5%', '1 件'],
      ['已办好', '25%', '5 件'],
      ['已办结', '100%', '20 件'],
      ['已撤销', '5%', '1 件'],
    ]);
    // minutes in plain units; a grid without orders has an empty bar and says so
    expect(bars('各网格平均接单用时')).toEqual([
      ['第1网格', '17%', '25 分钟'],
      ['第2网格', '100%', '2.5 小时'],
      ['第3网格', '0%', '暂无'],
    ]);
    expect(bars('各网格平均办结用时').map((b) => b[2])).toEqual(['10 小时', '2 天', '暂无']);
    expect(bars('各网格按时接单的比例')).toEqual([
      ['第1网格', '95%', '95%'],
      ['第2网格', '50%', '50%'],
      ['第3网格', '0%', '暂无'],
    ]);
    expect(bars('各网格满意的比例').map((b) => b[2])).toEqual(['100%', '70%', '暂无']);
    expect(screen.getByText(/全社区 92% 满意（24 件有评价，平均 4.6 星）/)).toBeTruthy();
    expect(screen.getByText('全社区 平均 43 分钟，一半的报事在 30 分钟内接单')).toBeTruthy();
  });

  it('shows 就业率 and zero-employment households, and lists one grid’s when its bar is tapped', async () => {
    const server = serve();
    render(<Dashboard />);
    await settle();
    expect(screen.getByText('85%')).toBeTruthy();
    expect(screen.getByText('1.89')).toBeTruthy();
    expect(bars('各网格就业率').map((b) => b[2])).toEqual(['90%', '77%', '88%']);
    expect(bars('各网格零就业家庭户数')).toEqual([
      ['第1网格', '25%', '1 户'],
      ['第2网格', '100%', '4 户'],
      ['第3网格', '0%', '0 户'],
    ]);
    const household = within(screen.getByText('惠泽4栋 2单元 501').closest('.card') as HTMLElement);
    expect(household.getByText('44 岁 · 想找工作')).toBeTruthy();
    expect(household.getByText('40 岁 · 没有登记')).toBeTruthy();

    await tap('0 户'); // 第3网格
    await settle();
    expect(server.to('GET /api/employment/households').at(-1)!.query).toEqual({ zeroEmployment: 'true', limit: '100', gridId: 'g-3' });
    expect(screen.getByText('零就业家庭（第3网格）')).toBeTruthy();
    expect(screen.getByText('没有零就业家庭。')).toBeTruthy();
    await tap('看全部网格 ✕');
    await settle();
    expect(screen.getByText('惠泽4栋 2单元 501')).toBeTruthy();
  });

  it('asks again for another period', async () => {
    const server = serve();
    render(<Dashboard />);
    await settle();
    await tap('近7天');
    await settle();
    expect(server.to('GET /api/orders/stats').map((c) => c.query.days)).toEqual(['30', '7']);
  });

  it('says in plain words when the figures cannot be had, and tries again', async () => {
    const server = serve();
    server.on('GET /api/orders/stats', refusal(403, 'forbidden', 'only community staff and reviewers see the order figures'));
    render(<Dashboard />);
    await settle();
    expect(screen.getByText('您不能办理这件事。')).toBeTruthy();
    // the employment half still shows
    expect(screen.getByText('就业情况')).toBeTruthy();
    server.on('GET /api/orders/stats', ORDER_STATS);
    await tap('再试一次');
    await settle();
    expect(screen.getByText('报事情况')).toBeTruthy();
  });
});
