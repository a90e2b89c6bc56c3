// 常用回复: per category, the questions (待补充) and the 办结说明 that workers and staff
// pick in one tap. Written by the community's staff; moved up and down; changed in place.
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Input, Popconfirm, Row, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf, type StockReply } from '../../api.js';
import type { ManagedCategory } from '../../../../api/calls.js';

type Purpose = 'ask' | 'resolve';
const PURPOSES: Array<{ key: Purpose; title: string; hint: string; placeholder: string }> = [
  { key: 'ask', title: '提问（待补充）', hint: '网格员请居民补充情况时用', placeholder: '如：请拍一张漏水位置的照片' },
  { key: 'resolve', title: '办结说明', hint: '办好后告诉居民做了什么', placeholder: '如：已上门更换水龙头，请您确认' },
];
/** The replies offered for every category. */
const ALL = '__all__';

export function Replies({ communityId, categories }: { communityId: string; categories: ManagedCategory[] }) {
  const { message } = App.useApp();
  const [category, setCategory] = useState<string>(ALL);
  const [rows, setRows] = useState<StockReply[]>([]);
  const [loading, setLoading] = useState(true);
  const [drafts, setDrafts] = useState<Record<Purpose, string>>({ ask: '', resolve: '' });
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const all = await api.settings.replies({ communityId, ...(category === ALL ? {} : { category }) });
      // a category's own replies (the list for a category also holds those for every category)
      setRows(all.filter((r) => (category === ALL ? r.category === null : r.category === category)));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [communityId, category, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (work: () => Promise<unknown>, words?: string) => {
    try {
      await work();
      if (words) message.success(words);
      await load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const of = (p: Purpose) => rows.filter((r) => r.purpose === p);
  const move = (p: Purpose, i: number, by: -1 | 1) => {
    const ids = of(p).map((r) => r.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    return run(() => api.settings.reorderReplies(ids, communityId));
  };
  const add = (p: Purpose) => {
    const text = drafts[p].trim();
    if (text.length < 2) return message.warning('回复至少写两个字');
    return run(async () => {
      await api.settings.addReply({ communityId, purpose: p, text, category: category === ALL ? null : category, sort: (of(p).length + 1) * 10 });
      setDrafts((d) => ({ ...d, [p]: '' }));
    }, '已添加');
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>服务类别：</span>
        <Select
          style={{ width: 220 }}
          value={category}
          onChange={setCategory}
          data-testid="reply-category"
          options={[{ value: ALL, label: '所有类别通用' }, ...categories.map((c) => ({ value: c.code, label: `${c.icon} ${c.name}` }))]}
        />
        <Typography.Text type="secondary">网格员和社区干部处理这个类别的工单时，点一下就能用这些话。</Typography.Text>
      </Space>
      <Row gutter={16}>
        {PURPOSES.map((p) => (
          <Col span={12} key={p.key}>
            <Card size="small" title={p.title} extra={<Typography.Text type="secondary">{p.hint}</Typography.Text>} data-testid={`replies-${p.key}`}>
              {!loading && !of(p.key).length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有常用回复" />}
              {of(p.key).map((r, i) => (
                <Flex key={r.id} justify="space-between" align="center" gap={12} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="reply-row">
                  {editing?.id === r.id ? (
                    <Input.TextArea autoSize value={editing.text} maxLength={300} onChange={(e) => setEditing({ id: r.id, text: e.target.value })} />
                  ) : (
                    <span style={{ fontSize: 15 }}>{r.text}</span>
                  )}
                  {editing?.id === r.id ? (
                    <Space size={4} style={{ flex: 'none' }}>
                      <Button type="link" size="small" onClick={() => run(async () => { await api.settings.changeReply(r.id, { text: editing.text.trim() }); setEditing(null); }, '已保存')}>保存</Button>
                      <Button type="link" size="small" onClick={() => setEditing(null)}>取消</Button>
                    </Space>
                  ) : (
                    <Space size={4} style={{ flex: 'none' }}>
                      <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(p.key, i, -1)} aria-label="上移" />
                      <Button size="small" icon={<ArrowDownOutlined />} disabled={i === of(p.key).length - 1} onClick={() => move(p.key, i, 1)} aria-label="下移" />
                      <Button type="link" size="small" onClick={() => setEditing({ id: r.id, text: r.text })}>修改</Button>
                      <Popconfirm title="删除这条回复？" okText="删除" cancelText="不删" onConfirm={() => run(() => api.settings.removeReply(r.id), '已删除')}>
                        <Button type="link" size="small" danger>删除</Button>
                      </Popconfirm>
                    </Space>
                  )}
                </Flex>
              ))}
              <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                <Input
                  value={drafts[p.key]}
                  maxLength={300}
                  placeholder={p.placeholder}
                  onChange={(e) => setDrafts((d) => ({ ...d, [p.key]: e.target.value }))}
                  onPressEnter={() => add(p.key)}
                  data-testid={`new-reply-${p.key}`}
                />
                <Button type="primary" icon={<PlusOutlined />} onClick={() => add(p.key)} data-testid={`add-reply-${p.key}`}>添加</Button>
              </Space.Compact>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
