// 走访频次: how often households with each 七彩 tag are visited (the community's
// own, or the default), and the households with a frequency of their own.
import { Alert, App, Button, InputNumber, Popconfirm, Space, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf, type VisitRules } from '../../api.js';

type RuleRow = VisitRules['rules'][number];
type OverrideRow = VisitRules['overrides'][number];

export function VisitRulesTab() {
  const { message } = App.useApp();
  const [data, setData] = useState<VisitRules | null>(null);
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<string | null>(null);
  const load = () => api.visits.rules().then(setData, (e) => setError(messageOf(e)));
  useEffect(() => {
    void load();
  }, []);
  const valueOf = (r: RuleRow) => (r.tag in edits ? edits[r.tag]! : r.intervalDays);
  const save = async (r: RuleRow) => {
    try {
      setData(await api.visits.setRule(r.tag, valueOf(r)));
      setEdits(({ [r.tag]: _, ...rest }) => rest);
      message.success(`已保存：${r.label}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const columns: TableColumnsType<RuleRow> = [
    { title: '七彩标记', dataIndex: 'label', width: 140 },
    {
      title: '需要走访',
      width: 110,
      render: (_, r) => <Switch checked={valueOf(r) !== null} onChange={(on) => setEdits((x) => ({ ...x, [r.tag]: on ? (r.defaultDays ?? 30) : null }))} />,
    },
    {
      title: '多少天走访一次',
      width: 200,
      render: (_, r) =>
        valueOf(r) === null ? (
          <Typography.Text type="secondary">不走访</Typography.Text>
        ) : (
          <Space>
            <InputNumber min={1} max={366} value={valueOf(r)} onChange={(v) => setEdits((x) => ({ ...x, [r.tag]: v ?? 1 }))} aria-label={`${r.label} 天数`} />
            <span>天</span>
          </Space>
        ),
    },
    { title: '默认', dataIndex: 'defaultDays', render: (d: number | null) => (d ? `${d} 天` : '不走访'), width: 100 },
    {
      title: '',
      width: 100,
      render: (_, r) => (
        <Button type="primary" size="small" disabled={!(r.tag in edits)} onClick={() => void save(r)}>
          保存
        </Button>
      ),
    },
  ];
  const overrideColumns: TableColumnsType<OverrideRow> = [
    { title: '住户', render: (_, o) => `${o.building} ${o.unit} ${o.room}` },
    { title: '频次', dataIndex: 'intervalDays', render: (d: number | null) => (d === null ? '不需要走访' : `每 ${d} 天`) },
    { title: '原因', dataIndex: 'note' },
    { title: '设置于', dataIndex: 'updatedAt', render: (d: string) => dayjs(d).format('YYYY-MM-DD') },
    {
      title: '',
      render: (_, o) => (
        <Popconfirm title="恢复按七彩标记走访？" onConfirm={() => api.visits.removeOverride(o.householdId).then(load, (e) => message.error(messageOf(e)))}>
          <Button size="small">恢复</Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Alert type="info" showIcon title="一户有几个标记时，按最短的频次走访；单独设置了频次的住户按它自己的。" />
      <Table<RuleRow> rowKey="tag" size="middle" columns={columns} dataSource={data?.rules ?? []} pagination={false} loading={!data && !error} data-testid="visit-rules" />
      <Typography.Title level={5}>单独设置频次的住户</Typography.Title>
      <Table<OverrideRow> rowKey="householdId" size="small" columns={overrideColumns} dataSource={data?.overrides ?? []} pagination={false} />
    </Space>
  );
}
