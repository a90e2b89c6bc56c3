// 超时督办: emergencies not yet resolved and every order past a deadline, refreshed
// every 30 seconds (the 10-minute emergency response does not wait for a click).
// Each row says how far its escalation went: at 10 minutes the grid's other workers
// and staff were alerted, at 20 the community's leaders (server/notices/escalationAlerts.ts);
// resolutions the party branch has not reviewed within 3 days are listed too.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, Row, Space, Statistic, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, messageOf, type OrderSummary } from '../api.js';
import type { PageProps } from '../Console.js';
import { OrderDrawer } from '../OrderDrawer.js';
import { navigate } from '../router.js';
import { time } from '../words.js';
import { orderColumns, orderTableMinWidth } from '../orderColumns.js';

const REFRESH_MS = 30_000;
const OPEN = ['submitted', 'dispatched', 'accepted', 'reopened'] as const;

/** How far an order's escalation went: who has been told (the 时限 column says what is late). */
function EscalationStage({ order: o }: { order: OrderSummary }) {
  if (o.overdue.secondAlert) return <Tag color="magenta">已上报社区领导</Tag>;
  if (o.overdue.response && o.urgency === 'emergency') return <Tag color="red">已提醒网格员、干部</Tag>;
  if (o.overdue.response || o.overdue.resolution) return <Tag color="orange">列入每日督办</Tag>;
  if (o.overdue.review) return <Tag color="gold">已提醒党组织</Tag>;
  return <span style={{ color: '#888' }}>—</span>;
}
const stageColumn: TableColumnsType<OrderSummary>[number] = { title: '督办', width: 140, render: (_, o) => <EscalationStage order={o} /> };

export default function OverduePage({ route }: PageProps) {
  const { message } = App.useApp();
  const [emergencies, setEmergencies] = useState<OrderSummary[]>([]);
  const [overdue, setOverdue] = useState<OrderSummary[]>([]);
  const [unreviewed, setUnreviewed] = useState<OrderSummary[]>([]);
  const [more, setMore] = useState({ emergencies: false, overdue: false, unreviewed: false });
  const [loading, setLoading] = useState(false);
  const [live, setLive] = useState(true);
  const [at, setAt] = useState<Date | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [e, o, r] = await Promise.all([
        api.orders.list({ urgency: 'emergency', status: [...OPEN], limit: 100 }),
        api.orders.list({ overdue: true, limit: 100 }),
        // 党组织评单 past its deadline: among the resolutions waiting for review
        api.orders.list({ status: ['resolved'], limit: 100 }),
      ]);
      setEmergencies(e.items);
      setOverdue(o.items);
      setUnreviewed(r.items.filter((x) => x.overdue.review));
      setMore({ emergencies: !!e.nextCursor, overdue: !!o.nextCursor, unreviewed: !!r.nextCursor });
      setAt(new Date());
    } catch (err) {
      message.error(messageOf(err));
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    void load();
    if (!live) return;
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(t);
  }, [load, live]);

  const columns = useMemo(() => [...orderColumns((id) => navigate({ page: 'overdue', orderId: id }), { filed: false }), stageColumn], []);
  const scroll = useMemo(() => ({ x: orderTableMinWidth(columns) }), [columns]);
  const count = (n: number, more: boolean) => (more ? `${n}+` : n);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={6}><Card><Statistic title="未办结的紧急工单" value={count(emergencies.length, more.emergencies)} styles={{ content: { color: '#cf1322' } }} /></Card></Col>
        <Col span={6}><Card><Statistic title="已上报社区领导（20分钟无人接单）" value={emergencies.filter((o) => o.overdue.secondAlert).length} styles={{ content: { color: '#c41d7f' } }} /></Card></Col>
        <Col span={6}><Card><Statistic title="超时工单" value={count(overdue.length, more.overdue)} styles={{ content: { color: '#d46b08' } }} /></Card></Col>
        <Col span={6}>
          <Card>
            <Space orientation="vertical">
              <span><Badge status={live ? 'processing' : 'default'} text={live ? '每 30 秒自动刷新' : '已暂停自动刷新'} /> <Switch size="small" checked={live} onChange={setLive} /></span>
              <span style={{ color: '#888' }}>上次刷新 {at ? time(at.toISOString()).slice(11) + ':' + String(at.getSeconds()).padStart(2, '0') : '—'}</span>
              <Button size="small" icon={<ReloadOutlined />} onClick={() => void load()}>立即刷新</Button>
            </Space>
          </Card>
        </Col>
      </Row>
      <Card title="紧急工单（未办结）">
        <Table<OrderSummary> rowKey="id" size="middle" loading={loading} columns={columns} scroll={scroll} dataSource={emergencies} pagination={false} rowClassName={(o) => (o.overdue.response || o.overdue.resolution ? 'row-overdue' : '')} data-testid="emergencies" />
      </Card>
      <Card title="超时工单">
        <Table<OrderSummary> rowKey="id" size="middle" loading={loading} columns={columns} scroll={scroll} dataSource={overdue} pagination={false} data-testid="overdue" />
      </Card>
      <Card title={`党组织评单超时（办结超过3天未评${more.unreviewed ? '，最近 100 件待评单中' : ''}）`}>
        <Table<OrderSummary> rowKey="id" size="middle" loading={loading} columns={columns} scroll={scroll} dataSource={unreviewed} pagination={false} data-testid="unreviewed" />
      </Card>
      <OrderDrawer orderId={route.page === 'overdue' ? route.orderId : undefined} onClose={() => navigate({ page: 'overdue' })} />
    </Space>
  );
}
