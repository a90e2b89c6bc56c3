// 民情日志: every grid's running log, as staff read it for the monthly report: searched
// by words, kind, grid and dates, newest first; a month exported to Excel (a sheet per grid).
// Opened from an order's drawer or a household's page, it shows the entries about that one
// (/console/gridLog/order/<id>, /console/gridLog/household/<id>) until the filter is closed.
import { DownloadOutlined, PictureOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Image, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { GRID_LOG_KIND_LABELS } from '../../../../shared/words.js';
import { api, messageOf, type GridLogEntry, type GridLogKind } from '../api.js';
import type { PageProps } from '../Console.js';
import { useServerTable } from '../serverTable.js';
import { download } from '../staffCalls.js';
import { navigate } from '../router.js';
import { useGrids } from './places.js';

interface Filters {
  q?: string;
  kind?: GridLogKind;
  gridId?: string;
  from?: string;
  to?: string;
  orderId?: string;
  householdId?: string;
}

/** The one order or household the address names, as a filter. */
function aboutOf(sub: string | undefined): Filters {
  const m = /^(order|household)\/(.+)$/.exec(sub ?? '');
  if (!m) return {};
  return m[1] === 'order' ? { orderId: m[2]! } : { householdId: m[2]! };
}

const KIND_COLOR: Record<GridLogKind, string> = { sentiment: 'blue', dispute: 'red', hazard: 'orange', policy: 'green', other: 'default' };
const kindOptions = (Object.entries(GRID_LOG_KIND_LABELS) as Array<[GridLogKind, string]>).map(([value, label]) => ({ value, label }));
const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export default function GridLogPage({ route }: PageProps) {
  const { message } = App.useApp();
  const grids = useGrids();
  const [words, setWords] = useState('');
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [exporting, setExporting] = useState(false);
  const t = useServerTable<Filters, GridLogEntry>(({ filters, offset, limit }) => api.gridLog.list({ ...filters, offset, limit }), aboutOf('sub' in route ? route.sub : undefined));
  const about = t.filters.orderId ? '只看这张工单的记录' : t.filters.householdId ? '只看这一户的记录' : null;
  const clearAbout = () => {
    t.setFilters({ ...t.filters, orderId: undefined, householdId: undefined });
    navigate({ page: 'gridLog' });
  };

  const exportMonth = async () => {
    setExporting(true);
    try {
      const m = month.format('YYYY-MM');
      await download(`/grid-log/export?month=${m}${t.filters.gridId ? `&gridId=${encodeURIComponent(t.filters.gridId)}` : ''}`, `民情日志-${m}.xlsx`);
      message.success(`已导出 ${month.format('YYYY年M月')} 的民情日志`);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<GridLogEntry> = [
    { title: '时间', dataIndex: 'occurredAt', width: 150, render: (v: string) => when(v) },
    { title: '网格', dataIndex: 'grid', width: 100 },
    { title: '类别', dataIndex: 'kind', width: 100, render: (k: GridLogKind, e) => <Tag color={KIND_COLOR[k]}>{e.kindLabel}</Tag> },
    {
      title: '内容',
      dataIndex: 'text',
      render: (text: string, e) => (
        <div>
          <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>
          <Space size={[8, 4]} wrap>
            {e.households.map((h) => (
              <Tag key={h.id}>{h.building} {h.room}</Tag>
            ))}
            {e.orders.map((o) => (
              <Tag key={o.id} color="purple">工单：{o.title}</Tag>
            ))}
          </Space>
        </div>
      ),
    },
    {
      title: '照片',
      key: 'photo',
      width: 90,
      align: 'center',
      render: (_, e) => (e.photo ? <Image width={56} height={42} style={{ objectFit: 'cover' }} src={e.photo.url} alt="照片" placeholder={<PictureOutlined />} /> : null),
    },
    { title: '记录人', dataIndex: ['author', 'name'], width: 100 },
  ];

  return (
    <Card title="民情日志" styles={{ body: { paddingTop: 12 } }}>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          {about && (
            <Tag closable color="purple" onClose={clearAbout} style={{ fontSize: 14, padding: '4px 8px' }} data-testid="gridlog-about">
              {about}
            </Tag>
          )}
          <Input.Search
            allowClear
            placeholder="搜内容，如 漏水、补贴"
            style={{ width: 220 }}
            value={words}
            onChange={(e) => setWords(e.target.value)}
            onSearch={(v) => t.setFilters({ ...t.filters, q: v.trim() || undefined })}
            data-testid="gridlog-search"
          />
          <Select allowClear placeholder="类别" style={{ width: 120 }} value={t.filters.kind} onChange={(kind) => t.setFilters({ ...t.filters, kind })} options={kindOptions} />
          <Select allowClear placeholder="网格" style={{ width: 120 }} value={t.filters.gridId} onChange={(gridId) => t.setFilters({ ...t.filters, gridId })} options={grids.map((g) => ({ value: g.id, label: g.name }))} />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            onChange={(r) =>
              t.setFilters({
                ...t.filters,
                from: r?.[0] ? r[0].startOf('day').toISOString() : undefined,
                to: r?.[1] ? r[1].add(1, 'day').startOf('day').toISOString() : undefined,
              })
            }
          />
        </Space>
        <Space>
          <DatePicker picker="month" allowClear={false} value={month} onChange={(m) => m && setMonth(m)} style={{ width: 120 }} />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportMonth()} data-testid="export-gridlog">
            导出月报 Excel
          </Button>
        </Space>
      </Space>
      <Table<GridLogEntry> rowKey="id" size="middle" columns={columns} {...t.tableProps} data-testid="gridlog-table" />
    </Card>
  );
}
