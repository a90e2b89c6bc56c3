// 货架: the 积分超市's goods with price, stock, per-household limit and icon; put new
// goods up, change them, add stock, take them off the shelf or back on. (A shop has a
// few dozen goods: the server answers the shelf whole and the table sorts and filters it.)
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Popover, Select, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { SHOP_LIMITS } from '../../../../../shared/limits.js';
import { api, type ShopItem } from '../../api.js';
import { useAct, useFilledForm } from '../../formHooks.js';
import { useWholeList } from '../../serverTable.js';
import { updateItem } from '../../staffCalls.js';

type Period = ShopItem['limitPeriod'];
const PERIOD_WORDS: Record<Period, string> = { day: '每天', week: '每周', month: '每月' };
/** Icons residents know at a glance on the mini-program's shelf. */
const ICONS = ['🎁', '🧴', '🧼', '🧻', '🍚', '🥚', '🛢️', '🧂', '🍜', '🥛', '🪥', '🧺', '🔦', '🔋', '✏️', '📒', '🧸', '🧤', '☂️', '🪣'];

interface ItemValues {
  name: string;
  icon: string;
  description?: string;
  pointsPrice: number;
  stock?: number;
  limitPerHousehold?: number | null;
  limitPeriod: Period;
}

export function Shelf() {
  const list = useWholeList(() => api.shop.items());
  const [editing, setEditing] = useState<ShopItem | 'new' | null>(null);
  const [restock, setRestock] = useState<{ id: string; n: number | null } | null>(null);
  const [q, setQ] = useState('');
  const form = useFilledForm<ShopItem, ItemValues>(editing, (i) => ({
    name: i.name,
    icon: i.icon,
    description: i.description,
    pointsPrice: i.pointsPrice,
    limitPerHousehold: i.limitPerHousehold,
    limitPeriod: i.limitPeriod,
  }));
  const { act, busy: saving } = useAct();

  const save = async () => {
    const v = await form.validateFields();
    const common = {
      name: v.name,
      icon: v.icon,
      description: v.description?.trim() ?? '',
      pointsPrice: v.pointsPrice,
      limitPerHousehold: v.limitPerHousehold ?? null,
      limitPeriod: v.limitPeriod,
    };
    const saved = await act(async () => {
      if (editing === 'new') {
        await api.shop.createItem({ ...common, stock: v.stock ?? 0 });
        return `「${v.name}」已上架`;
      }
      if (editing) await updateItem(editing.id, common);
      return '已保存';
    });
    if (saved) {
      setEditing(null);
      void list.reload();
    }
  };

  const change = async (item: ShopItem, body: Parameters<typeof updateItem>[1], done: string) => {
    if (await act(() => updateItem(item.id, body).then(() => done))) void list.reload();
  };

  const addStock = async (item: ShopItem) => {
    const n = restock?.n;
    if (!n) return;
    if (await act(() => api.shop.restock(item.id, n).then(() => `「${item.name}」补货 ${n} 件`))) {
      setRestock(null);
      void list.reload();
    }
  };

  const shown = list.rows.filter((i) => !q.trim() || i.name.includes(q.trim()) || i.description.includes(q.trim()));

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Input.Search allowClear placeholder="搜索商品" style={{ width: 220 }} value={q} onChange={(e) => setQ(e.target.value)} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-item">上架新商品</Button>
      </Space>
      <Table<ShopItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="shelf-table"
        columns={[
          {
            title: '商品',
            key: 'name',
            sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
            render: (_, i) => (
              <Space>
                <span style={{ fontSize: 24 }}>{i.icon}</span>
                <div>
                  <div>{i.name}</div>
                  {i.description && <div style={{ color: '#888', fontSize: 12 }}>{i.description}</div>}
                </div>
              </Space>
            ),
          },
          { title: '积分', dataIndex: 'pointsPrice', width: 100, sorter: (a, b) => a.pointsPrice - b.pointsPrice },
          {
            title: '库存',
            key: 'stock',
            width: 170,
            sorter: (a, b) => a.stock - b.stock,
            render: (_, i) => (
              <Space>
                <span style={{ color: i.stock === 0 ? '#cf1322' : undefined }}>{i.stock === 0 ? '没货了' : `${i.stock} 件`}</span>
                <Popover
                  trigger="click"
                  open={restock?.id === i.id}
                  onOpenChange={(o) => setRestock(o ? { id: i.id, n: 10 } : null)}
                  content={
                    <Space>
                      <InputNumber min={1} max={100000} precision={0} value={restock?.n ?? null} onChange={(n) => setRestock({ id: i.id, n })} data-testid="restock-n" />
                      <Button type="primary" size="small" onClick={() => void addStock(i)} data-testid="restock-ok">补货</Button>
                    </Space>
                  }
                  title="补多少件？"
                >
                  <Button size="small" type="link" data-testid={`restock-${i.id}`}>补货</Button>
                </Popover>
              </Space>
            ),
          },
          { title: '每户限兑', key: 'limit', width: 130, render: (_, i) => (i.limitPerHousehold ? `${PERIOD_WORDS[i.limitPeriod]} ${i.limitPerHousehold} 件` : '不限') },
          {
            title: '上架',
            key: 'onShelf',
            width: 100,
            filters: [{ text: '在架上', value: true }, { text: '已下架', value: false }],
            onFilter: (v, i) => i.onShelf === v,
            render: (_, i) => (
              <Switch
                checked={i.onShelf}
                checkedChildren="在架上"
                unCheckedChildren="已下架"
                onChange={(on) => void change(i, { onShelf: on }, on ? `「${i.name}」已上架` : `「${i.name}」已下架`)}
              />
            ),
          },
          { title: '操作', key: 'actions', width: 80, render: (_, i) => <Button size="small" type="link" onClick={() => setEditing(i)}>修改</Button> },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? '上架新商品' : '修改商品'}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        width={620}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ icon: '🎁', limitPeriod: 'month', stock: 0 }} data-testid="item-form">
          <Space size={16} align="start">
            <Form.Item name="icon" label="图标">
              <Select style={{ width: 90 }} options={ICONS.map((i) => ({ value: i, label: <span style={{ fontSize: 18 }}>{i}</span> }))} />
            </Form.Item>
            <Form.Item name="name" label="商品名称" rules={[{ required: true, whitespace: true, message: '请写商品名称' }]} style={{ width: 330 }}>
              <Input maxLength={40} placeholder="如：洗衣液 2 斤装" />
            </Form.Item>
            <Form.Item name="pointsPrice" label="要多少积分" rules={[{ required: true, message: '请写积分' }]}>
              <InputNumber min={1} max={1000000} precision={0} style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label="说明（可不填）">
            <Input maxLength={200} placeholder="如：每户每月限兑 1 瓶" />
          </Form.Item>
          <Space size={16} align="start">
            {editing === 'new' && (
              <Form.Item name="stock" label="库存（件）">
                <InputNumber min={0} max={100000} precision={0} style={{ width: 120 }} />
              </Form.Item>
            )}
            <Form.Item name="limitPeriod" label="每户限兑">
              <Select style={{ width: 100 }} options={(Object.keys(PERIOD_WORDS) as Period[]).map((p) => ({ value: p, label: PERIOD_WORDS[p] }))} />
            </Form.Item>
            <Form.Item name="limitPerHousehold" label="最多几件（不填为不限）">
              <InputNumber min={1} max={1000} precision={0} style={{ width: 180 }} placeholder="不限" />
            </Form.Item>
          </Space>
          <div style={{ color: '#888' }}>居民一次最多兑 {SHOP_LIMITS.quantity} 件。</div>
        </Form>
      </Modal>
    </>
  );
}
