// 社区设置 (issue #19 item 4, #21 item 3): a community's 服务类别 (icons, deadlines, 紧急,
// on/off, order), its 常用回复, its 评单时限 (#20), its 通知自动化 switches, a pointer to 积分与货架 (the 积分
// page edits those) and the 修改记录 of all of these (the audit log, before and after).
// Staff work in their own community; an administrator of several picks one. The tab is in
// the address (/console/settings/replies). Who may change what: server/policies/settings.ts.
import { Alert, App, Button, Card, Empty, Flex, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ManagedCategory, NoticeAutomation } from '../../../api/calls.js';
import { api, messageOf, type AuditItem, type Me } from '../api.js';
import { useCommunity } from '../useCommunity.js';
import type { PageProps } from '../Console.js';
import { navigate } from '../router.js';
import { time } from '../words.js';
import { Categories } from './settings/Categories.js';
import { Replies } from './settings/Replies.js';
import { ReviewDeadline } from './settings/ReviewDeadline.js';

const TABS = ['categories', 'replies', 'review', 'automation', 'points', 'history'] as const;
type Tab = (typeof TABS)[number];


export default function SettingsPage({ me, route }: PageProps) {
  const { communityId, choices, pick, fixed } = useCommunity(me);
  const sub = 'sub' in route ? route.sub : undefined;
  const tab: Tab = (TABS as readonly string[]).includes(sub ?? '') ? (sub as Tab) : 'categories';
  const [categories, setCategories] = useState<ManagedCategory[]>([]);
  // bumped on every change: the history tab reads afresh
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (!communityId) return;
    api.settings.categories(communityId).then((r) => setCategories(r.items), () => undefined);
  }, [communityId, version]);

  if (!communityId) return <Card title="社区设置"><Empty description="请先选择社区" /></Card>;
  return (
    <Card
      title="社区设置"
      styles={{ body: { paddingTop: 8 } }}
      extra={!fixed && <Select style={{ width: 200 }} value={communityId} onChange={pick} options={choices.map((c) => ({ value: c.id, label: c.name }))} data-testid="community" />}
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ page: 'settings', sub: key })}
        destroyOnHidden
        items={[
          { key: 'categories', label: '服务类别', children: <Categories key={communityId} communityId={communityId} onChanged={changed} /> },
          { key: 'replies', label: '常用回复', children: <Replies key={communityId} communityId={communityId} categories={categories} /> },
          { key: 'review', label: '评单时限', children: <ReviewDeadline key={communityId} communityId={communityId} onChanged={changed} /> },
          { key: 'automation', label: '通知自动化', children: <Automation key={communityId} communityId={communityId} onChanged={changed} /> },
          { key: 'points', label: '积分与货架', children: <PointsPointer me={me} /> },
          { key: 'history', label: '修改记录', children: <History key={`${communityId}-${version}`} communityId={communityId} categories={categories} /> },
        ]}
      />
    </Card>
  );
}

const SWITCHES: Array<{ key: keyof Omit<NoticeAutomation, 'communityId'>; title: string; plain: string }> = [
  { key: 'jobs', title: '新招聘自动发通知', plain: '社区发布一个招聘岗位后，自动给全社区居民发一条招聘通知。' },
  { key: 'trainings', title: '新培训自动发通知', plain: '社区安排一期技能培训后，自动给全社区居民发一条培训通知，提醒报名。' },
  { key: 'emergencyOrders', title: '紧急工单通知网格群', plain: '居民报了紧急的事（或紧急工单超时没人接），自动发到这个网格的工作群，不写姓名和电话。' },
];

function Automation({ communityId, onChanged }: { communityId: string; onChanged: () => void }) {
  const { message } = App.useApp();
  const [state, setState] = useState<NoticeAutomation | null>(null);
  useEffect(() => {
    api.settings.automation(communityId).then(setState, (e: unknown) => message.error(messageOf(e)));
  }, [communityId, message]);
  if (!state) return null;
  return (
    <div style={{ maxWidth: 760 }}>
      {SWITCHES.map((s) => (
        <Flex key={s.key} justify="space-between" align="center" gap={24} style={{ padding: '14px 0', borderBottom: '1px solid #f0f0f0' }}>
          <div>
            <Typography.Text strong style={{ fontSize: 16 }}>{s.title}</Typography.Text>
            <div><Typography.Text type="secondary">{s.plain}</Typography.Text></div>
          </div>
          <Switch
            checked={state[s.key]}
            checkedChildren="开"
            unCheckedChildren="关"
            data-testid={`switch-${s.key}`}
            onChange={async (on) => {
              try {
                setState(await api.settings.setAutomation({ communityId, [s.key]: on }));
                message.success(`${s.title}：已${on ? '打开' : '关闭'}`);
                onChanged();
              } catch (e) {
                message.error(messageOf(e));
              }
            }}
          />
        </Flex>
      ))}
    </div>
  );
}

function PointsPointer({ me }: { me: Me }) {
  const staff = me.roles.some((r) => r.role === 'STAFF');
  return (
    <Space orientation="vertical" size="middle" style={{ maxWidth: 760 }}>
      <Typography.Paragraph style={{ fontSize: 15, margin: 0 }}>
        积分规则（做什么事得多少分）和积分超市的货架（商品、库存、每户限兑）在「积分」页面里修改。
      </Typography.Paragraph>
      {staff ? (
        <Space>
          <Button type="primary" onClick={() => navigate({ page: 'points', sub: 'rules' })} data-testid="to-points-rules">去修改积分规则</Button>
          <Button onClick={() => navigate({ page: 'points', sub: 'shelf' })}>去管理货架</Button>
        </Space>
      ) : (
        <Alert type="info" showIcon title="积分规则和货架由社区干部在「积分」页面管理。" />
      )}
    </Space>
  );
}

const TARGETS = [
  { value: 'category', label: '服务类别' },
  { value: 'stock_reply', label: '常用回复' },
  { value: 'notice_automation', label: '通知自动化' },
  { value: 'order_settings', label: '评单时限' },
] as const;

const PURPOSE_WORDS: Record<string, string> = { ask: '提问（待补充）', resolve: '办结说明' };

/** A value of an entry in plain words. */
function shown(v: unknown): string {
  if (v === null || v === undefined) return '（无）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function History({ communityId, categories }: { communityId: string; categories: ManagedCategory[] }) {
  const { message } = App.useApp();
  const [target, setTarget] = useState<(typeof TARGETS)[number]['value'] | undefined>();
  const [items, setItems] = useState<AuditItem[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    setLoading(true);
    api.settings.history({ communityId, target }).then(
      (r) => setItems(r.items),
      (e: unknown) => message.error(messageOf(e)),
    ).finally(() => setLoading(false));
  }, [communityId, target, message]);
  const nameOf = new Map(categories.map((c) => [c.id, `${c.icon} ${c.name}`]));
  const codeName = new Map(categories.map((c) => [c.code, c.name]));
  const what = (e: AuditItem) => {
    const vals = { ...(e.before ?? {}), ...(e.after ?? {}) } as Record<string, unknown>;
    if (e.target.type === 'category') return nameOf.get(e.target.id) ?? (typeof vals.name === 'string' ? vals.name : e.action === 'category.reorder' ? '全部类别' : '（已删除的类别）');
    if (e.target.type === 'stock_reply') return typeof vals.text === 'string' ? `“${vals.text.slice(0, 24)}”` : '常用回复';
    return '通知自动化';
  };
  const fieldValue = (field: string, v: unknown) => (field === 'purpose' && typeof v === 'string' ? PURPOSE_WORDS[v] ?? v : field === 'category' && typeof v === 'string' ? codeName.get(v) ?? v : field === 'category' && v === null ? '所有类别通用' : field === 'order' && Array.isArray(v) ? v.map((c) => codeName.get(String(c)) ?? c).join('、') : shown(v));
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="全部设置" style={{ width: 180 }} value={target} onChange={setTarget} options={[...TARGETS]} data-testid="history-target" />
        <Typography.Text type="secondary">每一次修改：谁、什么时候、改了什么、改之前和改之后。</Typography.Text>
      </Space>
      <Table<AuditItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="history-table"
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => time(at) },
          { title: '操作人', width: 110, render: (_, e) => e.actor.name },
          { title: '操作', width: 150, render: (_, e) => <Tag>{e.actionLabel}</Tag> },
          { title: '对象', width: 200, render: (_, e) => what(e) },
          {
            title: '改之前 → 改之后',
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                {e.changes.map((c) => (
                  <span key={c.field}>
                    <Typography.Text type="secondary">{c.label}：</Typography.Text>
                    {e.before && e.after ? `${fieldValue(c.field, c.before)} → ${fieldValue(c.field, c.after)}` : fieldValue(c.field, e.after ? c.after : c.before)}
                  </span>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
