// 1+X 结对帮扶: a cadre (社区干部 or 党组织) paired with households; they see those
// households on their 今日走访 and record visits too.
import { App, Button, Form, Popconfirm, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf, type VisitPairing, type VisitPairings } from '../../api.js';

export function Pairings() {
  const { message } = App.useApp();
  const [data, setData] = useState<VisitPairings | null>(null);
  const [households, setHouseholds] = useState<Array<{ value: string; label: string }>>([]);
  const [form] = Form.useForm<{ householdId: string; userId: string }>();
  const load = () => api.visits.pairings().then(setData, (e) => message.error(messageOf(e)));
  useEffect(() => {
    void load();
  }, []);
  const search = (q: string) =>
    api.org.households({ q, limit: 20 }).then(
      (p) => setHouseholds(p.items.map((h) => ({ value: h.id, label: `${h.building.name} ${h.room} ${h.members[0]?.name ?? ''}` }))),
      () => undefined,
    );
  const pair = async (v: { householdId: string; userId: string }) => {
    try {
      await api.visits.pair(v.householdId, v.userId);
      form.resetFields();
      message.success('已结对');
      await load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const columns: TableColumnsType<VisitPairing> = [
    { title: '结对干部', render: (_, p) => p.person.name },
    { title: '住户', render: (_, p) => `${p.building} ${p.unit} ${p.room}` },
    { title: '结对于', dataIndex: 'createdAt', render: (d: string) => dayjs(d).format('YYYY-MM-DD') },
    {
      title: '',
      render: (_, p) => (
        <Popconfirm title="解除结对？" onConfirm={() => api.visits.unpair(p.id).then(load, (e) => message.error(messageOf(e)))}>
          <Button size="small">解除</Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form form={form} layout="inline" onFinish={(v) => void pair(v)}>
        <Form.Item name="userId" label="干部" rules={[{ required: true, message: '选一位干部' }]}>
          <Select style={{ width: 160 }} options={(data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))} placeholder="社区干部或党员" />
        </Form.Item>
        <Form.Item name="householdId" label="住户" rules={[{ required: true, message: '搜门牌号或姓名' }]}>
          <Select style={{ width: 280 }} showSearch filterOption={false} onSearch={(q) => void search(q)} options={households} placeholder="搜门牌号或姓名，如 302" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          结对
        </Button>
      </Form>
      <Table<VisitPairing> rowKey="id" size="middle" columns={columns} dataSource={data?.items ?? []} pagination={false} />
    </Space>
  );
}
