// 操作日志 (platform, 县 and 街道 admins; issue #19): every administrative change, who,
// when, what, before and after, newest first, filtered and paged on the server, and
// the same selection as .xlsx. Read-only: nothing here changes an entry.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf, type AuditItem, type AuditQuery } from '../api.js';
import type { PageProps } from '../Console.js';
import { download } from '../staffCalls.js';

const PAGE = 20;
const chinaTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);
const show = (v: unknown) => (v === undefined || v === null ? '（无）' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** before → after, field by field, in plain words. */
function Change({ e }: { e: AuditItem }) {
  if (!e.changes.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions size="small" column={1} bordered styles={{ label: { width: 140 } }}>
      {e.changes.map((c) => (
        <Descriptions.Item key={c.field} label={c.label}>
          {e.before && e.after ? (
            <>
              <Typography.Text delete type="secondary">{show(c.before)}</Typography.Text> → {show(c.after)}
            </>
          ) : (
            show(e.after ? c.after : c.before)
          )}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

export default function AuditPage(_: PageProps) {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Omit<AuditQuery, 'cursor' | 'limit'>>({});
  // the cursors of the pages before this one (cursor paging: newest first)
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [rows, setRows] = useState<AuditItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [actions, setActions] = useState<Array<{ value: string; label: string }>>([]);
  const [exporting, setExporting] = useState(false);
  const cursor = cursors.at(-1);

  useEffect(() => {
    api.audit.actions().then((a) => setActions(a.items.map((x) => ({ value: x.action, label: x.label }))), (e: unknown) => message.error(messageOf(e)));
  }, [message]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.audit
      .list({ ...filters, limit: PAGE, ...(cursor ? { cursor } : {}) })
      .then((p) => {
        if (!live) return;
        setRows(p.items);
        setNext(p.nextCursor);
      }, (e: unknown) => live && message.error(messageOf(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filters, cursor, message]);

  const filter = (f: Omit<AuditQuery, 'cursor' | 'limit'>) => {
    setFilters(f);
    setCursors([undefined]);
  };

  const columns: TableColumnsType<AuditItem> = [
    { title: '时间', key: 'at', width: 150, render: (_, e) => chinaTime(e.at) },
    {
      title: '操作人', key: 'actor', width: 120,
      render: (_, e) => <Typography.Link onClick={() => filter({ ...filters, actorId: e.actor.id })} title="只看这个人的操作">{e.actor.name}</Typography.Link>,
    },
    { title: '操作', key: 'action', width: 140, render: (_, e) => e.actionLabel },
    { title: '对象', key: 'target', width: 180, render: (_, e) => `${e.target.typeLabel}${e.target.name ? `：${e.target.name}` : ''}` },
    { title: '社区 / 县街道', key: 'place', width: 140, render: (_, e) => e.community?.name || e.region?.name || '—' },
    { title: '变更内容', key: 'change', render: (_, e) => <Change e={e} /> },
  ];

  const range = (v: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = v ?? [null, null];
    // `to` is exclusive on the server: up to the end of the day picked
    filter({ ...filters, from: from?.format('YYYY-MM-DD'), to: to?.add(1, 'day').format('YYYY-MM-DD') });
  };

  const exportAll = async () => {
    setExporting(true);
    try {
      const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as Array<[string, string]>).toString();
      await download(`/audit/export${q ? `?${q}` : ''}`, '操作记录.xlsx');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size="middle">
          <Select
            style={{ width: 200 }}
            allowClear
            placeholder="全部操作"
            options={actions}
            value={filters.action}
            onChange={(action) => filter({ ...filters, action })}
            aria-label="操作"
          />
          <DatePicker.RangePicker onChange={(v) => range(v as [Dayjs | null, Dayjs | null] | null)} placeholder={['开始日期', '结束日期']} />
          {filters.actorId && (
            <Button onClick={() => filter({ ...filters, actorId: undefined })}>看所有人的操作</Button>
          )}
          <Button icon={<DownloadOutlined />} onClick={exportAll} loading={exporting} data-testid="export-audit">导出 Excel</Button>
        </Space>
      </Card>
      <Card size="small" title="操作日志" extra={<Typography.Text type="secondary">只增不改：任何人都不能修改或删除记录</Typography.Text>}>
        <Table<AuditItem> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={rows} pagination={false} data-testid="audit-table" />
        <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
          <Button disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>上一页</Button>
          <Typography.Text type="secondary">第 {cursors.length} 页</Typography.Text>
          <Button disabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>下一页</Button>
        </Space>
      </Card>
    </Space>
  );
}
