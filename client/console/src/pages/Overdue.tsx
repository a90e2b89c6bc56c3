// 超时督办: emergencies not yet resolved and every order past a deadline, refreshed
// every 30 seconds (the 10-minute emergency response does not wait for a click).
import { ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, Row, Space, Statistic, Switch, Table } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, messageOf, type OrderSummary } from '../api.js';
import type { PageProps } from '../Console.js';
import { OrderDrawer } from '../OrderDrawer.js';
import { navigate } from '../router.js';
import { time } from '../words.js';
import { orderColumns } from '../orderColumns.js';

const REFRESH_MS = 30_000;
const OPEN = ['submitted', 'dispatched', 'accepted', 'reopened'] as const;

export default function OverduePage({ route }: PageProps) {
  const { message } = App.useApp();
  const [emergencies, setEmergencies] = useState<OrderSummary[]>([]);
  const [overdue, setOverdue] = useState<OrderSummary[]>([]);
  const [more, setMore] = useState({ emergencies: false, overdue: false });
  const [loading, setLoading] = useState(false);
  const [live, setLive] = useState(true);
  const [at, setAt] = useState<Date | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [e, o] = await Promise.all([
        api.orders.list({ urgency: 'emergency', status: [...OPEN], limit: 100 }),
        api.orders.list({ overdue: true, limit: 100 }),
      ]);
      setEmergencies(e.items);
      setOverdue(o.items);
      setMore({ emergencies: !!e.nextCursor, overdue: !!o.nextCursor });
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

  const columns = useMemo(() => orderColumns((id) => navigate({ page: 'overdue', orderId: id })), []);
  const count = (n: number, more: boolean) => (more ? `${n}+` : n);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={8}><Card><Statistic title="未办结的紧急工单" value={count(emergencies.length, more.emergencies)} styles={{ content: { color: '#cf1322' } }} /></Card></Col>
        <Col span={8}><Card><Statistic title="超时工单" value={count(overdue.length, more.overdue)} styles={{ content: { color: '#d46b08' } }} /></Card></Col>
        <Col span={8}>
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
        <Table<OrderSummary> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={emergencies} pagination={false} rowClassName={(o) => (o.overdue.response || o.overdue.resolution ? 'row-overdue' : '')} data-testid="emergencies" />
      </Card>
      <Card title="超时工单">
        <Table<OrderSummary> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={overdue} pagination={false} data-testid="overdue" />
      </Card>
      <OrderDrawer orderId={route.page === 'overdue' ? route.orderId : undefined} onClose={() => navigate({ page: 'overdue' })} />
    </Space>
  );
}
