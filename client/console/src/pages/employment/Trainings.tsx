// 培训: every course of the community, paged, sorted and searched on the server; schedule
// one (linked to the postings it trains for, 以岗定培); its roster with 点名 for a day
// and 结业 for those who finished.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf, type EnrolmentStatus, type ManagedJob, type ManagedTraining, type RosterEntry, type Trade, type TrainingRoster } from '../../api.js';
import { useAct } from '../../formHooks.js';
import { useServerTable } from '../../serverTable.js';
import { TitleCell, Toolbar } from '../../TableParts.js';
import { time } from '../../words.js';
import { TRADES, tradeOptions } from './words.js';

interface Filters {
  status?: ManagedTraining['status'];
  trade?: Trade;
  q?: string;
}

const STATUS_WORDS: Record<ManagedTraining['status'], { text: string; color: string }> = {
  open: { text: '报名中', color: 'green' },
  finished: { text: '已结束', color: 'default' },
  cancelled: { text: '已取消', color: 'default' },
};

const ENROLMENT_WORDS: Record<EnrolmentStatus, { text: string; color: string }> = {
  enrolled: { text: '已报名', color: 'blue' },
  waitlisted: { text: '排队中', color: 'orange' },
  withdrawn: { text: '已退出', color: 'default' },
  completed: { text: '已结业', color: 'green' },
};

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

export function Trainings() {
  const [creating, setCreating] = useState(false);
  const [roster, setRoster] = useState<ManagedTraining | null>(null);
  const t = useServerTable<Filters, ManagedTraining>(
    ({ filters, offset, limit, sort, order }) =>
      api.trainings.managed({ ...filters, offset, limit, ...(sort ? { sort: sort as 'startsAt', order } : {}) }),
    {},
  );

  const columns: TableColumnsType<ManagedTraining> = [
    {
      title: '课程',
      key: 'course',
      render: (_, c) => <TitleCell title={c.course} under={`${c.schedule} · ${c.place}`} onOpen={() => setRoster(c)} />,
    },
    { title: '工种', key: 'trade', width: 100, render: (_, c) => c.tradeName },
    { title: '开课 — 结课', key: 'startsAt', width: 190, sorter: true, sortOrder: t.sortOrderOf('startsAt'), render: (_, c) => `${day(c.startsAt)} — ${dayjs(c.endsAt).format('MM-DD')}` },
    { title: '报名截止', key: 'signupDeadline', width: 110, sorter: true, sortOrder: t.sortOrderOf('signupDeadline'), render: (_, c) => day(c.signupDeadline) },
    {
      title: '已报 / 名额',
      key: 'seats',
      width: 140,
      render: (_, c) => (
        <span>
          {c.enrolled} / {c.capacity}
          {c.waitlisted > 0 && <span style={{ color: '#d46b08' }}>，排队 {c.waitlisted}</span>}
        </span>
      ),
    },
    { title: '结业', dataIndex: 'completed', width: 64 },
    { title: '状态', key: 'status', width: 80, render: (_, c) => <Tag color={STATUS_WORDS[c.status].color}>{STATUS_WORDS[c.status].text}</Tag> },
    { title: '操作', key: 'actions', width: 110, render: (_, c) => <Button size="small" type="link" onClick={() => setRoster(c)} data-testid={`roster-${c.id}`}>名单与点名</Button> },
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
              options={(Object.keys(STATUS_WORDS) as Array<ManagedTraining['status']>).map((s) => ({ value: s, label: STATUS_WORDS[s].text }))}
            />
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="工种" style={{ width: 140 }} {...t.filterProps('trade')} options={tradeOptions} />
            <Input.Search placeholder="搜索课程、地点" style={{ width: 220 }} {...t.searchProps('q')} />
          </>
        }
        onReload={t.reload}
        actions={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-training">新建培训</Button>}
      />
      <Table<ManagedTraining> rowKey="id" size="middle" columns={columns} {...t.tableProps} data-testid="trainings-table" />
      <TrainingForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          void t.reload();
        }}
      />
      <Roster course={roster} onClose={() => setRoster(null)} onChanged={() => void t.reload()} />
    </>
  );
}

interface TrainingValues {
  course: string;
  trade: Trade;
  schedule: string;
  place: string;
  dates: [Dayjs, Dayjs];
  signupDeadline: Dayjs;
  capacity: number;
  jobIds: string[];
}

function TrainingForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<TrainingValues>();
  const { act, busy: saving } = useAct();
  const [jobs, setJobs] = useState<ManagedJob[]>([]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    api.jobs.managed({ status: 'open', limit: 100 }).then((p) => setJobs(p.items), () => undefined);
  }, [open, form]);

  const save = async () => {
    const v = await form.validateFields();
    const saved = await act(async () => {
      await api.trainings.create({
        course: v.course,
        trade: v.trade,
        schedule: v.schedule,
        place: v.place,
        startsAt: v.dates[0].startOf('day').toISOString(),
        endsAt: v.dates[1].endOf('day').toISOString(),
        // sign-up runs to the end of the chosen day, but never past the start (the server's rule)
        signupDeadline: (v.signupDeadline.isSame(v.dates[0], 'day') ? v.dates[0].startOf('day') : v.signupDeadline.endOf('day')).toISOString(),
        capacity: v.capacity,
        jobIds: v.jobIds ?? [],
      });
      return '培训已发布，居民在小程序里就能报名';
    });
    if (saved) onSaved();
  };

  return (
    <Modal open={open} title="新建培训" width={720} okText="发布" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ capacity: 30, jobIds: [] }} data-testid="training-form">
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="course" label="课程名称" rules={[{ required: true, whitespace: true, message: '请写课程名称' }]} style={{ flex: 1 }}>
            <Input maxLength={60} placeholder="如：电焊工初级培训" />
          </Form.Item>
          <Form.Item name="trade" label="学什么工种" rules={[{ required: true, message: '请选工种' }]} style={{ width: 180 }}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={tradeOptions} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="schedule" label="上课时间" rules={[{ required: true, whitespace: true, message: '请写上课时间' }]} style={{ flex: 1 }}>
            <Input maxLength={60} placeholder="如：周二、周四 14:00-17:00" />
          </Form.Item>
          <Form.Item name="place" label="上课地点" rules={[{ required: true, whitespace: true, message: '请写上课地点' }]} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="dates" label="开课 — 结课" rules={[{ required: true, message: '请选开课和结课日期' }]} style={{ flex: 1 }}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="signupDeadline"
            label="报名截止"
            dependencies={['dates']}
            rules={[
              { required: true, message: '请选报名截止日期' },
              ({ getFieldValue }) => ({
                validator: (_, d: Dayjs | undefined) => {
                  const dates = getFieldValue('dates') as [Dayjs, Dayjs] | undefined;
                  return !d || !dates || !d.isAfter(dates[0], 'day') ? Promise.resolve() : Promise.reject(new Error('不能晚于开课日期'));
                },
              }),
            ]}
            style={{ width: 180 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="capacity" label="收多少人" rules={[{ required: true, message: '请写人数' }]} style={{ width: 120 }}>
            <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="jobIds" label="为哪些岗位培训（以岗定培，可不选）">
          <Select mode="multiple" allowClear maxCount={20} options={jobs.map((j) => ({ value: j.id, label: `${j.title} · ${j.employer}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Roster({ course, onClose, onChanged }: { course: ManagedTraining | null; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [data, setData] = useState<TrainingRoster | null>(null);
  const [loading, setLoading] = useState(false);
  const [rollDay, setRollDay] = useState<Dayjs>(dayjs());
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const { act, busy: saving } = useAct();

  const load = async (id: string) => {
    setLoading(true);
    try {
      const r = await api.trainings.roster(id);
      setData(r);
      // everyone with a seat is ticked: staff untick who did not come
      setPresent(Object.fromEntries(r.enrolments.filter((e) => e.status === 'enrolled' || e.status === 'completed').map((e) => [e.resident.id, true])));
      setSelected([]);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (course) {
      setRollDay(dayjs());
      void load(course.id);
    } else setData(null);
  }, [course?.id]);

  const seated = (data?.enrolments ?? []).filter((e) => e.status === 'enrolled' || e.status === 'completed');

  const saveAttendance = async () => {
    if (!course || !seated.length) return;
    await act(async () => {
      const r = await api.trainings.attendance(course.id, {
        day: rollDay.format('YYYY-MM-DD'),
        records: seated.map((e) => ({ residentId: e.resident.id, present: !!present[e.resident.id] })),
      });
      message.success(`${r.day} 点名已保存（${r.recorded} 人）`);
      await load(course.id);
    });
  };

  const complete = async () => {
    if (!course || !selected.length) return;
    await act(async () => {
      const r = await api.trainings.complete(course.id, selected);
      message.success(`${r.completed} 人已结业${r.pointsAwarded ? `，共发 ${r.pointsAwarded} 积分` : ''}`);
      await load(course.id);
      onChanged();
    });
  };

  const columns: TableColumnsType<RosterEntry> = [
    { title: '姓名', key: 'name', render: (_, e) => e.resident.name },
    { title: '电话', key: 'phone', width: 130, render: (_, e) => e.resident.phone ?? '—' },
    { title: '状态', key: 'status', width: 90, render: (_, e) => <Tag color={ENROLMENT_WORDS[e.status].color}>{ENROLMENT_WORDS[e.status].text}</Tag> },
    { title: '出勤 / 缺勤', key: 'attendance', width: 100, render: (_, e) => `${e.attended} / ${e.absent}` },
    { title: '结业时间', key: 'completedAt', width: 140, render: (_, e) => (e.completedAt ? time(e.completedAt) : '—') },
    {
      title: `${rollDay.format('M月D日')} 到了吗`,
      key: 'present',
      width: 130,
      render: (_, e) =>
        e.status === 'enrolled' || e.status === 'completed' ? (
          <span data-testid={`present-${e.resident.id}`}>
            <Checkbox checked={!!present[e.resident.id]} onChange={(x) => setPresent({ ...present, [e.resident.id]: x.target.checked })}>
              {present[e.resident.id] ? '到了' : '没到'}
            </Checkbox>
          </span>
        ) : (
          <span style={{ color: '#999' }}>—</span>
        ),
    },
  ];

  return (
    <Drawer open={!!course} onClose={onClose} size={860} title={course ? `${course.course} · 名单` : ''} destroyOnHidden>
      {data && (
        <Typography.Paragraph type="secondary">
          {data.training.schedule} · {data.training.place} · {day2(data.training.startsAt)} 至 {day2(data.training.endsAt)} · 名额 {data.training.capacity}，剩 {data.training.seatsLeft}
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <span>点名日期</span>
        <DatePicker value={rollDay} onChange={(d) => d && setRollDay(d)} allowClear={false} data-testid="attendance-day" />
        <Button type="primary" loading={saving} disabled={!seated.length} onClick={() => void saveAttendance()} data-testid="save-attendance">
          保存点名
        </Button>
        <Button disabled={!selected.length} loading={saving} onClick={() => void complete()} data-testid="complete">
          选中的人结业{selected.length ? `（${selected.length}）` : ''}
        </Button>
      </Space>
      <Table<RosterEntry>
        rowKey={(e) => e.resident.id}
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.enrolments ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有人报名' }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (e) => ({ disabled: e.status !== 'enrolled', name: e.resident.name }),
        }}
        data-testid="roster-table"
      />
    </Drawer>
  );
}

const day2 = (iso: string) => dayjs(iso).format('M月D日');
