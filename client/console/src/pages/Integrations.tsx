// 对接 (Open311, issue #21 item 5): the community's keys for outside systems such as the
// 12345 热线. Issue one (the key is shown this once: copy it into the other system),
// list them (by their first characters only), revoke one. Who may: the community's staff
// and the administrators above it (server/policies/open311.ts); every step is audited.
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { IntegrationKey } from '../../../api/calls.js';
import { api, messageOf, type Me } from '../api.js';
import { useCommunity } from '../useCommunity.js';
import type { PageProps } from '../Console.js';


const PURPOSES: Record<IntegrationKey['purpose'], { label: string; plain: string; color: string }> = {
  status: { label: '查询进度', plain: '只能查看工单进度，看不到居民姓名、电话和房号，不能报事。适合街道看板、公开进度查询。', color: 'blue' },
  hotline: { label: '热线转办', plain: '可以代居民报事，并能看到居民姓名、电话和房号，用于回访。只发给 12345 等政府热线。', color: 'orange' },
};

const chinaTime = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16) : '—');


export default function IntegrationsPage({ me }: PageProps) {
  const { message } = App.useApp();
  const { communityId, choices, pick, fixed } = useCommunity(me);
  const [keys, setKeys] = useState<IntegrationKey[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [issued, setIssued] = useState<{ name: string; apiKey: string } | null>(null);
  const [form] = Form.useForm<{ name: string; purpose: IntegrationKey['purpose'] }>();

  const load = useCallback(() => {
    if (!communityId) return;
    api.integrations.keys(communityId).then((r) => setKeys(r.items), (e: unknown) => message.error(messageOf(e)));
  }, [communityId, message]);
  useEffect(load, [load]);

  const issue = async () => {
    const v = await form.validateFields();
    try {
      const r = await api.integrations.issue({ ...v, ...(fixed ? {} : { communityId: communityId! }) });
      setAdding(false);
      form.resetFields();
      setIssued({ name: r.key.name, apiKey: r.apiKey });
      load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const revoke = async (k: IntegrationKey) => {
    try {
      await api.integrations.revoke(k.id);
      message.success(`已吊销「${k.name}」的密钥`);
      load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const columns: TableColumnsType<IntegrationKey> = [
    { title: '对接系统', dataIndex: 'name' },
    { title: '用途', dataIndex: 'purpose', render: (p: IntegrationKey['purpose']) => <Tag color={PURPOSES[p].color}>{PURPOSES[p].label}</Tag> },
    { title: '密钥开头', dataIndex: 'keyPrefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: '发放人', dataIndex: 'createdBy', render: (n: string | null) => n ?? '—' },
    { title: '发放时间', dataIndex: 'createdAt', render: chinaTime },
    { title: '最近使用', dataIndex: 'lastUsedAt', render: chinaTime },
    { title: '状态', dataIndex: 'revokedAt', render: (r: string | null) => (r ? <Tag>已吊销 {chinaTime(r)}</Tag> : <Tag color="green">使用中</Tag>) },
    {
      title: '操作',
      render: (_: unknown, k) =>
        k.revokedAt ? null : (
          <Popconfirm title={`吊销「${k.name}」的密钥？`} description="吊销后对方系统立即无法查询和报事，已转来的工单不受影响。" okText="吊销" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => revoke(k)}>
            <Button danger size="small" data-testid={`revoke-${k.keyPrefix}`}>吊销</Button>
          </Popconfirm>
        ),
    },
  ];

  if (!communityId) return <Card title="对接"><Empty description="请先选择社区" /></Card>;
  return (
    <Card
      title="对接（Open311）"
      extra={
        <Space>
          {!fixed && <Select style={{ width: 200 }} value={communityId} onChange={pick} options={choices.map((c) => ({ value: c.id, label: c.name }))} data-testid="community" />}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="issue-key">发放密钥</Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          12345 热线等外部系统用密钥按 Open311 GeoReport v2 标准接口查询本社区的工单、代居民报事（地址：<Typography.Text code>/open311/v2/</Typography.Text>）。
          每个系统一把密钥，只能用于本社区；转来的工单以“代报”进入四单流程，由社区派单。
        </Typography.Paragraph>
        <Table<IntegrationKey> rowKey="id" size="middle" columns={columns} dataSource={keys ?? []} loading={!keys} pagination={false} data-testid="keys" locale={{ emptyText: '还没有发放密钥' }} />
      </Space>

      <Modal title="发放对接密钥" open={adding} onOk={issue} onCancel={() => setAdding(false)} okText="发放" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ purpose: 'status' }}>
          <Form.Item name="name" label="对接系统名称" rules={[{ required: true, message: '请填写对接系统的名称' }, { max: 30 }]}>
            <Input placeholder="例如：12345热线" data-testid="key-name" />
          </Form.Item>
          <Form.Item name="purpose" label="用途" rules={[{ required: true }]}>
            <Radio.Group>
              <Space orientation="vertical">
                {(Object.keys(PURPOSES) as Array<IntegrationKey['purpose']>).map((p) => (
                  <Radio key={p} value={p} data-testid={`purpose-${p}`}>
                    <b>{PURPOSES[p].label}</b>
                    <div style={{ color: '#888', maxWidth: 420 }}>{PURPOSES[p].plain}</div>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </Form>
      </Modal>

      <Modal title={issued ? `「${issued.name}」的密钥` : ''} open={!!issued} onOk={() => setIssued(null)} onCancel={() => setIssued(null)} okText="我已保存" cancelButtonProps={{ style: { display: 'none' } }} closable={false} mask={{ closable: false }}>
        <Alert type="warning" showIcon title="密钥只显示这一次" description="请现在复制，交给对方系统的负责人。关闭后无法再查看；丢失了就吊销它，再发放一把新的。" style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: issued?.apiKey ?? '', icon: <CopyOutlined /> }} code style={{ fontSize: 16, wordBreak: 'break-all' }} data-testid="issued-key">
          {issued?.apiKey}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
