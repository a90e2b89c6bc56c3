// One notice's delivery board: each group's state, attempts, the reason in plain words and
// when it was posted, refreshed every few seconds while posts are still going out. Groups
// whose send was interrupted (可能已发出) stand apart with their warning: they are never in
// "重发失败的群", and sending one again asks staff to look in the group first.
import { ArrowLeftOutlined, ExclamationCircleOutlined, ReloadOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Progress, Result, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf, type Delivery, type NoticeAudienceChoices } from '../api.js';
import { useAnswer } from '../useAnswer.js';
import { time } from '../words.js';
import { NoticeReachCard } from './NoticeReach.js';
import { audienceWords, DELIVERY_COLOR, DELIVERY_WORDS, NOTICE_STATE_COLOR, NOTICE_STATE_WORDS } from './words.js';

/** How often the board looks again while posts are going out. */
export const BOARD_POLL_MS = 3000;

const CHANNEL_WORDS = { wechaty: '微信群', wecom: '企业微信群' } as const;

export function DeliveryBoard({ id, choices, onBack }: { id: string; choices: NoticeAudienceChoices | null; onBack: () => void }) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const board = useAnswer(useCallback(() => Promise.all([api.notices.managed(id), api.notices.deliveries(id)]), [id]));
  const [notice, progress] = board.answer ?? [null, null];
  const { problem, reload: load } = board;

  const waiting = progress ? progress.pending + progress.retrying : 0;
  const live = Boolean(notice && waiting > 0 && notice.state === 'sending');
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => void load(), BOARD_POLL_MS);
    return () => clearInterval(timer);
  }, [live, load]);

  const act = async (key: string, work: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await work();
      message.success(done);
      await load();
    } catch (e) {
      message.error(messageOf(e));
      await load();
    } finally {
      setBusy(null);
    }
  };

  const resend = async (d: Delivery) => {
    if (d.status === 'possibly_sent') {
      const yes = await modal.confirm({
        title: `「${d.group.topic}」可能已经收到了`,
        icon: <ExclamationCircleOutlined style={{ color: '#d48806' }} />,
        content: (
          <div>
            <p>上次给这个群发送时中途中断，系统无法确认消息是否已经发到群里。</p>
            <p>
              <b>请先打开这个群看一看。</b>确实没有收到，再重发；已经收到了还重发，群里会收到两条一样的通知。
            </p>
          </div>
        ),
        okText: '我看过了，群里没有，重发',
        cancelText: '不重发',
        okButtonProps: { danger: true },
      });
      if (!yes) return;
      await act(d.id, () => api.notices.resend(id, d.id, { confirmPossiblyPosted: true }), `已重新排队发到「${d.group.topic}」`);
      return;
    }
    await act(d.id, () => api.notices.resend(id, d.id), `已重新排队发到「${d.group.topic}」`);
  };

  if (problem && !notice) return <Result status="warning" title={problem} extra={<Button onClick={onBack}>回到通知列表</Button>} />;
  if (!notice || !progress) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const p = progress;
  const open = notice.state !== 'cancelled';
  const columns: ColumnsType<Delivery> = [
    {
      title: '群',
      key: 'group',
      render: (_, d) => (
        <Space size={6}>
          <span>{d.group.topic}</span>
          <Tag>{CHANNEL_WORDS[d.group.channel]}</Tag>
        </Space>
      ),
    },
    { title: '楼栋', key: 'buildings', width: 140, render: (_, d) => d.buildings.map((b) => b.name).join('、') || '—' },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, d) => <Tag color={DELIVERY_COLOR[d.status]} icon={d.status === 'possibly_sent' ? <ExclamationCircleOutlined /> : undefined}>{DELIVERY_WORDS[d.status]}</Tag>,
    },
    { title: '发了几次', dataIndex: 'attempts', width: 90, align: 'center' },
    {
      title: '原因',
      key: 'lastError',
      render: (_, d) =>
        d.status === 'retrying' && d.nextAttemptAt ? (
          <span>
            {d.lastError ?? '发送没成功'}，{time(d.nextAttemptAt)} 自动再试
          </span>
        ) : d.status === 'sent' ? (
          '—'
        ) : (
          <Typography.Text type={d.status === 'possibly_sent' ? 'warning' : d.status === 'failed' ? 'danger' : undefined}>{d.lastError ?? '—'}</Typography.Text>
        ),
    },
    { title: '发出时间', key: 'sentAt', width: 150, render: (_, d) => time(d.sentAt) },
    {
      title: '',
      key: 'act',
      width: 130,
      render: (_, d) =>
        open && (d.status === 'failed' || d.status === 'possibly_sent') ? (
          <Button
            size="small"
            danger={d.status === 'possibly_sent'}
            loading={busy === d.id}
            onClick={() => void resend(d)}
            data-testid={`resend-${d.status}`}
          >
            {d.status === 'possibly_sent' ? '核实后重发' : '重发'}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label="返回通知列表" />
            <span>{notice.title}</span>
            <Tag color={NOTICE_STATE_COLOR[notice.state]} data-testid="notice-state">{NOTICE_STATE_WORDS[notice.state]}</Tag>
            {notice.kind === 'emergency' ? <Tag color="red">紧急</Tag> : null}
          </Flex>
        }
        extra={
          <Space>
            {open && p.failed > 0 ? (
              <Button type="primary" icon={<SendOutlined />} loading={busy === 'all'} onClick={() => void act('all', () => api.notices.retry(id), `已重新排队发到 ${p.failed} 个失败的群`)} data-testid="retry-failed">
                重发失败的群（{p.failed}）
              </Button>
            ) : null}
            {open ? (
              <Popconfirm
                title="撤回这条通知？"
                description={<div style={{ maxWidth: 280 }}>还没发的群不再发，居民在小程序里也看不到了。已经发到群里的消息撤不回来。</div>}
                okText="撤回"
                cancelText="不撤回"
                okButtonProps={{ danger: true }}
                onConfirm={() => act('cancel', () => api.notices.cancel(id), '已撤回')}
              >
                <Button danger icon={<RollbackOutlined />} loading={busy === 'cancel'} data-testid="withdraw">撤回通知</Button>
              </Popconfirm>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="类别">{notice.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="发给">{notice.staffOnly ? '网格工作群' : audienceWords(notice.audience, choices)}</Descriptions.Item>
          <Descriptions.Item label={new Date(notice.sendAt).getTime() > Date.now() ? '定在' : '开始发送'}>{time(notice.sendAt)}</Descriptions.Item>
          <Descriptions.Item label="写的人">{notice.createdBy?.name ?? '系统自动'}</Descriptions.Item>
          <Descriptions.Item label="写于">{time(notice.createdAt)}</Descriptions.Item>
          {notice.cancelledAt ? <Descriptions.Item label="撤回于">{time(notice.cancelledAt)}</Descriptions.Item> : null}
        </Descriptions>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {notice.body}
        </Typography.Paragraph>
      </Card>

      <Card title="发送情况" extra={live ? <Tag color="processing" data-testid="live">每 {BOARD_POLL_MS / 1000} 秒自动更新</Tag> : null}>
        <Row gutter={24} align="middle">
          <Col flex="260px">
            <Progress
              percent={p.total ? Math.round((p.sent / p.total) * 100) : 0}
              success={{ percent: 0 }}
              status={live ? 'active' : p.failed ? 'exception' : undefined}
              format={() => `${p.sent}/${p.total}`}
              data-testid="board-progress"
            />
          </Col>
          <Col flex="auto">
            <Flex gap={40} data-testid="board-counts">
              <Statistic title="已发送" value={p.sent} styles={{ content: { color: '#389e0d' } }} />
              <Statistic title="等待发送" value={waiting} />
              <Statistic title="失败" value={p.failed} styles={{ content: p.failed ? { color: '#cf1322' } : {} }} />
              <Statistic title="可能已发出" value={p.possibly_sent} styles={{ content: p.possibly_sent ? { color: '#d48806' } : {} }} />
              {p.cancelled ? <Statistic title="撤回未发" value={p.cancelled} /> : null}
            </Flex>
          </Col>
        </Row>
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="board-summary">{p.summary}</Typography.Paragraph>
        {p.possibly_sent > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`有 ${p.possibly_sent} 个群发送时中途中断，可能已经发出`}
            description="系统不会自动重发这些群，“重发失败的群”也不包括它们。请先到群里看一看：确实没收到的，点该群后面的“核实后重发”。"
            data-testid="possibly-sent-warning"
          />
        ) : null}
        {p.buildingsWithoutGroup.length ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${p.buildingsWithoutGroup.map((b) => b.name).join('、')} 还没有关联微信群`}
            description="这些楼栋的群里收不到，居民在小程序里能看到。在“群管理”里关联群后，以后的通知就会发过去。"
          />
        ) : null}
        {notice.state === 'scheduled' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`定在 ${time(notice.sendAt)} 开始发送，到时这里会显示各群的发送情况。`} /> : null}
        <Table<Delivery>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={p.items}
          pagination={p.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          rowClassName={(d) => (d.status === 'possibly_sent' ? 'row-possibly-sent' : d.status === 'failed' ? 'row-overdue' : '')}
          locale={{ emptyText: '没有要发的群（所选楼栋都还没有关联群）' }}
          data-testid="deliveries-table"
        />
      </Card>
      {/* scheduled notices have reached nobody yet, nor has one withdrawn before its time */}
      {notice && notice.state !== 'scheduled' && new Date(notice.sendAt) <= new Date() ? <NoticeReachCard id={id} /> : null}
    </Flex>
  );
}
