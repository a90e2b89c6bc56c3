// 规则: what earns points in the community, how many, and at most how many a month per
// household; add one, change one, stop or restart it. (A community has a dozen rules or so:
// the server answers them whole and the table sorts and filters them in place.)
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, type PointsRule } from '../../api.js';
import { useAct, useFilledForm } from '../../formHooks.js';
import { useWholeList } from '../../serverTable.js';
import { updateRule } from '../../staffCalls.js';

interface RuleValues {
  name: string;
  points: number;
  monthlyCap?: number | null;
}

export function Rules() {
  const list = useWholeList(() => api.points.rules());
  const [editing, setEditing] = useState<PointsRule | 'new' | null>(null);
  const form = useFilledForm<PointsRule, RuleValues>(editing, (r) => ({ name: r.name, points: r.points, monthlyCap: r.monthlyCap }));
  const { act, busy: saving } = useAct();

  const save = async () => {
    const v = await form.validateFields();
    const fields = { name: v.name, points: v.points, monthlyCap: v.monthlyCap ?? null };
    const saved = await act(async () => {
      if (editing === 'new') {
        // the code is the system's handle for a rule; staff never see or type it
        await api.points.createRule({ code: `custom_${Date.now().toString(36)}`, ...fields });
        return '规则已添加';
      }
      if (editing) await updateRule(editing.id, fields);
      return '已保存';
    });
    if (saved) {
      setEditing(null);
      void list.reload();
    }
  };

  const toggle = async (r: PointsRule) => {
    const done = r.active ? `「${r.name}」已停用` : `「${r.name}」已启用`;
    if (await act(() => updateRule(r.id, { active: !r.active }).then(() => done))) void list.reload();
  };

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <span style={{ color: '#888' }}>居民做了这些事，社区按规则给这一户加积分。停用的规则不能再发放，已发的积分不变。</span>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-rule">添加规则</Button>
      </Space>
      <Table<PointsRule>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="rules-table"
        columns={[
          { title: '做了什么', dataIndex: 'name' },
          { title: '每次加几分', dataIndex: 'points', width: 130, sorter: (a, b) => a.points - b.points },
          { title: '每户每月最多', key: 'cap', width: 150, render: (_, r) => (r.monthlyCap ? `${r.monthlyCap} 分` : '不限') },
          {
            title: '状态',
            key: 'active',
            width: 100,
            filters: [{ text: '在用', value: true }, { text: '已停用', value: false }],
            onFilter: (v, r) => r.active === v,
            render: (_, r) => (r.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            width: 160,
            render: (_, r) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setEditing(r)}>修改</Button>
                <Popconfirm title={r.active ? '停用后不能再按这条规则发积分。' : '重新启用这条规则？'} okText={r.active ? '停用' : '启用'} cancelText="不了" onConfirm={() => toggle(r)}>
                  <Button size="small" type="link" danger={r.active}>{r.active ? '停用' : '启用'}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? '添加积分规则' : '修改积分规则'}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="rule-form">
          <Form.Item name="name" label="做了什么" rules={[{ required: true, whitespace: true, message: '请写做了什么，如：参加志愿服务' }]}>
            <Input maxLength={40} placeholder="如：参加志愿服务（每小时）" />
          </Form.Item>
          <Space size={16}>
            <Form.Item name="points" label="每次加几分" rules={[{ required: true, message: '请写分数' }]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="monthlyCap" label="每户每月最多（可不填）">
              <InputNumber min={1} max={100000} precision={0} style={{ width: 200 }} placeholder="不限" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

