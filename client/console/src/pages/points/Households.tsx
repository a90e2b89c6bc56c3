// 户积分: the community's households with their balance, found by building and room
// (how staff name a household) and sorted by balance, paged on the server; a click
// opens the household's ledger, newest first.
import { App, Button, Drawer, Input, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, messageOf, type HouseholdPoints, type PointsEntry, type PointsHousehold } from '../../api.js';
import { useServerTable } from '../../serverTable.js';
import { time } from '../../words.js';
import { buildingOptions, roomProblem, useGrids } from '../places.js';

interface Filters {
  buildingId?: string;
  room?: string;
}

const KIND_WORDS: Record<PointsEntry['kind'], { text: string; color: string }> = {
  earn: { text: '获得', color: 'green' },
  redeem: { text: '兑换', color: 'blue' },
  refund: { text: '退回', color: 'cyan' },
  expire: { text: '过期', color: 'default' },
  adjust: { text: '调整', color: 'purple' },
};

export function Households() {
  const grids = useGrids();
  const [open, setOpen] = useState<PointsHousehold | null>(null);
  const t = useServerTable<Filters, PointsHousehold>(
    ({ filters, offset, limit, sort, order }) => api.points.households({ ...filters, offset, limit, ...(sort ? { sort: sort as 'balance', order } : {}) }),
    {},
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="楼栋"
          style={{ width: 150 }}
          {...t.filterProps('buildingId')}
          options={buildingOptions(grids)}
          data-testid="points-building"
        />
        <Input.Search placeholder="房号，如 302" style={{ width: 180 }} {...t.searchProps('room', roomProblem)} data-testid="points-room" />
      </Space>
      <Table<PointsHousehold>
        rowKey="id"
        size="middle"
        {...t.tableProps}
        onRow={(h) => ({ onClick: () => setOpen(h), style: { cursor: 'pointer' } })}
        data-testid="points-households"
        columns={[
          { title: '楼栋', key: 'building', width: 160, render: (_, h) => h.building.name },
          { title: '房号', dataIndex: 'room', width: 160 },
          { title: '户主', key: 'head', render: (_, h) => h.head ?? '—' },
          { title: '积分余额', key: 'balance', dataIndex: 'balance', width: 140, sorter: true, sortOrder: t.sortOrderOf('balance') },
          { title: '', key: 'open', width: 120, render: (_, h) => <Button type="link" size="small" onClick={() => setOpen(h)}>积分明细</Button> },
        ]}
      />
      <Ledger household={open} onClose={() => setOpen(null)} />
    </>
  );
}

function Ledger({ household, onClose }: { household: PointsHousehold | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [data, setData] = useState<HouseholdPoints | null>(null);
  const [entries, setEntries] = useState<PointsEntry[]>([]);
  const [loading, setLoading] = useState(false);

  const load = async (id: string, cursor?: string) => {
    setLoading(true);
    try {
      const r = await api.points.ledger(id, { limit: 30, cursor });
      setData(r);
      setEntries((e) => (cursor ? [...e, ...r.entries] : r.entries));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setData(null);
    setEntries([]);
    if (household) void load(household.id);
  }, [household?.id]);

  return (
    <Drawer open={!!household} onClose={onClose} size={680} title={household ? `${household.building.name} ${household.room}${household.head ? ` · ${household.head}家` : ''}` : ''} destroyOnHidden>
      {data && (
        <div data-testid="ledger-balance" style={{ marginBottom: 16 }}>
          <Statistic title="积分余额" value={data.balance} suffix="分" />
        </div>
      )}
      <Typography.Title level={5}>积分明细</Typography.Title>
      <Table<PointsEntry>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: '还没有积分记录' }}
        data-testid="ledger-entries"
        columns={[
          { title: '时间', key: 'createdAt', width: 150, render: (_, e) => time(e.createdAt) },
          { title: '', key: 'kind', width: 70, render: (_, e) => <Tag color={KIND_WORDS[e.kind].color}>{KIND_WORDS[e.kind].text}</Tag> },
          { title: '事由', dataIndex: 'reason' },
          {
            title: '积分',
            key: 'amount',
            width: 90,
            align: 'right',
            render: (_, e) => <span style={{ color: e.amount > 0 ? '#389e0d' : '#cf1322' }}>{e.amount > 0 ? `+${e.amount}` : e.amount}</span>,
          },
        ]}
      />
      {data?.nextCursor && (
        <Button block style={{ marginTop: 12 }} loading={loading} onClick={() => household && void load(household.id, data.nextCursor!)}>
          更早的记录
        </Button>
      )}
    </Drawer>
  );
}
