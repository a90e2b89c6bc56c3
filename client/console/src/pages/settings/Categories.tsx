// 服务类别: the kinds of request residents pick, edited in place in the table (name, icon,
// deadlines, 紧急), moved up and down (the mini-program's grid follows), switched off
// (停用) rather than removed once orders were filed in them.
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf } from '../../api.js';
import type { CategoryChange, ManagedCategory, NewCategoryInput } from '../../../../api/calls.js';
import { minutesWords } from '../../words.js';

/** Icons to pick from; any other emoji may be typed in. */
export const CATEGORY_ICONS = ['🔧', '🏠', '🤝', '📋', '🏥', '💼', '🪪', '🎒', '🧹', '🚨', '❤️', '💬', '🔥', '🛗', '💡', '🚰', '🅿️', '🌳', '🐕', '📦', '🚪', '♿', '👴', '🧒'];

const iconOptions = CATEGORY_ICONS.map((i) => ({ value: i, label: <span style={{ fontSize: 20 }}>{i}</span> }));

/** Bounds as the server keeps them (server/categories/schemas.ts CATEGORY_BOUNDS). */
const RESPONSE = { min: 5, max: 3 * 1440 };
const RESOLVE = { min: 30, max: 30 * 1440 };

function IconPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      style={{ width: 96 }}
      options={iconOptions}
      // a typed emoji not in the list becomes an option of its own
      onSearch={(s) => s.trim() && onChange?.(s.trim())}
      data-testid="icon-select"
    />
  );
}

const minutesInput = (b: { min: number; max: number }, testId: string) => <InputNumber min={b.min} max={b.max} precision={0} suffix="分钟" style={{ width: 150 }} data-testid={testId} />;

export function Categories({ communityId, onChanged }: { communityId: string; onChanged: () => void }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<ManagedCategory[]>([]);
  const [editable, setEditable] = useState(false);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CategoryChange>();
  const [addForm] = Form.useForm<NewCategoryInput>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.settings.categories(communityId);
      setRows(r.items);
      setEditable(r.editable);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [communityId, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const done = (text: string) => {
    message.success(text);
    onChanged();
    return load();
  };

  async function save(c: ManagedCategory) {
    try {
      const v = await form.validateFields();
      await api.settings.changeCategory(c.id, v);
      setEditing(null);
      await done(`已保存「${v.name ?? c.name}」`);
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      message.error(messageOf(e));
    }
  }

  async function change(c: ManagedCategory, patch: CategoryChange, words: string) {
    try {
      await api.settings.changeCategory(c.id, patch);
      await done(words);
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function move(i: number, by: -1 | 1) {
    const ids = rows.map((r) => r.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    try {
      const r = await api.settings.reorderCategories(ids, communityId);
      setRows(r.items);
      onChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function add() {
    try {
      const v = await addForm.validateFields();
      await api.settings.addCategory({ ...v, communityId });
      setAdding(false);
      addForm.resetFields();
      await done(`已新增「${v.name}」，居民报事时就能选了`);
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      message.error(messageOf(e));
    }
  }

  const isEditing = (c: ManagedCategory) => editing === c.id;
  const startEdit = (c: ManagedCategory) => {
    form.setFieldsValue({ name: c.name, icon: c.icon, responseMinutes: c.responseMinutes, resolveMinutes: c.resolveMinutes, emergency: c.emergency });
    setEditing(c.id);
  };

  return (
    <>
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="服务类别由社区的管理员（平台、街道、县）设置，您可以查看。" />}
      <Space style={{ marginBottom: 12 }}>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-category">
            新增类别
          </Button>
        )}
        <Typography.Text type="secondary">居民报事时按这个顺序看到类别。响应时限：网格员多久内接单；办结时限：多久内办好。紧急类别的工单 10 分钟内必须接单。</Typography.Text>
      </Space>
      <Form form={form} component={false}>
        <Table<ManagedCategory>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={rows}
          pagination={false}
          data-testid="categories-table"
          columns={[
            ...(editable
              ? [{
                  title: '顺序', key: 'order', width: 90,
                  render: (_: unknown, _c: ManagedCategory, i: number) => (
                    <Space size={2}>
                      <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" data-testid="move-up" />
                      <Button size="small" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label="下移" data-testid="move-down" />
                    </Space>
                  ),
                }]
              : []),
            { title: '图标', dataIndex: 'icon', width: 110, render: (icon: string, c) => (isEditing(c) ? <Form.Item name="icon" noStyle rules={[{ required: true, message: '选一个图标' }]}><IconPicker /></Form.Item> : <span style={{ fontSize: 24 }}>{icon}</span>) },
            { title: '名称', dataIndex: 'name', render: (name: string, c) => (isEditing(c) ? <Form.Item name="name" style={{ margin: 0 }} rules={[{ required: true, whitespace: true, message: '写上名称' }, { max: 12, message: '最多 12 个字' }]}><Input maxLength={12} data-testid="name-input" /></Form.Item> : <Space>{name}{c.emergency && <Tag color="red">紧急</Tag>}{!c.active && <Tag>已停用</Tag>}</Space>) },
            { title: '响应时限', dataIndex: 'responseMinutes', width: 170, render: (m: number, c) => (isEditing(c) ? <Form.Item name="responseMinutes" style={{ margin: 0 }} rules={[{ required: true, message: '填写分钟数' }]}>{minutesInput(RESPONSE, 'response-input')}</Form.Item> : c.emergency ? <span>10 分钟 <Typography.Text type="secondary">（紧急）</Typography.Text></span> : minutesWords(m)) },
            { title: '办结时限', dataIndex: 'resolveMinutes', width: 170, render: (m: number, c) => (isEditing(c) ? <Form.Item name="resolveMinutes" style={{ margin: 0 }} rules={[{ required: true, message: '填写分钟数' }]}>{minutesInput(RESOLVE, 'resolve-input')}</Form.Item> : minutesWords(m)) },
            { title: '紧急', dataIndex: 'emergency', width: 80, render: (e: boolean, c) => (isEditing(c) ? <Form.Item name="emergency" valuePropName="checked" noStyle><Switch data-testid="emergency-switch" /></Form.Item> : e ? <Tag color="red">紧急</Tag> : <Typography.Text type="secondary">—</Typography.Text>) },
            { title: '启用', dataIndex: 'active', width: 80, render: (a: boolean, c) => <Switch checked={a} disabled={!editable || isEditing(c)} onChange={(on) => change(c, { active: on }, on ? `已启用「${c.name}」` : `已停用「${c.name}」，居民不再看到它`)} aria-label="启用" /> },
            { title: '工单数', dataIndex: 'orders', width: 80, align: 'right' },
            ...(editable
              ? [{
                  title: '操作', key: 'actions', width: 150,
                  render: (_: unknown, c: ManagedCategory) =>
                    isEditing(c) ? (
                      <Space>
                        <Button type="link" size="small" onClick={() => save(c)} data-testid="save-category">保存</Button>
                        <Button type="link" size="small" onClick={() => setEditing(null)}>取消</Button>
                      </Space>
                    ) : (
                      <Space>
                        <Button type="link" size="small" disabled={!!editing} onClick={() => startEdit(c)} data-testid="edit-category">编辑</Button>
                        {c.orders === 0 && (
                          <Popconfirm title={`删除「${c.name}」？`} description="还没有居民在这个类别报过事。" okText="删除" cancelText="不删" onConfirm={async () => {
                            try {
                              await api.settings.removeCategory(c.id);
                              await done(`已删除「${c.name}」`);
                            } catch (e) {
                              message.error(messageOf(e));
                            }
                          }}>
                            <Button type="link" size="small" danger>删除</Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                }]
              : []),
          ]}
        />
      </Form>
      <Modal title="新增服务类别" open={adding} onOk={add} onCancel={() => setAdding(false)} okText="新增" cancelText="取消" destroyOnHidden>
        <Form form={addForm} layout="vertical" initialValues={{ icon: '💬', responseMinutes: 240, resolveMinutes: 2880, emergency: false }}>
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '写上名称' }, { max: 12, message: '最多 12 个字' }]}>
            <Input maxLength={12} placeholder="如：电梯故障" data-testid="new-name" />
          </Form.Item>
          <Form.Item name="icon" label="图标" extra="从列表里选，或直接输入一个表情符号" rules={[{ required: true, message: '选一个图标' }]}>
            <IconPicker />
          </Form.Item>
          <Space size="large">
            <Form.Item name="responseMinutes" label="响应时限" rules={[{ required: true, message: '填写分钟数' }]}>{minutesInput(RESPONSE, 'new-response')}</Form.Item>
            <Form.Item name="resolveMinutes" label="办结时限" rules={[{ required: true, message: '填写分钟数' }]}>{minutesInput(RESOLVE, 'new-resolve')}</Form.Item>
          </Space>
          <Form.Item name="emergency" label="紧急类别" valuePropName="checked" extra="打开后，这个类别的工单都按紧急处理：10 分钟内必须接单，并通知网格工作群。">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
