// One order: what it is, who it is for, its deadlines, its timeline with photos, and the
// 民情日志 entries its grid's workers linked to it (each opens the log filtered to the order).
import { Button, Descriptions, Drawer, Image, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, messageOf, type GridLogEntry, type OrderDetail } from './api.js';
import { navigate } from './router.js';
import { ACTION_WORDS, STATUS_COLOR, STATUS_SHORT, time } from './words.js';

/**
 * 民情日志 about one order or household: its newest entries, each opening the log filtered to it.
 * Shown only to those who read the grid's log (staff, the admin); for anyone else the block stays away.
 */
export function GridLogLinks({ about }: { about: { orderId: string } | { householdId: string } }) {
  const [entries, setEntries] = useState<{ total: number; items: GridLogEntry[] } | null>(null);
  const key = 'orderId' in about ? `order/${about.orderId}` : `household/${about.householdId}`;
  useEffect(() => {
    let live = true;
    setEntries(null);
    api.gridLog.list({ ...about, limit: 5 }).then(
      (r) => live && setEntries(r),
      () => live && setEntries(null), // not a reader of this grid's log: nothing to show
    );
    return () => {
      live = false;
    };
  }, [key]); // `about` is a new object each render: its key says what it is about
  if (!entries) return null;
  const open = () => navigate({ page: 'gridLog', sub: key });
  return (
    <div data-testid="gridlog-links">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>民情日志</Typography.Title>
        {entries.total > 0 && <Button type="link" onClick={open}>在民情日志中查看全部 {entries.total} 条</Button>}
      </Space>
      {/* plain rows: antd 6 deprecates List */}
      {entries.items.length === 0 && <Typography.Text type="secondary">网格员还没有在民情日志里记过这件事</Typography.Text>}
      {entries.items.map((e: GridLogEntry) => (
        <div key={e.id} className="gridlog-link" style={{ cursor: 'pointer', padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} onClick={open} data-testid="gridlog-link">
          <Space size={8}>
            <span style={{ color: '#888' }}>{time(e.occurredAt)}</span>
            <Tag>{e.kindLabel}</Tag>
            <span>{e.author.name}</span>
          </Space>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{e.text}</Typography.Paragraph>
        </div>
      ))}
    </div>
  );
}

export function OrderDrawer({ orderId, onClose }: { orderId: string | undefined; onClose: () => void }) {
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!orderId) return;
    let live = true;
    setOrder(null);
    setProblem(null);
    api.orders.get(orderId).then(
      (o) => live && setOrder(o),
      (e: unknown) => live && setProblem(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [orderId]);

  return (
    <Drawer open={!!orderId} onClose={onClose} size={720} title={order ? order.title : '工单'} destroyOnHidden>
      {problem && <Result status="warning" title={problem} />}
      {!order && !problem && <Skeleton active />}
      {order && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLOR[order.status]}>{STATUS_SHORT[order.status]}</Tag>
              {order.urgency === 'emergency' && <Tag color="red">紧急</Tag>}
              {order.overdue.response && <Tag color="error">响应超时</Tag>}
              {order.overdue.resolution && <Tag color="error">办结超时</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="类别">{order.category.icon} {order.category.name}</Descriptions.Item>
            <Descriptions.Item label="楼栋">{order.building.name} {order.room}</Descriptions.Item>
            <Descriptions.Item label="居民">{order.resident.name}{order.resident.phone ? ` · ${order.resident.phone}` : ''}</Descriptions.Item>
            <Descriptions.Item label="报事人">{order.filedBy?.name ?? '—'}{order.filedOnBehalf ? '（代报）' : ''}</Descriptions.Item>
            <Descriptions.Item label="网格员">{order.assignee?.name ?? (order.suggestedAssignee ? `建议：${order.suggestedAssignee.name}` : '—')}</Descriptions.Item>
            <Descriptions.Item label="提交时间">{time(order.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="响应时限">{time(order.responseDueAt)}</Descriptions.Item>
            <Descriptions.Item label="办结时限">{time(order.resolveDueAt)}</Descriptions.Item>
            {/* the conversation (issue #21): 待补充 pauses the deadlines; joined households and merges */}
            {order.pausedAt && <Descriptions.Item label="待补充">{time(order.pausedAt)} 起等居民补充，计时暂停</Descriptions.Item>}
            {order.joined > 0 && <Descriptions.Item label="也反映了">{order.joined} 户</Descriptions.Item>}
            {order.mergedInto && <Descriptions.Item label="已合并到">工单 {order.mergedInto.slice(-6)}</Descriptions.Item>}
            <Descriptions.Item label="评价">{order.feedback ? `${order.feedback.satisfied ? '满意' : '不满意'} · ${order.feedback.rating ?? '—'} 星` : '—'}</Descriptions.Item>
            <Descriptions.Item label="描述" span={2}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{order.description}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>办理经过</Typography.Title>
            <Timeline
              items={order.timeline.map((e) => ({
                color: e.action === 'escalate' || e.action === 'review_fail' ? 'red' : e.action === 'review_pass' ? 'green' : e.action === 'ask' || e.action === 'answer' ? 'gold' : e.action === 'comment' ? 'gray' : 'blue',
                content: (
                  <div data-testid="timeline-entry">
                    <div>
                      <b>{ACTION_WORDS[e.action] ?? e.action}</b>
                      <span style={{ color: '#888', marginLeft: 8 }}>{time(e.at)}</span>
                      {e.actor && <span style={{ marginLeft: 8 }}>{e.actor.name}</span>}
                    </div>
                    {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                    {e.rating != null && <div>评分 {e.rating} 星{e.satisfied === false ? '（不满意）' : ''}</div>}
                    {e.photos.length > 0 && (
                      <Image.PreviewGroup>
                        <Space wrap style={{ marginTop: 6 }}>
                          {e.photos.map((p) => (
                            <Space key={p.id} orientation="vertical" size={2}>
                              <Image src={p.url} width={96} height={96} style={{ objectFit: 'cover' }} alt="现场照片" />
                              {/* WeChat's content check found it risky: residents and workers no longer see it */}
                              {p.flagged && <Tag color="red" style={{ marginInlineEnd: 0 }}>违规 · 仅干部可见</Tag>}
                            </Space>
                          ))}
                        </Space>
                      </Image.PreviewGroup>
                    )}
                  </div>
                ),
              }))}
            />
          </div>
          <GridLogLinks about={{ orderId: order.id }} />
        </Space>
      )}
    </Drawer>
  );
}
