// 走访覆盖 per grid for a month, and the community's overdue visits.
import { Alert, DatePicker, Progress, Space, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf, type VisitCoverage, type VisitOverdue } from '../../api.js';
import { HouseholdDrawer } from './HouseholdDrawer.js';

type GridRow = VisitCoverage['grids'][number];
type OverdueRow = VisitOverdue['items'][number];

const pct = (r: number) => Math.round(r * 100);

export function Coverage() {
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [data, setData] = useState<VisitCoverage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    setLoading(true);
    api.visits.coverage({ month }).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e) => setError(messageOf(e)),
    ).finally(() => setLoading(false));
  }, [month]);
  const columns: TableColumnsType<GridRow> = [
    { title: '网格', dataIndex: 'gridName', width: 120 },
    { title: '网格员', dataIndex: 'workers', render: (w: string[]) => w.join('、') || '（无）', width: 140 },
    { title: '需走访户', dataIndex: 'watched', align: 'right' },
    { title: '本月应访', dataIndex: 'due', align: 'right' },
    { title: '按时走访', dataIndex: 'onTime', align: 'right', render: (n: number) => <Tag color="green">{n}</Tag> },
    { title: '逾期后补访', dataIndex: 'late', align: 'right', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
    { title: '逾期未访', dataIndex: 'overdue', align: 'right', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
    { title: '待走访', dataIndex: 'pending', align: 'right' },
    { title: '按时率', dataIndex: 'rate', width: 180, render: (r: number) => <Progress percent={pct(r)} size="small" status={r < 0.6 ? 'exception' : 'normal'} /> },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap size="large">
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        {data ? (
          <>
            <Statistic title="本月应访（户）" value={data.total.due} />
            <Statistic title="按时走访" value={data.total.onTime} />
            <Statistic title="逾期未访" value={data.total.overdue} styles={data.total.overdue ? { content: { color: '#b3121c' } } : {}} />
            <Statistic title="按时率" value={pct(data.total.rate)} suffix="%" />
          </>
        ) : null}
      </Space>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Alert type="info" showIcon title="一户一个月算一次：按上次走访（见到人）加上走访频次算出应访的日子；无人在家不算走访。" />
      <Table<GridRow> rowKey="gridId" size="middle" loading={loading} columns={columns} dataSource={data?.grids ?? []} pagination={false} data-testid="coverage-table" />
    </Space>
  );
}

export function OverdueVisits() {
  const [data, setData] = useState<VisitOverdue | null>(null);
  // the household opened in its drawer (a row clicked)
  const [open, setOpen] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.visits.overdue().then(setData, (e) => setError(messageOf(e)));
  }, []);
  const columns: TableColumnsType<OverdueRow> = [
    { title: '网格', dataIndex: 'gridName', width: 110 },
    { title: '住户', render: (_, r) => `${r.building} ${r.unit} ${r.room}`, width: 200 },
    { title: '户主', dataIndex: 'headName', width: 100 },
    { title: '七彩标记', dataIndex: 'watchedFor', render: (t: string[]) => t.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: '频次', dataIndex: 'intervalDays', render: (d: number, r) => `每${d}天${r.overridden ? '（单独设置）' : ''}`, width: 150 },
    { title: '上次走访', dataIndex: 'lastVisitedAt', render: (d: string | null) => (d ? dayjs(d).format('M月D日') : '从未走访'), width: 110 },
    { title: '应访日', dataIndex: 'dueOn', width: 110 },
    { title: '逾期', dataIndex: 'overdueDays', render: (n: number) => <Tag color="red">{n} 天</Tag>, width: 90, sorter: (a, b) => a.overdueDays - b.overdueDays },
    { title: '结对', dataIndex: 'paired', render: (p: boolean) => (p ? '是' : ''), width: 70 },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Table<OverdueRow>
        rowKey="householdId"
        size="middle"
        loading={!data && !error}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20 }}
        onRow={(r) => ({ onClick: () => setOpen(r.householdId), style: { cursor: 'pointer' } })}
        data-testid="overdue-visits"
      />
      <HouseholdDrawer householdId={open} onClose={() => setOpen(undefined)} />
    </Space>
  );
}
