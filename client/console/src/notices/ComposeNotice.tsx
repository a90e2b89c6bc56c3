// 写通知: kind, title, text, an optional mini-program page; to whom (the whole community,
// some grids, some buildings) with live counts of the groups and households it reaches;
// now or at a set time. Beside it, the post as the groups will see it and the page as
// residents will. Sending asks once more, with the counts, since a group post cannot be taken back.
import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Tree, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api, messageOf, type NoticeAudience, type NoticeAudienceChoices, type NoticeKind } from '../api.js';
import { GroupPostPreview, MiniProgramPreview } from './Previews.js';
import { NOTICE_KIND_LABELS, NOTICE_KINDS, NOTICE_LIMITS, NOTICE_PAGES } from './words.js';

type AudienceType = NoticeAudience['type'];

interface Reach {
  buildings: number;
  households: number;
  groups: number;
  withoutGroup: string[];
}

/** Who a choice reaches: the buildings, their households, the distinct groups (a group may serve several buildings). */
export function reachOf(choices: NoticeAudienceChoices, type: AudienceType, gridIds: string[], buildingIds: string[]): Reach {
  const all = choices.grids.flatMap((g) => g.buildings.map((b) => ({ ...b, gridId: g.id })));
  const chosen =
    type === 'community' ? all : type === 'grids' ? all.filter((b) => gridIds.includes(b.gridId)) : all.filter((b) => buildingIds.includes(b.id));
  return {
    buildings: chosen.length,
    households: chosen.reduce((n, b) => n + b.households, 0),
    groups: new Set(chosen.flatMap((b) => (b.group ? [b.group.id] : []))).size,
    withoutGroup: chosen.filter((b) => !b.group).map((b) => b.name),
  };
}

export function ComposeNotice({
  choices,
  communityName,
  onBack,
  onSent,
}: {
  choices: NoticeAudienceChoices;
  communityName: string;
  onBack: () => void;
  onSent: (id: string) => void;
}) {
  const { message, modal } = App.useApp();
  const [kind, setKind] = useState<NoticeKind>('policy');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [pagePath, setPagePath] = useState<string | null>(null);
  const [type, setType] = useState<AudienceType>('community');
  const [gridIds, setGridIds] = useState<string[]>([]);
  const [buildingIds, setBuildingIds] = useState<string[]>([]);
  const [later, setLater] = useState(false);
  const [sendAt, setSendAt] = useState<Dayjs | null>(null);
  const [sending, setSending] = useState(false);
  const [tried, setTried] = useState(false);

  const reach = useMemo(() => reachOf(choices, type, gridIds, buildingIds), [choices, type, gridIds, buildingIds]);
  const firstGroup = choices.grids.flatMap((g) => g.buildings).find((b) => b.group && (type !== 'buildings' || buildingIds.includes(b.id)))?.group?.topic;

  const problems = {
    title: title.trim().length < NOTICE_LIMITS.title.min ? `标题至少写 ${NOTICE_LIMITS.title.min} 个字` : null,
    body: body.trim().length < NOTICE_LIMITS.body.min ? '请写上通知内容' : null,
    audience: reach.buildings === 0 ? (type === 'grids' ? '请至少选一个网格' : '请至少选一栋楼') : null,
    sendAt: later && (!sendAt || sendAt.isBefore(dayjs())) ? '请选一个以后的时间' : null,
  };
  const shown = (p: string | null) => (tried && p ? { validateStatus: 'error' as const, help: p } : {});

  const treeData = choices.grids.map((g) => ({
    key: `grid:${g.id}`,
    title: g.name,
    children: g.buildings.map((b) => ({
      key: b.id,
      title: (
        <span className="audience-building">
          <span>{b.name}</span>
          <span className="muted">{b.households} 户</span>
          {b.group ? <span className="muted">💬 {b.group.topic}</span> : <span className="muted" style={{ color: '#d48806' }}>未关联群</span>}
        </span>
      ),
    })),
  }));

  const send = async () => {
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    const audience: NoticeAudience =
      type === 'community' ? { type } : type === 'grids' ? { type, gridIds } : { type, buildingIds };
    const ok = await modal.confirm({
      title: later ? '定时发送这条通知？' : '现在发送这条通知？',
      content: (
        <div>
          <p>
            将发到 <b>{reach.groups}</b> 个微信群，覆盖 <b>{reach.buildings}</b> 栋楼、<b>{reach.households}</b> 户
            {later && sendAt ? `，${sendAt.format('M月D日 HH:mm')} 开始发` : ''}。
          </p>
          <p style={{ color: '#888' }}>发到群里的消息撤不回来；撤回通知只会停发还没发的群，并在小程序里隐藏。</p>
        </div>
      ),
      okText: later ? '定时发送' : '发送',
      cancelText: '再看看',
    });
    if (!ok) return;
    setSending(true);
    try {
      const n = await api.notices.compose({
        kind,
        title: title.trim(),
        body: body.trim(),
        ...(pagePath ? { pagePath } : {}),
        audience,
        ...(later && sendAt ? { sendAt: sendAt.toISOString() } : {}),
      });
      message.success(later ? '已定时，到时自动发送' : '已开始发送');
      onSent(n.id);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  const draft = { kind, title: title.trim(), body: body.trim(), pagePath };
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label="返回通知列表" />
          写通知
        </Flex>
      }
    >
      <Row gutter={32}>
        <Col span={14}>
          <Form layout="vertical" data-testid="compose-form">
            <Form.Item label="类别">
              <Radio.Group
                value={kind}
                onChange={(e) => setKind(e.target.value as NoticeKind)}
                optionType="button"
                options={NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABELS[k] }))}
              />
              {kind === 'emergency' ? (
                <Alert style={{ marginTop: 8 }} type="warning" showIcon title="紧急通知排在最前面，夜里也会发到群里。只在停水停电、安全等急事时用。" />
              ) : null}
            </Form.Item>
            <Form.Item label="标题" required {...shown(problems.title)}>
              <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={NOTICE_LIMITS.title.max} showCount placeholder="例如：2026年度城乡居民医保开始缴费" data-testid="notice-title-input" />
            </Form.Item>
            <Form.Item label="内容" required {...shown(problems.body)}>
              <Input.TextArea
                value={body}
                onChange={(e) => setBody(e.target.value)}
                maxLength={NOTICE_LIMITS.body.max}
                showCount
                autoSize={{ minRows: 5, maxRows: 12 }}
                placeholder="写清楚什么事、什么时候、在哪里、找谁"
                data-testid="notice-body-input"
              />
            </Form.Item>
            <Form.Item label="附上小程序页面（可不选）">
              <Select
                allowClear
                placeholder="不附"
                style={{ width: 240 }}
                value={pagePath ?? undefined}
                onChange={(v) => setPagePath(v ?? null)}
                options={NOTICE_PAGES.map((p) => ({ value: p.value, label: p.label }))}
              />
            </Form.Item>
            <Form.Item label="发给谁" required {...shown(problems.audience)}>
              <Radio.Group
                value={type}
                onChange={(e) => setType(e.target.value as AudienceType)}
                options={[
                  { value: 'community', label: '全社区' },
                  { value: 'grids', label: '按网格' },
                  { value: 'buildings', label: '按楼栋' },
                ]}
                data-testid="audience-type"
              />
              {type === 'grids' ? (
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 10 }} value={gridIds} onChange={(v) => setGridIds(v as string[])} data-testid="audience-grids">
                  {choices.grids.map((g) => {
                    const r = reachOf(choices, 'grids', [g.id], []);
                    return (
                      <Checkbox key={g.id} value={g.id}>
                        {g.name}
                        <span style={{ color: '#999', marginLeft: 10 }}>
                          {r.buildings} 栋 · {r.households} 户 · {r.groups} 个群
                        </span>
                      </Checkbox>
                    );
                  })}
                </Checkbox.Group>
              ) : null}
              {type === 'buildings' ? (
                <Tree
                  style={{ marginTop: 10 }}
                  checkable
                  defaultExpandAll
                  selectable={false}
                  checkedKeys={buildingIds}
                  onCheck={(keys) => {
                    const list = Array.isArray(keys) ? keys : keys.checked;
                    setBuildingIds(list.map(String).filter((k) => !k.startsWith('grid:')));
                  }}
                  treeData={treeData}
                  data-testid="audience-buildings"
                />
              ) : null}
              <Alert
                style={{ marginTop: 12 }}
                type={reach.buildings && !reach.groups ? 'warning' : 'info'}
                title={
                  <span data-testid="audience-reach">
                    将发到 <b>{reach.groups}</b> 个群，覆盖 <b>{reach.buildings}</b> 栋楼、<b>{reach.households}</b> 户
                  </span>
                }
                description={reach.withoutGroup.length ? `${reach.withoutGroup.join('、')} 还没有关联微信群，群里收不到，居民在小程序里能看到。` : undefined}
              />
            </Form.Item>
            <Form.Item label="什么时候发" {...shown(problems.sendAt)}>
              <Flex gap={12} align="center">
                <Radio.Group
                  value={later}
                  onChange={(e) => setLater(e.target.value as boolean)}
                  options={[
                    { value: false, label: '现在发' },
                    { value: true, label: '定时发' },
                  ]}
                />
                {later ? (
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    value={sendAt}
                    onChange={setSendAt}
                    disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                    placeholder="选日期和时间"
                    data-testid="send-at"
                  />
                ) : null}
              </Flex>
            </Form.Item>
            <Flex gap={12}>
              <Button type="primary" size="large" icon={<SendOutlined />} loading={sending} onClick={() => void send()} data-testid="send-notice">
                {later ? '定时发送' : '发送'}
              </Button>
              <Button size="large" onClick={onBack}>取消</Button>
            </Flex>
          </Form>
        </Col>
        <Col span={10}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>群里看到的</Typography.Title>
          <GroupPostPreview draft={draft} communityName={communityName} groupName={firstGroup ?? '楼栋居民群'} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
            每个群发一条，群与群之间隔几秒，以免被微信限制。
          </Typography.Paragraph>
          <Typography.Title level={5}>小程序里看到的</Typography.Title>
          <MiniProgramPreview draft={draft} when={(later && sendAt ? sendAt : dayjs()).format('M月D日 HH:mm')} />
        </Col>
      </Row>
    </Card>
  );
}
