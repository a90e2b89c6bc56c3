// The order list's columns, shared by 工单 and 超时督办.
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OrderSummary } from './api.js';
import { isOverdue, STATUS_COLOR, STATUS_SHORT, time } from './words.js';

export function orderColumns(onOpen: (id: string) => void): TableColumnsType<OrderSummary> {
  return [
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
    { title: '类别', width: 120, render: (_, o) => `${o.category.icon} ${o.category.name}` },
    { title: '状态', width: 96, render: (_, o) => <Tag color={STATUS_COLOR[o.status]}>{STATUS_SHORT[o.status]}</Tag> },
    { title: '楼栋 · 房号', width: 170, ellipsis: true, render: (_, o) => `${o.building.name} ${o.room}` },
    { title: '居民', width: 96, render: (_, o) => o.resident.name },
    {
      title: '网格员',
      width: 110,
      render: (_, o) => o.assignee?.name ?? (o.suggestedAssignee ? <span style={{ color: '#999' }}>建议 {o.suggestedAssignee.name}</span> : '—'),
    },
    { title: '提交时间', width: 150, render: (_, o) => time(o.createdAt) },
    {
      title: '时限',
      width: 150,
      render: (_, o) =>
        isOverdue(o) ? (
          <Tooltip title={`响应时限 ${time(o.responseDueAt)}，办结时限 ${time(o.resolveDueAt)}`}>
            <Tag color="error">{o.overdue.secondAlert ? '20分钟未接单' : o.overdue.response ? '响应超时' : o.overdue.resolution ? '办结超时' : '评单超时'}</Tag>
          </Tooltip>
        ) : (
          <span style={{ color: '#888' }}>{['closed', 'cancelled', 'resolved'].includes(o.status) ? '—' : `${time(o.resolveDueAt)} 前`}</span>
        ),
    },
  ];
}
