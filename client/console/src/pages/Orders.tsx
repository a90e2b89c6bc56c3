// 工单: every order in the viewer's scope, filtered and paged on the server, with
// 批量派单 of the selected rows and 导出 Excel of everything the filter shows.
import { DownloadOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, downloadOrders, messageOf, type Category, type OrderFilters, type OrderPlaces, type OrderStatus, type OrderSummary } from '../api.js';
import type { PageProps } from '../Console.js';
import { DispatchDialog } from '../DispatchDialog.js';
import { OrderDrawer } from '../OrderDrawer.js';
import { navigate } from '../router.js';
import { mayDispatch } from '../signIn.js';
import { orderColumns } from '../orderColumns.js';
import { DISPATCHABLE, isOverdue, STATUS_SHORT } from '../words.js';

const PAGE_SIZES = [20, 50, 100];

interface Filters {
  status: OrderStatus[];
  gridId?: string;
  buildingId?: string;
  category?: string;
  urgency?: 'normal' | 'emergency';
  overdue: boolean;
  q?: string;
  range: [Dayjs, Dayjs] | null;
}

const EMPTY: Filters = { status: [], overdue: false, range: null };

/** The filters as the API takes them (GET /api/orders and its export). */
export function toQuery(f: Filters): OrderFilters {
  return {
    status: f.status.length ? f.status : undefined,
    gridId: f.gridId,
    buildingId: f.buildingId,
    category: f.category,
    urgency: f.urgency,
    overdue: f.overdue || undefined,
    q: f.q?.trim() || undefined,
    from: f.range ? f.range[0].startOf('day').toISOString() : undefined,
    to: f.range ? f.range[1].add(1, 'day').startOf('day').toISOString() : undefined,
  };
}

export default function OrdersPage({ me, route }: PageProps) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [pageSize, setPageSize] = useState(20);
  // cursor paging: the cursors of the pages seen so far, to go back
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [rows, setRows] = useState<OrderSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [dispatching, setDispatching] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [places, setPlaces] = useState<OrderPlaces>({ grids: [], buildings: [] });
  const [categories, setCategories] = useState<Category[]>([]);
  const page = cursors.length;
  // the titles of every order seen, so a refused one can be named after paging on
  const [titles, setTitles] = useState<Record<string, string>>({});

  useEffect(() => {
    api.orders.places().then(setPlaces, () => undefined);
    api.categories().then(setCategories, () => undefined);
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.orders.list({ ...toQuery(filters), limit: pageSize, cursor: cursors.at(-1) });
      setRows(r.items);
      setTitles((t) => ({ ...t, ...Object.fromEntries(r.items.map((o) => [o.id, o.title])) }));
      setNext(r.nextCursor);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [filters, pageSize, cursors, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const apply = (f: Filters) => {
    setFilters(f);
    setCursors([undefined]);
    setSelected([]);
  };

  const open = (id: string) => navigate({ page: 'orders', orderId: id }, { keepSearch: true });
  const columns = useMemo(() => orderColumns(open), []);
  const buildings = places.buildings.filter((b) => !draft.gridId || b.gridId === draft.gridId);
  const canDispatch = mayDispatch(me);

  const exportAll = async () => {
    setExporting(true);
    try {
      await downloadOrders(toQuery(filters));
      message.success('已导出当前筛选的全部工单');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title="工单"
      extra={
        <Space>
          {canDispatch && (
            <Button type="primary" icon={<SendOutlined />} disabled={!selected.length} onClick={() => setDispatching(true)} data-testid="bulk-dispatch">
              批量派单{selected.length ? `（${selected.length}）` : ''}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportAll()} data-testid="export">
            导出 Excel
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} data-testid="filters">
        <Select
          mode="multiple"
          allowClear
          placeholder="状态"
          style={{ minWidth: 200 }}
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          options={(Object.keys(STATUS_SHORT) as OrderStatus[]).map((s) => ({ value: s, label: STATUS_SHORT[s] }))}
          data-testid="filter-status"
        />
        <Select
          allowClear
          placeholder="网格"
          style={{ width: 130 }}
          value={draft.gridId}
          onChange={(gridId) => setDraft({ ...draft, gridId, buildingId: undefined })}
          options={places.grids.map((g) => ({ value: g.id, label: g.name }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="楼栋"
          style={{ width: 130 }}
          value={draft.buildingId}
          onChange={(buildingId) => setDraft({ ...draft, buildingId })}
          options={buildings.map((b) => ({ value: b.id, label: b.name }))}
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 130 }}
          value={draft.category}
          onChange={(category) => setDraft({ ...draft, category })}
          options={categories.map((c) => ({ value: c.code, label: `${c.icon} ${c.name}` }))}
        />
        <Select
          allowClear
          placeholder="紧急程度"
          style={{ width: 110 }}
          value={draft.urgency}
          onChange={(urgency) => setDraft({ ...draft, urgency })}
          options={[{ value: 'emergency', label: '紧急' }, { value: 'normal', label: '一般' }]}
        />
        <DatePicker.RangePicker value={draft.range} onChange={(r) => setDraft({ ...draft, range: r && r[0] && r[1] ? [r[0], r[1]] : null })} />
        <Checkbox checked={draft.overdue} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })}>
          只看超时
        </Checkbox>
        <Input.Search
          allowClear
          placeholder="搜索标题、描述"
          style={{ width: 220 }}
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          onSearch={(q) => apply({ ...draft, q })}
          data-testid="filter-q"
        />
        <Button type="primary" onClick={() => apply(draft)} data-testid="apply-filters">查询</Button>
        <Button onClick={() => { setDraft(EMPTY); apply(EMPTY); }}>重置</Button>
      </Space>

      <Table<OrderSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(o) => (isOverdue(o) ? 'row-overdue' : '')}
        rowSelection={
          canDispatch
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (o) => ({ disabled: !DISPATCHABLE.includes(o.status), name: o.title }),
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
        data-testid="orders-table"
      />
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
        <span style={{ color: '#888' }}>第 {page} 页 · 本页 {rows.length} 条</span>
        <Button disabled={page === 1} onClick={() => setCursors(cursors.slice(0, -1))}>上一页</Button>
        <Button disabled={!next} onClick={() => setCursors([...cursors, next!])} data-testid="next-page">下一页</Button>
        <Select
          value={pageSize}
          style={{ width: 110 }}
          onChange={(n) => { setPageSize(n); setCursors([undefined]); }}
          options={PAGE_SIZES.map((n) => ({ value: n, label: `${n} 条/页` }))}
        />
      </Space>

      <DispatchDialog
        open={dispatching}
        orderIds={selected}
        titles={titles}
        onClose={() => setDispatching(false)}
        onDone={() => {
          // what was refused has changed state meanwhile: the fresh list shows where it stands
          setSelected([]);
          void load();
        }}
      />
      <OrderDrawer orderId={route.page === 'orders' ? route.orderId : undefined} onClose={() => navigate({ page: 'orders' }, { keepSearch: true })} />
    </Card>
  );
}
