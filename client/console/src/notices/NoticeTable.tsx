// 通知 list: the community's notices, filtered and paged on the server, each with how far
// its delivery got; failures and groups that may have got it (可能已发出) stand out.
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { api, type ManagedNotice, type ManageNoticesInput, type NoticeAudienceChoices } from '../api.js';
import { useCursorTable } from '../serverTable.js';
import { CursorPager } from '../TableParts.js';
import { time } from '../words.js';
import { audienceWords, NOTICE_KIND_LABELS, NOTICE_KINDS, NOTICE_STATE_COLOR, NOTICE_STATE_WORDS, STATE_FILTERS } from './words.js';

type Filters = Pick<ManageNoticesInput, 'state' | 'kind' | 'q'>;

function DeliveryCell({ n }: { n: ManagedNotice }) {
  const d = n.delivery;
  if (!d.total) return <span style={{ color: '#999' }}>没有关联群</span>;
  return (
    <Space size={4} wrap>
      <span>已发 {d.sent}/{d.total} 个群</span>
      {d.failed ? <Tag color="error">{d.failed} 个失败</Tag> : null}
      {d.possibly_sent ? <Tag color="warning">{d.possibly_sent} 个可能已发出</Tag> : null}
      {d.pending + d.retrying && n.state !== 'scheduled' ? <Tag color="processing">{d.pending + d.retrying} 个在发</Tag> : null}
    </Space>
  );
}

export function NoticeTable({ choices, onOpen, onCompose, mayCompose }: { choices: NoticeAudienceChoices | null; onOpen: (id: string) => void; onCompose: () => void; mayCompose: boolean }) {
  const t = useCursorTable<Filters, ManagedNotice>(
    ({ filters, limit, cursor }) => api.notices.manage({ ...filters, q: filters.q?.trim() || undefined, limit, cursor }),
    {},
  );
  const { draft, setDraft, filters, apply } = t;

  const columns: ColumnsType<ManagedNotice> = [
    {
      title: '标题',
      key: 'title',
      render: (_, n) => (
        <Space size={6}>
          {n.kind === 'emergency' ? <Tag color="red">紧急</Tag> : null}
          <a onClick={() => onOpen(n.id)} data-testid="notice-title">{n.title}</a>
          {n.automatic ? <Tooltip title="由岗位、培训等自动生成"><Tag>自动</Tag></Tooltip> : null}
        </Space>
      ),
    },
    { title: '类别', dataIndex: 'kindLabel', width: 100 },
    { title: '发给', key: 'audience', width: 200, ellipsis: true, render: (_, n) => (n.staffOnly ? '网格工作群' : audienceWords(n.audience, choices)) },
    { title: '发送时间', key: 'sendAt', width: 150, render: (_, n) => time(n.sendAt) },
    {
      title: '状态',
      key: 'state',
      width: 100,
      render: (_, n) => <Tag color={NOTICE_STATE_COLOR[n.state]}>{NOTICE_STATE_WORDS[n.state]}</Tag>,
    },
    { title: '发送情况', key: 'delivery', width: 280, render: (_, n) => <DeliveryCell n={n} /> },
    { title: '写的人', key: 'by', width: 90, render: (_, n) => n.createdBy?.name ?? '系统' },
    { title: '', key: 'open', width: 100, render: (_, n) => <Button size="small" onClick={() => onOpen(n.id)}>发送情况</Button> },
  ];

  return (
    <Card
      title="通知"
      extra={
        <Space>
          {mayCompose ? (
            <Button type="primary" icon={<EditOutlined />} onClick={onCompose} data-testid="compose">
              写通知
            </Button>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void t.reload()}>刷新</Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} data-testid="notice-filters">
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 130 }}
          value={draft.state}
          onChange={(state) => apply({ ...draft, state })}
          options={STATE_FILTERS.map((s) => ({ value: s.value, label: s.label }))}
          data-testid="filter-state"
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 130 }}
          value={draft.kind}
          onChange={(kind) => apply({ ...draft, kind })}
          options={NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABELS[k] }))}
        />
        <Input.Search
          allowClear
          placeholder="搜索标题、内容"
          style={{ width: 240 }}
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          onSearch={(q) => apply({ ...draft, q })}
          data-testid="filter-q"
        />
      </Space>
      <Table<ManagedNotice>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        {...t.tableProps}
        rowClassName={(n) => (n.delivery.failed || n.delivery.possibly_sent ? 'row-attention' : '')}
        locale={{ emptyText: filters.state || filters.kind || filters.q ? '没有符合条件的通知' : '还没有写过通知' }}
        data-testid="notices-table"
      />
      <CursorPager pager={t.pager} />
    </Card>
  );
}
