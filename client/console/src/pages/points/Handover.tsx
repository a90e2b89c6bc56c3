// 核销: the resident reads out or shows the six-digit pickup code; staff see what it is
// and for which household, then hand it over. Below, the redemptions of the community
// newest first (paged on the server), to be filtered by state.
import { App, Button, Descriptions, Empty, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf, type Redemption, type RedemptionStatus } from '../../api.js';
import { time } from '../../words.js';

const STATUS_WORDS: Record<RedemptionStatus, { text: string; color: string }> = {
  reserved: { text: '待领取', color: 'orange' },
  handed_over: { text: '已领取', color: 'green' },
  cancelled: { text: '已取消', color: 'default' },
};

export function Handover() {
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Redemption | null | 'none'>(null);
  const [busy, setBusy] = useState(false);
  const [handed, setHanded] = useState<Redemption | null>(null);
  // the list below
  const [status, setStatus] = useState<RedemptionStatus | undefined>('reserved');
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [rows, setRows] = useState<Redemption[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const loadList = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.shop.redemptions({ status, limit: 20, cursor: cursors.at(-1) });
      setRows(r.items);
      setNext(r.nextCursor);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [status, cursors, message]);
  useEffect(() => {
    void loadList();
  }, [loadList]);

  const look = async (c = code) => {
    const pickupCode = c.trim();
    setHanded(null);
    if (!/^\d{6}$/.test(pickupCode)) {
      message.warning('取货码是 6 位数字，请核对一下。');
      return;
    }
    setBusy(true);
    try {
      const r = await api.shop.redemptions({ pickupCode, limit: 1 });
      setFound(r.items[0] ?? 'none');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const handOver = async (r: Redemption) => {
    setBusy(true);
    try {
      const done = await api.shop.handOver(r.pickupCode);
      setHanded(done);
      setFound(null);
      setCode('');
      void loadList();
    } catch (e) {
      message.error(messageOf(e));
      void look(r.pickupCode);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space align="start" size={32} style={{ marginBottom: 24, width: '100%' }}>
        <div style={{ width: 360 }}>
          <Typography.Title level={5}>输入取货码</Typography.Title>
          <Input.Search
            size="large"
            maxLength={6}
            inputMode="numeric"
            placeholder="6 位数字"
            enterButton="查询"
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            onSearch={(c) => void look(c)}
            loading={busy && !found}
            style={{ letterSpacing: 4 }}
            data-testid="pickup-code"
          />
        </div>
        <div style={{ minWidth: 520 }} data-testid="pickup-found">
          {handed && (
            <Result
              status="success"
              title="已核销，请把东西交给居民"
              subTitle={`${handed.item.icon} ${handed.item.name} × ${handed.quantity} · ${handed.household.building} ${handed.household.room}`}
              style={{ padding: 16 }}
            />
          )}
          {found === 'none' && <Empty description="没有找到这个取货码，请核对一下" />}
          {found && found !== 'none' && (
            <Descriptions
              bordered
              size="small"
              column={2}
              title={`取货码 ${found.pickupCode}`}
              extra={
                found.status === 'reserved' ? (
                  <Button type="primary" size="large" loading={busy} onClick={() => void handOver(found)} data-testid="confirm-handover">
                    确认交货
                  </Button>
                ) : (
                  <Tag color={STATUS_WORDS[found.status].color}>{STATUS_WORDS[found.status].text}</Tag>
                )
              }
              items={[
                { label: '商品', children: <span style={{ fontSize: 16 }}>{found.item.icon} {found.item.name} × {found.quantity}</span>, span: 2 },
                { label: '住户', children: `${found.household.building} ${found.household.room}` },
                { label: '用了积分', children: found.points },
                { label: '兑换时间', children: time(found.createdAt) },
                {
                  label: '状态',
                  children:
                    found.status === 'handed_over' ? `已于 ${time(found.handedOverAt)} 领走` : found.status === 'cancelled' ? `已于 ${time(found.cancelledAt)} 取消` : '待领取',
                },
              ]}
            />
          )}
        </div>
      </Space>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text strong>兑换记录</Typography.Text>
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 120 }}
          value={status}
          onChange={(s) => {
            setStatus(s);
            setCursors([undefined]);
          }}
          options={(Object.keys(STATUS_WORDS) as RedemptionStatus[]).map((s) => ({ value: s, label: STATUS_WORDS[s].text }))}
        />
      </Space>
      <Table<Redemption>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        pagination={false}
        data-testid="redemptions-table"
        columns={[
          { title: '取货码', dataIndex: 'pickupCode', width: 110, render: (c: string) => <Typography.Link onClick={() => { setCode(c); void look(c); }}>{c}</Typography.Link> },
          { title: '商品', key: 'item', render: (_, r) => `${r.item.icon} ${r.item.name} × ${r.quantity}` },
          { title: '住户', key: 'household', width: 200, render: (_, r) => `${r.household.building} ${r.household.room}` },
          { title: '积分', dataIndex: 'points', width: 90 },
          { title: '兑换时间', key: 'createdAt', width: 160, render: (_, r) => time(r.createdAt) },
          { title: '状态', key: 'status', width: 100, render: (_, r) => <Tag color={STATUS_WORDS[r.status].color}>{STATUS_WORDS[r.status].text}</Tag> },
        ]}
      />
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
        <span style={{ color: '#888' }}>第 {cursors.length} 页 · 本页 {rows.length} 条</span>
        <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>上一页</Button>
        <Button disabled={!next} onClick={() => setCursors([...cursors, next!])}>下一页</Button>
      </Space>
    </>
  );
}
