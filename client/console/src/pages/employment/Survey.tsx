// 就业摸底: the month's survey of every household with working-age members. Staff
// generate the month (or the server does on the 1st), follow each grid's progress
// (done/total), read the households whose employment changed this month, and the
// household list with 零就业家庭 highlighted.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Empty, Progress, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { SURVEY_TASK_STATUS_LABELS } from '../../../../../shared/words.js';
import { api, messageOf, type SurveyChanged, type SurveyProgress, type SurveyTask } from '../../api.js';
import { useServerTable } from '../../serverTable.js';
import { statusWords } from './words.js';
import './employment.css';

type TaskStatus = SurveyTask['status'];
interface Filters {
  gridId?: string;
  status?: TaskStatus;
  zeroEmployment?: boolean;
}

const TASK_COLOR: Record<TaskStatus, string> = { pending: 'default', unchanged: 'green', changed: 'blue' };
const when = (iso: string | null) => (iso ? dayjs(iso).format('M月D日 HH:mm') : '');

export function Survey() {
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const m = month.format('YYYY-MM');
  const [progress, setProgress] = useState<SurveyProgress | null>(null);
  const [generating, setGenerating] = useState(false);
  const t = useServerTable<Filters & { month: string }, SurveyTask>(({ filters: { month: fm, ...f }, offset, limit }) => api.employment.surveyTasks(fm, { ...f, offset, limit }), { month: m });

  const loadProgress = useCallback(() => api.employment.surveyProgress(m).then(setProgress, (e) => message.error(messageOf(e))), [m, message]);
  useEffect(() => {
    void loadProgress();
  }, [loadProgress]);

  const pickMonth = (d: Dayjs) => {
    setMonth(d);
    t.setFilters({ ...t.filters, month: d.format('YYYY-MM') });
  };

  const generate = async () => {
    setGenerating(true);
    try {
      const r = await api.employment.generateSurvey(m);
      message.success(r.created ? `已生成 ${r.created} 户的摸底任务` : '本月的摸底任务已经生成过了，没有新增住户');
      void loadProgress();
      void t.reload();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setGenerating(false);
    }
  };

  const gridColumns: TableColumnsType<SurveyProgress['grids'][number]> = [
    { title: '网格', dataIndex: 'name', width: 120 },
    { title: '进度', key: 'bar', render: (_, g) => <Progress percent={g.total ? Math.round((g.done / g.total) * 100) : 0} size="small" style={{ maxWidth: 280 }} /> },
    { title: '已摸底 / 应摸底', key: 'done', width: 140, align: 'center', render: (_, g) => `${g.done} / ${g.total}` },
    { title: '有变化', dataIndex: 'changed', width: 90, align: 'center' },
  ];

  const changedColumns: TableColumnsType<SurveyChanged> = [
    { title: '住户', key: 'home', width: 180, render: (_, c) => `${c.household.building} ${c.household.room}` },
    {
      title: '变化',
      key: 'changes',
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          {c.changes.map((x) => (
            <span key={x.after.id}>
              {x.resident.name}：{x.before ? statusWords(x.before.status) : '没有登记'} → <b>{statusWords(x.after.status)}</b>
              {x.after.employer ? <span style={{ color: '#888' }}>（{x.after.employer}）</span> : null}
            </span>
          ))}
        </Space>
      ),
    },
    { title: '', key: 'zero', width: 110, render: (_, c) => (c.household.zeroEmployment ? <Tag color="orange">零就业家庭</Tag> : null) },
    { title: '摸底人', key: 'by', width: 140, render: (_, c) => `${c.doneBy ?? ''} ${when(c.doneAt)}` },
  ];

  const taskColumns: TableColumnsType<SurveyTask> = [
    { title: '楼栋', key: 'building', width: 110, render: (_, x) => x.household.building },
    { title: '房号', key: 'room', width: 110, render: (_, x) => x.household.room },
    {
      title: '劳动力和就业情况',
      key: 'members',
      render: (_, x) => (
        <Space size={[12, 4]} wrap>
          {x.household.members.map((p) => (
            <span key={p.id} style={{ whiteSpace: 'nowrap' }}>
              {p.name} <Tag style={{ marginInlineEnd: 0 }}>{statusWords(p.status)}</Tag>
            </span>
          ))}
        </Space>
      ),
    },
    { title: '', key: 'zero', width: 110, render: (_, x) => (x.household.zeroEmployment ? <Tag color="orange">零就业家庭</Tag> : null) },
    { title: '摸底', key: 'status', width: 90, render: (_, x) => <Tag color={TASK_COLOR[x.status]}>{SURVEY_TASK_STATUS_LABELS[x.status]}</Tag> },
    { title: '摸底人', key: 'by', width: 150, render: (_, x) => (x.doneBy ? `${x.doneBy} ${when(x.doneAt)}` : '') },
  ];

  const c = progress?.community;
  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space size={16}>
          <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && pickMonth(d)} style={{ width: 130 }} data-testid="survey-month" />
          {c && (
            <Space size={40}>
              <Statistic title="已摸底" value={c.done} suffix={`/ ${c.total} 户`} />
              <Statistic title="本月有变化" value={c.changed} suffix="户" styles={{ content: { color: c.changed ? '#1677ff' : undefined } }} />
            </Space>
          )}
        </Space>
        <Button type="primary" icon={<ReloadOutlined />} loading={generating} onClick={() => void generate()} data-testid="generate-survey">
          {progress?.generated ? '补充新住户的任务' : `生成${month.format('M月')}摸底任务`}
        </Button>
      </Space>
      {progress && !progress.generated ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`${month.format('YYYY年M月')}的摸底任务还没有生成。每月1日会自动生成，也可以点右上角现在生成。`} />
      ) : null}
      <Typography.Title level={5}>各网格进度</Typography.Title>
      <Table rowKey="id" size="small" pagination={false} columns={gridColumns} dataSource={progress?.grids ?? []} style={{ marginBottom: 24 }} data-testid="survey-grids" />
      <Typography.Title level={5}>本月就业有变化的住户</Typography.Title>
      <Table
        rowKey={(x) => x.household.id}
        size="small"
        columns={changedColumns}
        dataSource={progress?.changed ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月还没有住户的就业情况发生变化" /> }}
        rowClassName={(x) => (x.household.zeroEmployment ? 'row-zero-employment' : '')}
        style={{ marginBottom: 24 }}
        data-testid="survey-changed"
      />
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          各户摸底情况
        </Typography.Title>
        <Space wrap>
          <Select allowClear placeholder="网格" style={{ width: 130 }} value={t.filters.gridId} onChange={(gridId) => t.setFilters({ ...t.filters, gridId })} options={(progress?.grids ?? []).map((g) => ({ value: g.id, label: g.name }))} />
          <Select
            allowClear
            placeholder="摸底情况"
            style={{ width: 130 }}
            value={t.filters.status}
            onChange={(status) => t.setFilters({ ...t.filters, status })}
            options={(Object.entries(SURVEY_TASK_STATUS_LABELS) as Array<[TaskStatus, string]>).map(([value, label]) => ({ value, label }))}
          />
          <Checkbox checked={!!t.filters.zeroEmployment} onChange={(e) => t.setFilters({ ...t.filters, zeroEmployment: e.target.checked || undefined })}>
            只看零就业家庭
          </Checkbox>
        </Space>
      </Space>
      <Table<SurveyTask>
        rowKey="id"
        size="middle"
        columns={taskColumns}
        rowClassName={(x) => (x.household.zeroEmployment ? 'row-zero-employment' : '')}
        {...t.tableProps}
        data-testid="survey-tasks"
      />
    </>
  );
}
