// The order list's columns, shared by 工单 and 超时督办.
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OrderSummary } from './api.js';
import { isOverdue, shortTime, STATUS_COLOR, STATUS_SHORT, time } from './words.js';

/**
 * The columns beside the title are as narrow as their words (short times, three-character names),
 * so that on a 1280 px office screen the title keeps about 170–190 px (it had about 50 and showed
 * three characters); on a narrower window the table scrolls sideways (`orderTableMinWidth`) rather
 * than squeeze the title further.
 */
const TITLE_MIN_WIDTH = 160;
const OTHER_WIDTHS = { category: 110, status: 80, place: 150, resident: 80, assignee: 100, filed: 110, due: 125 };

/** The narrowest a table of these columns may be (plus e.g. a selection box's 32 px) before it scrolls. */
export function orderTableMinWidth(columns: TableColumnsType<OrderSummary>, extra = 0): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : TITLE_MIN_WIDTH), extra);
}

/** `filed: false` leaves out 提交时间 (超时督办 is about deadlines, and has its own 督办 column). */
export function orderColumns(onOpen: (id: string) => void, { filed = true }: { filed?: boolean } = {}): TableColumnsType<OrderSummary> {
  const columns: TableColumnsType<OrderSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, o) => (
        <Space size={4}>
          {o.urgency === 'emergency' && <Tag color="red">紧急</Tag>}
          <Typography.Link onClick={() => onOpen(o.id)}>{title}</Typography.Link>
        </Space>
      ),
    },
    { title: '类别', width: OTHER_WIDTHS.category, render: (_, o) => `${o.category.icon} ${o.category.name}` },
    { title: '状态', width: OTHER_WIDTHS.status, render: (_, o) => <Tag color={STATUS_COLOR[o.status]}>{STATUS_SHORT[o.status]}</Tag> },
    { title: '楼栋 · 房号', width: OTHER_WIDTHS.place, ellipsis: true, render: (_, o) => `${o.building.name} ${o.room}` },
    { title: '居民', width: OTHER_WIDTHS.resident, ellipsis: true, render: (_, o) => o.resident.name },
    {
      title: '网格员',
      width: OTHER_WIDTHS.assignee,
      ellipsis: true,
      render: (_, o) => o.assignee?.name ?? (o.suggestedAssignee ? <span style={{ color: '#999' }}>建议 {o.suggestedAssignee.name}</span> : '—'),
    },
    { key: 'filed', title: '提交时间', width: OTHER_WIDTHS.filed, render: (_, o) => <span title={time(o.createdAt)}>{shortTime(o.createdAt)}</span> },
    {
      title: '时限',
      width: OTHER_WIDTHS.due,
      render: (_, o) =>
        isOverdue(o) ? (
          <Tooltip title={`响应时限 ${time(o.responseDueAt)}，办结时限 ${time(o.resolveDueAt)}`}>
            <Tag color="error">{o.overdue.secondAlert ? '20分钟未接单' : o.overdue.response ? '响应超时' : o.overdue.resolution ? '办结超时' : '评单超时'}</Tag>
          </Tooltip>
        ) : (
          <span style={{ color: '#888' }} title={`办结时限 ${time(o.resolveDueAt)}`}>{['closed', 'cancelled', 'resolved'].includes(o.status) ? '—' : `${shortTime(o.resolveDueAt)} 前`}</span>
        ),
    },
  ];
  return filed ? columns : columns.filter((c) => c.key !== 'filed');
}
