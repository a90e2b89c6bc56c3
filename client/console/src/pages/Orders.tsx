// 工单: every order in the viewer's scope, filtered and paged on the server, with
// 批量派单 of the selected rows and 导出 Excel of everything the filter shows.
import { DownloadOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, downloadOrders, messageOf, type Category, type OrderFilters, type OrderPlaces, type OrderStatus, type OrderSummary } from '../api.js';
import type { PageProps } from '../Console.js';
import { DispatchDialog } from '../DispatchDialog.js';
import { OrderDrawer } from '../OrderDrawer.js';
import { navigate } from '../router.js';
import { mayDispatch } from '../signIn.js';
import { orderColumns, orderTableMinWidth } from '../orderColumns.js';
import { useCursorTable } from '../serverTable.js';
import { CursorPager } from '../TableParts.js';
import { DISPATCHABLE, isOverdue, STATUS_SHORT } from '../words.js';

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
  const [selected, setSelected] = useState<string[]>([]);
  const [dispatching, setDispatching] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [places, setPlaces] = useState<OrderPlaces>({ grids: [], buildings: [] });
  const [categories, setCategories] = useState<Category[]>([]);
  // the titles of every order seen, so a refused one can be named after paging on
  const [titles, setTitles] = useState<Record<string, string>>({});
  const t = useCursorTable<Filters, OrderSummary>(async ({ filters, limit, cursor }) => {
    const r = await api.orders.list({ ...toQuery(filters), limit, cursor });
    setTitles((seen) => ({ ...seen, ...Object.fromEntries(r.items.map((o) => [o.id, o.title])) }));
    return r;
  }, EMPTY);
  const { draft, setDraft, filters } = t;

  useEffect(() => {
    api.orders.places().then(setPlaces, () => undefined);
    api.categories().then(setCategories, () => undefined);
  }, []);

  const apply = (f: Filters) => {
    t.apply(f);
    setSelected([]);
  };

  const open = (id: string) => navigate({ page: 'orders', orderId: id }, { keepSearch: true });
  const columns = useMemo(() => orderColumns(open), []);
  // the selection box's 32 px beside the columns
  const scroll = useMemo(() => ({ x: orderTableMinWidth(columns, 32) }), [columns]);
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
          <Button icon={<ReloadOutlined />} onClick={() => void t.reload()}>刷新</Button>
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
        <Button onClick={() => apply(EMPTY)}>重置</Button>
      </Space>

      <Table<OrderSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={scroll}
        {...t.tableProps}
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
      <CursorPager pager={t.pager} nextTestId="next-page" />

      <DispatchDialog
        open={dispatching}
        orderIds={selected}
        titles={titles}
        onClose={() => setDispatching(false)}
        onDone={() => {
          // what was refused has changed state meanwhile: the fresh list shows where it stands
          setSelected([]);
          void t.reload();
        }}
      />
      <OrderDrawer orderId={route.page === 'orders' ? route.orderId : undefined} onClose={() => navigate({ page: 'orders' }, { keepSearch: true })} />
    </Card>
  );
}
