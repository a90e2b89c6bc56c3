// 楼道巡查 (issue #20 item 4): each building's last patrol, whether one is due and the
// problems still open; a building opens to its patrols; the community's checklist and
// how often each building is patrolled. The tab is in the address (/console/patrols/checklist).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf, type PatrolBuilding, type PatrolChecklist, type PatrolHistory } from '../api.js';
import type { PageProps } from '../Console.js';
import { navigate } from '../router.js';
import { time } from '../words.js';

const TABS = ['buildings', 'checklist'] as const;
type Tab = (typeof TABS)[number];

const STATE_TAG: Record<PatrolBuilding['state'], { color: string; text: string }> = {
  never: { color: 'red', text: '从未巡查' },
  due: { color: 'orange', text: '该巡查了' },
  ok: { color: 'green', text: '按时' },
};

export default function PatrolsPage({ route }: PageProps) {
  const sub = 'sub' in route ? route.sub : undefined;
  const tab: Tab = (TABS as readonly string[]).includes(sub ?? '') ? (sub as Tab) : 'buildings';
  return (
    <Card styles={{ body: { paddingTop: 8 } }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ page: 'patrols', sub: key })}
        destroyOnHidden
        items={[
          { key: 'buildings', label: '各楼栋巡查', children: <Buildings /> },
          { key: 'checklist', label: '巡查清单', children: <Checklist /> },
        ]}
      />
    </Card>
  );
}

function Buildings() {
  const [rows, setRows] = useState<PatrolBuilding[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api.patrols.buildings().then((r) => setRows(r.items), (e) => setProblem(messageOf(e)));
  }, []);
  const columns: ColumnsType<PatrolBuilding> = [
    { title: '楼栋', dataIndex: 'name' },
    { title: '网格', dataIndex: 'gridName' },
    { title: '上次巡查', dataIndex: 'lastPatrolAt', render: (t: string | null) => (t ? time(t) : '—') },
    { title: '下次应在', dataIndex: 'dueAt', render: (t: string | null) => (t ? time(t) : '现在') },
    { title: '状态', dataIndex: 'state', render: (s: PatrolBuilding['state'], b) => <Space><Tag color={STATE_TAG[s].color}>{STATE_TAG[s].text}</Tag>{b.openPatrolId ? <Tag>巡查中</Tag> : null}</Space> },
    { title: '未解决问题', dataIndex: 'openProblems', align: 'right', render: (n: number) => (n ? <Typography.Text type="danger" strong>{n}</Typography.Text> : 0) },
  ];
  const due = rows?.filter((b) => b.state !== 'ok').length ?? 0;
  return (
    <Flex vertical gap={8}>
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
      {rows ? <Typography.Text type="secondary">共 {rows.length} 栋，{due} 栋该巡查了</Typography.Text> : null}
      <Table<PatrolBuilding>
        rowKey="id"
        size="middle"
        loading={!rows && !problem}
        dataSource={rows ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="patrol-buildings"
        expandable={{ expandedRowRender: (b) => <History buildingId={b.id} /> }}
      />
    </Flex>
  );
}

function History({ buildingId }: { buildingId: string }) {
  const [h, setH] = useState<PatrolHistory | null>(null);
  useEffect(() => {
    void api.patrols.history(buildingId).then(setH, () => setH({ items: [] }));
  }, [buildingId]);
  type Row = PatrolHistory['items'][number];
  const columns: ColumnsType<Row> = [
    { title: '开始', dataIndex: 'startedAt', render: (t: string) => time(t) },
    { title: '完成', dataIndex: 'finishedAt', render: (t: string | null) => (t ? time(t) : '未完成') },
    { title: '楼栋长', dataIndex: 'headName' },
    { title: '发现问题', dataIndex: 'problems', align: 'right' },
    { title: '已报事', dataIndex: 'ordersFiled', align: 'right' },
  ];
  return <Table<Row> rowKey="id" size="small" loading={!h} dataSource={h?.items ?? []} columns={columns} pagination={false} locale={{ emptyText: '还没有巡查记录' }} />;
}

function Checklist() {
  const { message } = App.useApp();
  const [list, setList] = useState<PatrolChecklist | null>(null);
  const [items, setItems] = useState<Array<{ id?: string; name: string }>>([]);
  const [everyDays, setEveryDays] = useState(7);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      const c = await api.patrols.checklist();
      setList(c);
      setItems(c.items);
      setEveryDays(c.everyDays);
    } catch (e) {
      message.error(messageOf(e));
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load]);
  const save = async () => {
    setBusy(true);
    try {
      const c = await api.patrols.setChecklist({ communityId: list?.communityId, everyDays, items: items.map((i) => ({ ...(i.id ? { id: i.id } : {}), name: i.name.trim() })) });
      setList(c);
      setItems(c.items);
      message.success('巡查清单已保存');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Space>
        <Typography.Text>每栋楼每</Typography.Text>
        <InputNumber min={1} max={90} value={everyDays} onChange={(v) => setEveryDays(v ?? 7)} aria-label="巡查间隔天数" />
        <Typography.Text>天巡查一次（7 = 每周）</Typography.Text>
      </Space>
      {items.map((item, i) => (
        <Space.Compact key={item.id ?? `new-${i}`} style={{ width: '100%' }}>
          <Input value={item.name} maxLength={30} onChange={(e) => setItems((l) => l.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} aria-label={`第${i + 1}项`} />
          <Button icon={<DeleteOutlined />} onClick={() => setItems((l) => l.filter((_, j) => j !== i))} disabled={items.length <= 1} aria-label="删除这一项" />
        </Space.Compact>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setItems((l) => [...l, { name: '' }])}>
        加一项
      </Button>
      <Typography.Text type="secondary">删掉的项目不再出现在新的巡查里，以前的巡查记录保留。</Typography.Text>
      <Button type="primary" loading={busy} onClick={() => void save()} disabled={!list}>
        保存
      </Button>
    </Flex>
  );
}
