// One household as staff look at it from 走访: its schedule, its visits newest first, and
// the 民情日志 entries its grid's worker linked to it (each opens the log filtered to it).
import { Descriptions, Drawer, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf, type VisitHousehold } from '../../api.js';
import { GridLogLinks } from '../../OrderDrawer.js';

const MET: Record<string, string> = { head: '见到户主', family: '见到家人', nobody: '无人在家' };
const WELLBEING: Record<string, string> = { good: '好', fair: '一般', needs_help: '需要帮助' };

export function HouseholdDrawer({ householdId, onClose }: { householdId: string | undefined; onClose: () => void }) {
  const [data, setData] = useState<VisitHousehold | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!householdId) return;
    let live = true;
    setData(null);
    setProblem(null);
    api.visits.household(householdId).then(
      (d) => live && setData(d),
      (e: unknown) => live && setProblem(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [householdId]);
  const h = data?.household;
  return (
    <Drawer open={!!householdId} onClose={onClose} size={640} title={h ? `${h.building} ${h.unit} ${h.room}` : '住户'} destroyOnHidden>
      {problem && <Result status="warning" title={problem} />}
      {!data && !problem && <Skeleton active />}
      {h && data && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="household-drawer">
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="网格">{h.gridName}</Descriptions.Item>
            <Descriptions.Item label="户主">{'headName' in h && h.headName ? String(h.headName) : '—'}</Descriptions.Item>
            <Descriptions.Item label="七彩标记" span={2}>{h.watchedFor.length ? h.watchedFor.map((t) => <Tag key={t}>{t}</Tag>) : '—'}</Descriptions.Item>
            <Descriptions.Item label="走访频次">{h.intervalDays ? `每${h.intervalDays}天${h.overridden ? '（单独设置）' : ''}` : '不需要走访'}</Descriptions.Item>
            <Descriptions.Item label="应访日">{h.dueOn ?? '—'}{h.overdueDays ? <Tag color="red" style={{ marginLeft: 8 }}>逾期 {h.overdueDays} 天</Tag> : null}</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>走访记录</Typography.Title>
            {data.visits.length ? (
              <Timeline
                items={data.visits.map((v) => ({
                  color: v.completed ? (v.wellbeing === 'needs_help' ? 'red' : 'green') : 'gray',
                  content: (
                    <div>
                      <b>{dayjs(v.visitedAt).format('YYYY-MM-DD HH:mm')}</b>
                      <span style={{ marginLeft: 8 }}>{v.visitor.name}</span>
                      <span style={{ marginLeft: 8, color: '#888' }}>{MET[v.met] ?? v.met}{v.wellbeing ? ` · 状况${WELLBEING[v.wellbeing]}` : ''}</span>
                      {v.note && <div style={{ whiteSpace: 'pre-wrap' }}>{v.note}</div>}
                      {v.needs && <div>需求：{v.needs}</div>}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">还没有走访记录</Typography.Text>
            )}
          </div>
          <GridLogLinks about={{ householdId: h.householdId }} />
        </Space>
      )}
    </Drawer>
  );
}
