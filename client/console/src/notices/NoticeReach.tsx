// 告知情况: per building of the notice, how many households read it in the mini-program,
// how many the building head told in person or by phone, and how many are not reached;
// a building opens to its households (户主's name, room, state).
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useCallback } from 'react';
import { api, type NoticeReach, type ReachHousehold } from '../api.js';
import { useAnswer } from '../useAnswer.js';
import { time } from '../words.js';

type BuildingReach = NoticeReach['buildings'][number];

const STATE_TAG: Record<ReachHousehold['state'], { color: string; text: string }> = {
  read: { color: 'green', text: '已读' },
  told: { color: 'blue', text: '已告知' },
  none: { color: 'red', text: '未告知' },
};
const HOW_WORDS = { in_person: '当面', phone: '电话' } as const;

export function NoticeReachCard({ id }: { id: string }) {
  const { answer: reach, problem } = useAnswer(useCallback(() => api.notices.reach(id), [id]));

  const columns: ColumnsType<BuildingReach> = [
    { title: '楼栋', dataIndex: 'name' },
    { title: '户数', dataIndex: 'households', align: 'right' },
    { title: '小程序已读', dataIndex: 'read', align: 'right' },
    { title: '楼栋长已告知', dataIndex: 'told', align: 'right' },
    { title: '未告知', dataIndex: 'notReached', align: 'right', render: (n: number) => (n ? <Typography.Text type="danger" strong>{n}</Typography.Text> : 0) },
  ];
  const t = reach?.totals;
  return (
    <Card
      title="告知情况"
      data-testid="notice-reach"
      extra={t ? <Typography.Text type="secondary">共 {t.households} 户：已读 {t.read}，已告知 {t.told}，未告知 {t.notReached}</Typography.Text> : null}
    >
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
      <Table<BuildingReach>
        rowKey="id"
        size="small"
        loading={!reach && !problem}
        dataSource={reach?.buildings ?? []}
        columns={columns}
        pagination={false}
        expandable={{ expandedRowRender: (b) => <BuildingHouseholds noticeId={id} buildingId={b.id} /> }}
      />
    </Card>
  );
}

function BuildingHouseholds({ noticeId, buildingId }: { noticeId: string; buildingId: string }) {
  const { answer: board, problem } = useAnswer(useCallback(() => api.notices.reachBoard(noticeId, buildingId), [noticeId, buildingId]));
  if (problem) return <Typography.Text type="danger">{problem}</Typography.Text>;
  const columns: ColumnsType<ReachHousehold> = [
    { title: '单元', dataIndex: 'unit' },
    { title: '房号', dataIndex: 'room' },
    { title: '户主', dataIndex: 'headName', render: (n?: string) => n ?? '—' },
    { title: '情况', dataIndex: 'state', render: (s: ReachHousehold['state'], h) => <Tag color={STATE_TAG[s].color}>{STATE_TAG[s].text}{h.how ? `（${HOW_WORDS[h.how]}）` : ''}</Tag> },
    { title: '时间', render: (_: unknown, h) => (h.readAt ? time(h.readAt) : h.toldAt ? time(h.toldAt) : '') },
    { title: '告知人', dataIndex: 'toldBy', render: (n: string | null) => n ?? '' },
  ];
  return <Table<ReachHousehold> rowKey="id" size="small" loading={!board} dataSource={board?.households ?? []} columns={columns} pagination={{ pageSize: 24, hideOnSinglePage: true }} />;
}
