// 群管理: the group bot account (logged in, or waiting for a scan: the login QR to platform
// admins only; today's posts against the daily cap), the groups notices go to and which
// building or grid each serves (link, unlink), and the community's WeCom group robots
// (add, test post, remove).
import { ApiOutlined, DeleteOutlined, LinkOutlined, PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Progress, QRCode, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, messageOf, type BotStatus, type ChatGroup, type GridWithBuildings } from '../api.js';
import type { PageProps } from '../Console.js';
import { time } from '../words.js';

const STATE_WORDS: Record<BotStatus['state'], { text: string; status: 'success' | 'warning' | 'error' | 'default' }> = {
  logged_in: { text: '已登录，正常发送', status: 'success' },
  waiting_scan: { text: '等待扫码登录', status: 'warning' },
  logged_out: { text: '已退出登录，群消息暂停发送', status: 'error' },
  not_running: { text: '未启动（没有配置群机器人账号）', status: 'default' },
};

export default function GroupsPage({ me }: PageProps) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<BotStatus | null>(null);
  const [groups, setGroups] = useState<ChatGroup[]>([]);
  const [grids, setGrids] = useState<GridWithBuildings[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const [channel, setChannel] = useState<'wechaty' | 'wecom' | undefined>();
  const [onlyUnlinked, setOnlyUnlinked] = useState(false);
  const [linking, setLinking] = useState<ChatGroup | null>(null);
  const [adding, setAdding] = useState(false);
  const communityId = me.community?.id ?? me.roles.find((r) => r.communityId)?.communityId ?? undefined;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [s, g, gr] = await Promise.all([api.bot.status(), api.bot.groups(), api.grids.list(communityId).catch(() => [])]);
      setStatus(s);
      setGroups(g);
      setGrids(gr);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [communityId, message]);

  useEffect(() => {
    void load();
  }, [load]);

  // while the bot waits for a scan, look again every 10 seconds: the QR changes and the scan ends the wait
  useEffect(() => {
    if (status?.state !== 'waiting_scan') return;
    const t = setInterval(() => void api.bot.status().then(setStatus, () => undefined), 10_000);
    return () => clearInterval(t);
  }, [status?.state]);

  // the community's own groups first, by name as people count (惠泽2栋 before 惠泽10栋); groups no community has claimed yet after them
  const shown = useMemo(
    () =>
      [...groups]
        .sort((a, b) => Number(a.communityId !== communityId) - Number(b.communityId !== communityId) || a.topic.localeCompare(b.topic, 'zh-Hans-CN', { numeric: true }))
        .filter(
        (g) =>
          (!q.trim() || g.topic.includes(q.trim())) &&
          (!channel || g.channel === channel) &&
          (!onlyUnlinked || (g.present && !g.buildings.length && !g.grids.length)),
      ),
    [groups, q, channel, onlyUnlinked, communityId],
  );

  const unlinkBuilding = async (b: { id: string; name: string }) => {
    try {
      await api.bot.linkBuilding(b.id, null);
      message.success(`${b.name} 的通知不再发到这个群`);
      void load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const unlinkGrid = async (g: { id: string; name: string }) => {
    try {
      await api.bot.linkGrid(g.id, null);
      message.success(`${g.name} 不再用这个群作工作群`);
      void load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const test = async (g: ChatGroup) => {
    try {
      const r = await api.bot.testRobot(g.id);
      if (r.sent) message.success(`测试消息已发到“${g.topic}”，请到群里看看`);
      else message.error(`发送失败：${r.error}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const remove = async (g: ChatGroup) => {
    try {
      const r = await api.bot.removeRobot(g.id);
      message.success(`已移除“${g.topic}”${r.deliveriesCancelled ? `，${r.deliveriesCancelled} 条待发通知已取消` : ''}`);
      void load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const capUsed = status ? Math.min(100, Math.round((status.sentToday / Math.max(1, status.dailyCap)) * 100)) : 0;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="群机器人账号" extra={<Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>} data-testid="bot-status">
        {status && (
          <Row gutter={24} align="middle">
            <Col flex="auto">
              <Descriptions column={2} size="small">
                <Descriptions.Item label="状态">
                  <Badge status={STATE_WORDS[status.state].status} text={STATE_WORDS[status.state].text} />
                  {status.mode === 'demo' && <Tag style={{ marginInlineStart: 8 }}>演示模式，不会真的发到微信</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label="微信账号">{status.accountName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="今日已发">
                  <Space>
                    <Progress percent={capUsed} size="small" style={{ width: 160 }} showInfo={false} status={capUsed >= 100 ? 'exception' : 'normal'} />
                    <span data-testid="sent-today">
                      {status.sentToday} / {status.dailyCap} 条
                    </span>
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label="状态更新于">{time(status.since)}</Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary">每个微信账号每天最多发 {status.dailyCap} 条群消息，达到后第二天再发，以免被微信限制。</Typography.Text>
            </Col>
            {status.state === 'waiting_scan' && (
              <Col>
                {status.loginQr ? (
                  <Space orientation="vertical" align="center">
                    <QRCode value={status.loginQr} size={160} />
                    <Typography.Text>请用群机器人专用微信扫码登录</Typography.Text>
                  </Space>
                ) : (
                  <Typography.Text type="warning">群机器人等待扫码登录，请联系平台管理员。</Typography.Text>
                )}
              </Col>
            )}
          </Row>
        )}
      </Card>

      <Card
        title="群"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-robot">
            添加企业微信群机器人
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="按群名称查找" style={{ width: 220 }} onSearch={setQ} />
          <Select
            allowClear
            placeholder="类型"
            style={{ width: 160 }}
            value={channel}
            onChange={setChannel}
            options={[
              { value: 'wechaty', label: '微信群（机器人账号）' },
              { value: 'wecom', label: '企业微信群机器人' },
            ]}
          />
          <Button type={onlyUnlinked ? 'primary' : 'default'} onClick={() => setOnlyUnlinked(!onlyUnlinked)}>
            只看未关联的群
          </Button>
        </Space>
        <Table<ChatGroup>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={shown}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个群` }}
          locale={{ emptyText: <Empty description="没有群" /> }}
          data-testid="groups-table"
          columns={[
            {
              title: '群名称',
              dataIndex: 'topic',
              sorter: (a, b) => a.topic.localeCompare(b.topic, 'zh-Hans-CN', { numeric: true }),
              render: (topic: string, g) => (
                <Space>
                  <span>{topic}</span>
                  {!g.present && <Tag color="red">{g.channel === 'wecom' ? '已移除' : '机器人已不在群里'}</Tag>}
                  {!g.communityId && <Tag>未归属社区</Tag>}
                </Space>
              ),
            },
            {
              title: '类型',
              dataIndex: 'channel',
              width: 150,
              render: (c: ChatGroup['channel']) => (c === 'wecom' ? <Tag color="blue">企业微信机器人</Tag> : <Tag color="green">微信群</Tag>),
            },
            { title: '人数', dataIndex: 'memberCount', width: 80, render: (n: number, g) => (g.channel === 'wecom' ? '—' : n) },
            {
              title: '通知发往这些楼栋',
              key: 'buildings',
              render: (_, g) =>
                g.buildings.length ? (
                  <Space wrap size={4}>
                    {g.buildings.map((b) => (
                      <Tag key={b.id} closable onClose={(e) => { e.preventDefault(); void unlinkBuilding(b); }}>
                        {b.name}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">未关联</Typography.Text>
                ),
            },
            {
              title: '网格工作群',
              key: 'grids',
              width: 150,
              render: (_, g) =>
                g.grids.map((x) => (
                  <Tag key={x.id} color="gold" closable onClose={(e) => { e.preventDefault(); void unlinkGrid(x); }}>
                    {x.name}
                  </Tag>
                )),
            },
            { title: '最近同步', dataIndex: 'seenAt', width: 160, render: (v: string) => time(v) },
            {
              title: '操作',
              key: 'op',
              width: 220,
              render: (_, g) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" icon={<LinkOutlined />} disabled={!g.present} onClick={() => setLinking(g)}>
                    关联
                  </Button>
                  {g.channel === 'wecom' && g.present && (
                    <>
                      <Button type="link" size="small" icon={<SendOutlined />} onClick={() => void test(g)}>
                        测试
                      </Button>
                      <Popconfirm
                        title={`移除“${g.topic}”？`}
                        description="移除后这个群不再收到通知，还没发出的通知会取消。"
                        okText="移除"
                        cancelText="取消"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(g)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                          移除
                        </Button>
                      </Popconfirm>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {linking && (
        <LinkDialog
          group={linking}
          grids={grids}
          onClose={(done) => {
            setLinking(null);
            if (done) void load();
          }}
        />
      )}
      {adding && (
        <RobotDialog
          communityId={communityId}
          onClose={(done) => {
            setAdding(false);
            if (done) void load();
          }}
        />
      )}
    </Space>
  );
}

/** Links a group to buildings (their notices go there) and/or as a grid's work group. */
function LinkDialog({ group, grids, onClose }: { group: ChatGroup; grids: GridWithBuildings[]; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const [buildingIds, setBuildingIds] = useState<string[]>([]);
  const [gridId, setGridId] = useState<string>();
  const [saving, setSaving] = useState(false);
  const linked = new Set(group.buildings.map((b) => b.id));
  const save = async () => {
    setSaving(true);
    try {
      for (const b of buildingIds) await api.bot.linkBuilding(b, group.id);
      if (gridId) await api.bot.linkGrid(gridId, group.id);
      message.success(`已关联到“${group.topic}”`);
      onClose(true);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`关联“${group.topic}”`} okText="保存" cancelText="取消" confirmLoading={saving} okButtonProps={{ disabled: !buildingIds.length && !gridId }} onOk={() => void save()} onCancel={() => onClose(false)}>
      <Form layout="vertical">
        <Form.Item label="这些楼栋的通知发到这个群" extra="一个楼栋只发一个群；选了已关联别的群的楼栋，会改发到这个群。">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            value={buildingIds}
            onChange={setBuildingIds}
            options={grids.map((g) => ({
              label: g.name,
              options: g.buildings.filter((b) => !linked.has(b.id)).map((b) => ({ value: b.id, label: b.name })),
            }))}
            data-testid="link-buildings"
          />
        </Form.Item>
        <Form.Item label="作为网格工作群（紧急工单在这里提醒）">
          <Select allowClear value={gridId} onChange={setGridId} options={grids.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RobotDialog({ communityId, onClose }: { communityId: string | undefined; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ webhook: string; topic: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const g = await api.bot.addRobot({ ...v, ...(communityId ? { communityId } : {}) });
      message.success(`已添加“${g.topic}”，可以点“测试”试发一条`);
      onClose(true);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="添加企业微信群机器人" okText="添加" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={() => onClose(false)} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        <ApiOutlined /> 在企业微信群里点“群机器人 → 添加机器人”，复制它的 Webhook 地址粘贴到这里。地址相当于密码，保存后不再显示。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="topic" label="群名称" rules={[{ required: true, whitespace: true, message: '请写群名称' }, { max: 60 }]}>
          <Input placeholder="例如：惠泽社区志愿者群" data-testid="robot-topic" />
        </Form.Item>
        <Form.Item name="webhook" label="Webhook 地址" rules={[{ required: true, whitespace: true, message: '请粘贴 Webhook 地址' }]}>
          <Input.Password placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" visibilityToggle={false} data-testid="robot-webhook" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
