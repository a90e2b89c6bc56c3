// 评单时限: how many days after an order is resolved the party branch must review it
// (党组织评单) before the order is escalated and counted late in the 08:30 digest.
// Set by the community's administrators; its staff see it read-only. Its changes are
// listed under the form (the audit log, before and after). Server: server/orders/reviewDeadline.ts.
import { Alert, App, Button, Flex, InputNumber, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { request } from '../../../../api/core.js';
import { messageOf, type AuditItem } from '../../api.js';
import { time } from '../../words.js';

interface ReviewDeadlineState {
  communityId: string;
  reviewDeadlineDays: number;
  defaultDays: number;
  minDays: number;
  maxDays: number;
  editable: boolean;
  history: AuditItem[];
}

const PATH = '/orders/settings/review-deadline';

export function ReviewDeadline({ communityId, onChanged }: { communityId: string; onChanged: () => void }) {
  const { message } = App.useApp();
  const [state, setState] = useState<ReviewDeadlineState | null>(null);
  const [days, setDays] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    request<ReviewDeadlineState>('GET', PATH, { query: { communityId } }).then(
      (s) => {
        setState(s);
        setDays(s.reviewDeadlineDays);
      },
      (e: unknown) => message.error(messageOf(e)),
    );
  }, [communityId, message]);
  if (!state) return null;

  const save = async () => {
    if (days === null) return;
    setSaving(true);
    try {
      const s = await request<ReviewDeadlineState>('PUT', PATH, { body: { communityId, reviewDeadlineDays: days } });
      setState(s);
      message.success(`评单时限已改为 ${s.reviewDeadlineDays} 天`);
      onChanged();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ maxWidth: 760, width: '100%' }} data-testid="review-deadline">
      <div>
        <Typography.Text strong style={{ fontSize: 16 }}>党组织评单时限</Typography.Text>
        <div>
          <Typography.Text type="secondary">
            网格员办结工单后，党组织要在这么多天内评单；超过了，系统提醒党组织和社区干部，并记入每天 8:30 的超时工单日报。不设置时为 {state.defaultDays} 天。
          </Typography.Text>
        </div>
      </div>
      <Flex align="center" gap={12}>
        <span>办结后</span>
        <InputNumber
          min={state.minDays}
          max={state.maxDays}
          precision={0}
          value={days}
          onChange={(v) => setDays(v)}
          disabled={!state.editable}
          style={{ width: 100 }}
          data-testid="review-deadline-days"
        />
        <span>天内评单</span>
        {state.editable && (
          <Button type="primary" loading={saving} disabled={days === null || days === state.reviewDeadlineDays} onClick={save} data-testid="review-deadline-save">
            保存
          </Button>
        )}
      </Flex>
      {!state.editable && <Alert type="info" showIcon title="评单时限由社区的管理员设置。" />}
      <Table<AuditItem>
        rowKey="id"
        size="small"
        dataSource={state.history}
        pagination={false}
        locale={{ emptyText: `还没有改过（一直是默认的 ${state.defaultDays} 天）` }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => time(at) },
          { title: '操作人', width: 120, render: (_, e) => e.actor.name },
          {
            title: '改之前 → 改之后',
            render: (_, e) => `${String((e.before as Record<string, unknown> | null)?.reviewDeadlineDays ?? '—')} 天 → ${String((e.after as Record<string, unknown> | null)?.reviewDeadlineDays ?? '—')} 天`,
          },
        ]}
      />
    </Space>
  );
}
