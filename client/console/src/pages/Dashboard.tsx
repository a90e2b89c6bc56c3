// 数据看板: the order figures (GET /api/orders/stats) and 就业 figures (GET /api/employment/stats)
// as charts; every chart turns into the table of its numbers (表格), to read or copy into a report.
import { App, Button, Card, Col, DatePicker, Empty, Row, Segmented, Skeleton, Space, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, messageOf, type EmploymentStats, type OrderStats, type OrderStatus, type PointsMonth } from '../api.js';
import { Chart, type ChartOption } from '../Chart.js';
import { download } from '../staffCalls.js';
import type { PageProps } from '../Console.js';
import { minutesWords, percentWords, STATUS_SHORT } from '../words.js';

type Row = Record<string, string | number>;

/** A chart with a 图表/表格 toggle over the same numbers. */
function ChartCard({ title, option, rows, columns, testId }: { title: string; option: ChartOption; rows: Row[]; columns: TableColumnsType<Row>; testId: string }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      title={title}
      data-testid={testId}
      extra={<Segmented size="small" value={view} onChange={(v) => setView(v as 'chart' | 'table')} options={[{ value: 'chart', label: '图表' }, { value: 'table', label: '表格' }]} />}
    >
      {view === 'chart' ? <Chart option={option} /> : <Table<Row> size="small" rowKey="key" columns={columns} dataSource={rows} pagination={false} />}
    </Card>
  );
}

const hours = (m: number | null) => (m === null ? 0 : Math.round((m / 60) * 10) / 10);
const pct = (share: number | null) => (share === null ? 0 : Math.round(share * 1000) / 10);

export default function DashboardPage(_: PageProps) {
  const { message } = App.useApp();
  const [days, setDays] = useState(30);
  const [orders, setOrders] = useState<OrderStats | null>(null);
  const [employment, setEmployment] = useState<EmploymentStats | null | 'none'>(null);
  const [points, setPoints] = useState<PointsMonth[] | null | 'none'>(null);
  // 四单月报: last month by default (the report the meeting at the start of a month asks for)
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [exporting, setExporting] = useState(false);
  const exportReport = async () => {
    setExporting(true);
    try {
      const label = month.format('YYYY-MM');
      await download(`/orders/report/monthly.xlsx?month=${label}`, `四单月报-${label}.xlsx`);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setExporting(false);
    }
  };

  useEffect(() => {
    setOrders(null);
    api.orders.stats(days).then(setOrders, (e: unknown) => message.error(messageOf(e)));
  }, [days, message]);
  useEffect(() => {
    // reviewers see the order figures but not the employment ledger's
    api.employment.stats().then(setEmployment, () => setEmployment('none'));
    // the 积分超市's months: staff only (reviewers are refused, and see no card)
    api.points.monthly(6).then(setPoints, () => setPoints('none'));
  }, []);

  const cards = useMemo(() => {
    if (!orders) return null;
    const statuses = Object.keys(orders.byStatus) as OrderStatus[];
    const byStatus: Row[] = statuses.map((s) => ({ key: s, state: STATUS_SHORT[s], orders: orders.byStatus[s] ?? 0 }));
    const grids = orders.grids.map((g) => g.name);
    const speed: Row[] = orders.grids.map((g) => ({
      key: g.id, grid: g.name,
      claim: minutesWords(g.minutesToClaim.median), resolve: minutesWords(g.minutesToResolve.median),
      claimH: hours(g.minutesToClaim.median), resolveH: hours(g.minutesToResolve.median),
      inTime: percentWords(g.claimedInTime),
    }));
    const quality: Row[] = orders.grids.map((g) => ({
      key: g.id, grid: g.name, orders: g.orders, overdue: g.overdueNow, emergencies: g.emergencies,
      satisfied: percentWords(g.satisfiedShare), rating: g.averageRating ?? '暂无', rated: g.rated,
    }));
    const bar = (names: string[], series: Array<{ name: string; data: number[] }>, unit = ''): ChartOption => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', name: unit },
      series: series.map((s) => ({ ...s, type: 'bar', barMaxWidth: 36, label: { show: true, position: 'top' } })),
    });
    // orders over time: each day's filings stacked by where they stand now, and the day's resolutions as a line
    const shown = statuses.filter((st) => orders.byDay.some((d) => d.filed[st]));
    const dayLabel = (date: string) => date.slice(5).replace('-', '/');
    const overTime: Row[] = orders.byDay.map((d) => ({
      key: d.date, date: d.date, total: Object.values(d.filed).reduce((a, b) => a + b, 0), resolved: d.resolved,
      ...Object.fromEntries(shown.map((st) => [st, d.filed[st] ?? 0])),
    }));
    return [
      <ChartCard
        key="time" testId="chart-over-time" title={`近 ${days} 天每天的工单（按现在的状态）与办好的工单`} rows={overTime}
        columns={[
          { title: '日期', dataIndex: 'date' }, { title: '新工单', dataIndex: 'total' },
          ...shown.map((st) => ({ title: STATUS_SHORT[st], dataIndex: st })),
          { title: '当天办好', dataIndex: 'resolved' },
        ]}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 40, right: 16, top: 48, bottom: 32 },
          xAxis: { type: 'category', data: orders.byDay.map((d) => dayLabel(d.date)) },
          yAxis: { type: 'value', name: '件', minInterval: 1 },
          series: [
            ...shown.map((st) => ({ name: STATUS_SHORT[st], type: 'bar', stack: 'filed', barMaxWidth: 24, data: orders.byDay.map((d) => d.filed[st] ?? 0) })),
            // straight segments: a smoothed line overshoots below zero between days
            { name: '当天办好', type: 'line', data: orders.byDay.map((d) => d.resolved), showSymbol: false },
          ],
        }}
      />,
      <ChartCard
        key="status" testId="chart-status" title={`近 ${days} 天工单 · 按状态`} rows={byStatus}
        columns={[{ title: '状态', dataIndex: 'state' }, { title: '工单数', dataIndex: 'orders' }]}
        option={{
          tooltip: { trigger: 'item' },
          legend: { orient: 'vertical', left: 0, top: 'middle' },
          series: [{ type: 'pie', radius: ['40%', '70%'], center: ['60%', '50%'], label: { formatter: '{b} {c}' }, data: byStatus.filter((r) => r.orders).map((r) => ({ name: r.state, value: r.orders })) }],
        }}
      />,
      <ChartCard
        key="speed" testId="chart-speed" title="各网格接单、办结用时（中位数，小时）" rows={speed}
        columns={[{ title: '网格', dataIndex: 'grid' }, { title: '接单用时', dataIndex: 'claim' }, { title: '办结用时', dataIndex: 'resolve' }, { title: '按时接单', dataIndex: 'inTime' }]}
        option={bar(grids, [{ name: '接单', data: speed.map((r) => r.claimH as number) }, { name: '办结', data: speed.map((r) => r.resolveH as number) }], '小时')}
      />,
      <ChartCard
        key="quality" testId="chart-quality" title="各网格工单、超时与满意度" rows={quality}
        columns={[
          { title: '网格', dataIndex: 'grid' }, { title: '工单', dataIndex: 'orders' }, { title: '紧急', dataIndex: 'emergencies' },
          { title: '现在超时', dataIndex: 'overdue' }, { title: '评价数', dataIndex: 'rated' }, { title: '满意率', dataIndex: 'satisfied' }, { title: '平均星级', dataIndex: 'rating' },
        ]}
        option={{
          // counts on the left axis, the share on the right: one scale would flatten the counts under 100 %
          ...bar(grids, [
            { name: '工单', data: orders.grids.map((g) => g.orders) },
            { name: '现在超时', data: orders.grids.map((g) => g.overdueNow) },
          ], '件'),
          yAxis: [{ type: 'value', name: '件', minInterval: 1 }, { type: 'value', name: '满意率 %', max: 100 }],
          series: [
            ...(bar(grids, [{ name: '工单', data: orders.grids.map((g) => g.orders) }, { name: '现在超时', data: orders.grids.map((g) => g.overdueNow) }]).series as object[]),
            { name: '满意率 %', type: 'line', yAxisIndex: 1, data: orders.grids.map((g) => (g.satisfiedShare === null ? null : pct(g.satisfiedShare))), label: { show: true } },
          ],
        }}
      />,
    ];
  }, [orders, days]);

  const jobs = useMemo((): ReactNode => {
    if (employment === null) return <Card title="就业"><Skeleton active /></Card>;
    if (employment === 'none') return null;
    const rows: Row[] = employment.grids.map((g) => ({
      key: g.id, grid: g.name, labour: g.labour, employed: g.employed, rate: percentWords(g.employmentRate),
      ratePct: pct(g.employmentRate), zero: g.zeroEmploymentHouseholds,
    }));
    return (
      <ChartCard
        testId="chart-employment" title={`就业率与零就业家庭（社区就业率 ${percentWords(employment.community.employmentRate)}）`} rows={rows}
        columns={[{ title: '网格', dataIndex: 'grid' }, { title: '劳动力', dataIndex: 'labour' }, { title: '就业', dataIndex: 'employed' }, { title: '就业率', dataIndex: 'rate' }, { title: '零就业家庭', dataIndex: 'zero' }]}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 48, right: 48, top: 36, bottom: 32 },
          xAxis: { type: 'category', data: rows.map((r) => r.grid) },
          yAxis: [{ type: 'value', name: '就业率 %', max: 100 }, { type: 'value', name: '户', minInterval: 1 }],
          series: [
            { name: '就业率 %', type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.ratePct), label: { show: true, position: 'top' } },
            { name: '零就业家庭', type: 'bar', barMaxWidth: 36, yAxisIndex: 1, data: rows.map((r) => r.zero), label: { show: true, position: 'top' } },
          ],
        }}
      />
    );
  }, [employment]);

  const shop = useMemo((): ReactNode => {
    if (points === null) return <Card title="积分"><Skeleton active /></Card>;
    if (points === 'none') return null;
    // the server answers newest first; a chart reads left to right
    const rows: Row[] = [...points].reverse().map((m) => ({ key: m.month, month: m.month, earned: m.earned, redeemed: m.redeemed, expired: m.expired }));
    return (
      <ChartCard
        testId="chart-points" title="近 6 个月积分发放与兑换" rows={rows}
        columns={[{ title: '月份', dataIndex: 'month' }, { title: '发放', dataIndex: 'earned' }, { title: '兑换', dataIndex: 'redeemed' }, { title: '过期', dataIndex: 'expired' }]}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 48, right: 16, top: 36, bottom: 32 },
          xAxis: { type: 'category', data: rows.map((r) => r.month) },
          yAxis: { type: 'value', name: '分', minInterval: 1 },
          series: [
            { name: '发放', type: 'bar', barMaxWidth: 28, data: rows.map((r) => r.earned), label: { show: true, position: 'top' } },
            { name: '兑换', type: 'bar', barMaxWidth: 28, data: rows.map((r) => r.redeemed), label: { show: true, position: 'top' } },
          ],
        }}
      />
    );
  }, [points]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Space size="large" wrap>
          <Segmented value={days} onChange={(v) => setDays(Number(v))} options={[{ value: 7, label: '近 7 天' }, { value: 30, label: '近 30 天' }, { value: 90, label: '近 90 天' }]} data-testid="days" />
          {orders && (
            <>
              <Statistic title="工单" value={orders.community.orders} />
              <Statistic title="紧急" value={orders.community.emergencies} />
              <Statistic title="现在超时" value={orders.community.overdueNow} styles={{ content: { color: orders.community.overdueNow ? '#cf1322' : undefined } }} />
              <Statistic title="接单用时（中位数）" value={minutesWords(orders.community.minutesToClaim.median)} />
              <Statistic title="按时接单" value={percentWords(orders.community.claimedInTime)} />
              <Statistic title="满意率" value={percentWords(orders.community.satisfiedShare)} />
            </>
          )}
        </Space>
      </Card>
      <Card size="small" title="四单月报" data-testid="monthly-report">
        <Space wrap>
          <span>月份</span>
          <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} disabledDate={(d) => d.isAfter(dayjs(), 'month')} data-testid="report-month" />
          <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={exportReport} data-testid="report-export">导出 Excel</Button>
          <span style={{ color: '#888' }}>按北京时间的自然月：各环节数量、按时率、满意率、返工，按网格、按类别，及紧急工单响应</span>
        </Space>
      </Card>
      {!cards ? <Skeleton active /> : orders && orders.community.orders === 0 ? <Empty description={`近 ${days} 天没有工单`} /> : null}
      <Row gutter={[16, 16]}>
        {cards?.map((c, i) => <Col key={i} xs={24} xl={12}>{c}</Col>)}
        {jobs && <Col xs={24} xl={12}>{jobs}</Col>}
        {shop && <Col xs={24} xl={12}>{shop}</Col>}
      </Row>
    </Space>
  );
}
