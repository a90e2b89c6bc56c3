// 岗位: every posting of the community, open and closed, paged, sorted and searched on
// the server; publish, edit, stop; who registered (报名的人) with their outcome, and the
// residents seeking work whose trades fit (适合的人), as the server shows them.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf, type JobCandidate, type JobInterestRow, type JobKind, type ManagedJob, type PayUnit, type Trade } from '../../api.js';
import { useAct, useFilledForm } from '../../formHooks.js';
import { useServerTable } from '../../serverTable.js';
import { updateJob } from '../../staffCalls.js';
import { TitleCell, Toolbar } from '../../TableParts.js';
import { time } from '../../words.js';
import { JOB_KIND_LABELS, kindOptions, OUTCOME_WORDS, PAY_UNITS, payWords, TRADES, tradeOptions } from './words.js';

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

interface Filters {
  status?: 'open' | 'closed';
  kind?: JobKind;
  q?: string;
}

export function Postings() {
  const [editing, setEditing] = useState<ManagedJob | 'new' | null>(null);
  const [applicants, setApplicants] = useState<ManagedJob | null>(null);
  const { act } = useAct();
  const t = useServerTable<Filters, ManagedJob>(
    ({ filters, offset, limit, sort, order }) =>
      api.jobs.managed({ ...filters, offset, limit, ...(sort ? { sort: sort as 'createdAt', order } : {}) }),
    { status: 'open' },
  );

  const close = async (j: ManagedJob) => {
    if (await act(() => api.jobs.close(j.id).then(() => `「${j.title}」已停止招聘`))) void t.reload();
  };

  const columns: TableColumnsType<ManagedJob> = [
    {
      title: '岗位',
      key: 'title',
      render: (_, j) => <TitleCell title={j.title} under={`${j.employer} · ${j.location}`} onOpen={() => setApplicants(j)} />,
    },
    { title: '类型', key: 'kind', width: 100, render: (_, j) => JOB_KIND_LABELS[j.kind] },
    { title: '工资', key: 'pay', width: 140, render: (_, j) => payWords(j.pay) },
    { title: '招几人', key: 'headcount', dataIndex: 'headcount', width: 90, sorter: true, sortOrder: t.sortOrderOf('headcount') },
    {
      title: '报名 / 录用',
      key: 'counts',
      width: 100,
      render: (_, j) => (
        <Typography.Link onClick={() => setApplicants(j)} data-testid={`applicants-${j.id}`}>
          {j.interestedCount} / {j.hiredCount}
        </Typography.Link>
      ),
    },
    { title: '报名截止', key: 'deadline', width: 110, sorter: true, sortOrder: t.sortOrderOf('deadline'), render: (_, j) => (j.deadline ? day(j.deadline) : '长期') },
    { title: '发布日期', key: 'createdAt', width: 110, sorter: true, sortOrder: t.sortOrderOf('createdAt'), render: (_, j) => day(j.createdAt) },
    { title: '状态', key: 'status', width: 80, render: (_, j) => (j.status === 'open' ? <Tag color="green">招聘中</Tag> : <Tag>已停止</Tag>) },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, j) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setApplicants(j)}>报名的人</Button>
          <Button size="small" type="link" onClick={() => setEditing(j)}>修改</Button>
          {j.status === 'open' && (
            <Popconfirm title="停止招聘后，居民就看不到这个岗位了。" okText="停止招聘" cancelText="不了" onConfirm={() => close(j)}>
              <Button size="small" type="link" danger>停止</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Toolbar
        filters={
          <>
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 120 }}
              {...t.filterProps('status')}
              options={[{ value: 'open', label: '招聘中' }, { value: 'closed', label: '已停止' }]}
              data-testid="job-status-filter"
            />
            <Select allowClear placeholder="类型" style={{ width: 130 }} {...t.filterProps('kind')} options={kindOptions} />
            <Input.Search placeholder="搜索岗位、单位、地点" style={{ width: 240 }} {...t.searchProps('q')} data-testid="job-search" />
          </>
        }
        onReload={t.reload}
        actions={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-job">发布岗位</Button>}
      />
      <Table<ManagedJob> rowKey="id" size="middle" columns={columns} {...t.tableProps} data-testid="jobs-table" />
      <JobForm
        job={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void t.reload();
        }}
      />
      <Applicants job={applicants} onClose={() => setApplicants(null)} onChanged={() => void t.reload()} />
    </>
  );
}

interface JobValues {
  title: string;
  employer: string;
  kind: JobKind;
  location: string;
  payMin?: number | null;
  payMax?: number | null;
  payUnit: PayUnit;
  headcount: number;
  contact: string;
  requirements?: string;
  trades: Trade[];
  deadline?: Dayjs | null;
}

function JobForm({ job, onClose, onSaved }: { job: ManagedJob | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const form = useFilledForm<ManagedJob, JobValues>(job, (j) => ({
    title: j.title,
    employer: j.employer,
    kind: j.kind,
    location: j.location,
    payMin: j.pay.min,
    payMax: j.pay.max,
    payUnit: j.pay.unit as PayUnit,
    headcount: j.headcount,
    contact: j.contact,
    requirements: j.requirements,
    trades: j.trades as Trade[],
    deadline: j.deadline ? dayjs(j.deadline) : null,
  }));
  const { act, busy: saving } = useAct();
  const editing = job && job !== 'new' ? job : null;

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      ...v,
      payMin: v.payMin ?? null,
      payMax: v.payMax ?? null,
      requirements: v.requirements ?? '',
      // the end of the chosen day: residents may still register that day
      deadline: v.deadline ? v.deadline.endOf('day').toISOString() : null,
    };
    const saved = await act(async () => {
      if (editing) await updateJob(editing.id, body);
      else await api.jobs.create(body);
      return editing ? '已保存' : '岗位已发布，居民在小程序里就能看到';
    });
    if (saved) onSaved();
  };

  return (
    <Modal
      open={!!job}
      title={editing ? `修改岗位：${editing.title}` : '发布岗位'}
      width={720}
      okText={editing ? '保存' : '发布'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'workshop', payUnit: 'month', headcount: 1, trades: [] }} data-testid="job-form">
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="title" label="岗位名称" rules={[{ required: true, whitespace: true, message: '请写岗位名称' }]} style={{ flex: 1 }}>
            <Input maxLength={40} placeholder="如：缝纫工" />
          </Form.Item>
          <Form.Item name="employer" label="招工单位" rules={[{ required: true, whitespace: true, message: '请写招工单位' }]} style={{ flex: 1 }}>
            <Input maxLength={60} placeholder="如：惠泽帮扶车间" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="kind" label="类型" style={{ width: 160 }}>
            <Select options={kindOptions} />
          </Form.Item>
          <Form.Item name="location" label="上班地点" rules={[{ required: true, whitespace: true, message: '请写上班地点' }]} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="headcount" label="招几人" rules={[{ required: true, message: '请写人数' }]} style={{ width: 110 }}>
            <InputNumber min={1} max={9999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="payMin" label="工资（最低）" style={{ flex: 1 }}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder="不填为面议" />
          </Form.Item>
          <Form.Item
            name="payMax"
            label="工资（最高）"
            style={{ flex: 1 }}
            dependencies={['payMin']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, max) => (max == null || getFieldValue('payMin') == null || max >= getFieldValue('payMin') ? Promise.resolve() : Promise.reject(new Error('不能比最低工资少'))),
              }),
            ]}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="payUnit" label="单位" style={{ width: 130 }}>
            <Select options={(Object.entries(PAY_UNITS) as Array<[PayUnit, string]>).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="contact" label="联系人和电话" rules={[{ required: true, whitespace: true, message: '请写联系人和电话' }]} style={{ flex: 1 }}>
            <Input maxLength={60} placeholder="如：王主任 0857-0000000" />
          </Form.Item>
          <Form.Item name="deadline" label="报名截止" style={{ width: 200 }}>
            <DatePicker style={{ width: '100%' }} placeholder="不填为长期" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="trades" label="需要的工种（用来找适合的人）">
          <Select mode="multiple" allowClear options={tradeOptions} placeholder="可不选" maxCount={10} />
        </Form.Item>
        <Form.Item name="requirements" label="要求">
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Applicants({ job, onClose, onChanged }: { job: ManagedJob | null; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [interests, setInterests] = useState<JobInterestRow[]>([]);
  const [candidates, setCandidates] = useState<JobCandidate[]>([]);
  const [loading, setLoading] = useState(false);
  const { act } = useAct();

  const load = async (id: string) => {
    setLoading(true);
    try {
      const [i, c] = await Promise.all([api.jobs.interests(id), api.jobs.candidates(id)]);
      setInterests(i);
      // someone who registered is listed above already
      setCandidates(c.filter((x) => !i.some((r) => r.resident.id === x.resident.id)));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (job) void load(job.id);
    else {
      setInterests([]);
      setCandidates([]);
    }
  }, [job?.id]);

  const mark = async (row: JobInterestRow, outcome: 'hired' | 'not_hired') => {
    if (!job) return;
    await act(async () => {
      const r = await api.jobs.outcome(job.id, row.id, outcome);
      message.success(outcome === 'hired' ? `已录用${r.employmentRecorded ? `，就业台账已记为「${r.employmentRecorded}」` : ''}` : '已记为未录用');
      await load(job.id);
      onChanged();
    });
  };

  const person = (r: { name: string; phone?: string | null; home?: string }) => (
    <div>
      <div>{r.name}</div>
      <div style={{ color: '#888', fontSize: 12 }}>{[r.home, r.phone].filter(Boolean).join(' · ')}</div>
    </div>
  );

  return (
    <Drawer open={!!job} onClose={onClose} size={760} title={job ? `${job.title} · ${job.employer}` : ''} destroyOnHidden>
      <Typography.Title level={5}>报名的人（{interests.length}）</Typography.Title>
      <Table<JobInterestRow>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={interests}
        locale={{ emptyText: '还没有人报名' }}
        data-testid="interests-table"
        columns={[
          { title: '姓名 / 住址 · 电话', key: 'who', render: (_, r) => person(r.resident) },
          { title: '出生年份', key: 'birth', width: 90, render: (_, r) => r.resident.birthYear ?? '—' },
          { title: '报名时间', key: 'at', width: 140, render: (_, r) => time(r.registeredAt) },
          { title: '结果', key: 'outcome', width: 90, render: (_, r) => <Tag color={OUTCOME_WORDS[r.outcome].color}>{OUTCOME_WORDS[r.outcome].text}</Tag> },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_, r) =>
              r.outcome === 'pending' ? (
                <Space size={4}>
                  <Popconfirm title="录用后会记进就业台账。" okText="录用" cancelText="不了" onConfirm={() => mark(r, 'hired')}>
                    <Button size="small" type="link">录用</Button>
                  </Popconfirm>
                  <Button size="small" type="link" onClick={() => void mark(r, 'not_hired')}>未录用</Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        适合的人（{candidates.length}）<Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}> 想找工作、工种对得上，还没报名，可以打电话问问</Typography.Text>
      </Typography.Title>
      <Table<JobCandidate>
        rowKey={(c) => c.resident.id}
        size="small"
        loading={loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={candidates}
        locale={{ emptyText: '没有工种对得上、想找工作的居民' }}
        data-testid="candidates-table"
        columns={[
          { title: '姓名 / 住址 · 电话', key: 'who', render: (_, c) => person(c.resident) },
          { title: '出生年份', key: 'birth', width: 90, render: (_, c) => c.resident.birthYear ?? '—' },
          { title: '想做的工种', key: 'trades', render: (_, c) => c.trades.map((x) => <Tag key={x}>{TRADES[x as Trade] ?? x}</Tag>) },
        ]}
      />
    </Drawer>
  );
}
