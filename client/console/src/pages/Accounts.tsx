// 账号: the community's working accounts and their roles, within what the signed-in role
// manages (staff: 楼栋长 and 网格员; administrators: 社区干部 and 党组织评单 too). Give a role to
// an account the community has, invite a person not on e家社区 yet with a one-time code,
// remove a role (its access and sessions end at once), and draw the grids (网格划分).
import { EditOutlined, PlusOutlined, ReloadOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, Modal, Popconfirm, Result, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { request } from '../../../api/core.js';
import {
  api,
  messageOf,
  type CommunityAccount,
  type CommunityRole,
  type GridWithBuildings,
  type Me,
  type NewRoleInvite,
  type OpenRoleInvite,
} from '../api.js';
import { useCommunity, type Place } from '../useCommunity.js';
import type { PageProps } from '../Console.js';
import { navigate } from '../router.js';
import { time } from '../words.js';

const ROLE_NAMES: Record<CommunityRole, string> = {
  BUILDING_HEAD: '楼栋长',
  GRID_WORKER: '网格员',
  STAFF: '社区干部',
  REVIEWER: '党组织评单',
};
const ROLE_COLORS: Record<CommunityRole, string> = { BUILDING_HEAD: 'cyan', GRID_WORKER: 'blue', STAFF: 'purple', REVIEWER: 'red' };
const PAGE_SIZE = 20;

const placeOf = (r: { grid: Place | null; building: Place | null }) => r.building?.name ?? r.grid?.name ?? '本社区';


export default function AccountsPage({ me, route }: PageProps) {
  const { communityId, choices, pick, fixed } = useCommunity(me);
  const tab = route.page === 'accounts' && route.sub ? route.sub : 'roles';
  if (!communityId) return <Card title="账号"><Empty description="请先选择社区" /></Card>;
  return (
    <Card
      title="账号"
      extra={
        !fixed && (
          <Select style={{ width: 200 }} value={communityId} onChange={pick} options={choices.map((c) => ({ value: c.id, label: c.name }))} data-testid="community" />
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate({ page: 'accounts', sub: k })}
        items={[
          { key: 'roles', label: '账号与角色', children: <RolesTab communityId={communityId} /> },
          { key: 'invites', label: '邀请码', children: <InvitesTab communityId={communityId} /> },
          { key: 'grids', label: '网格划分', children: <GridsTab communityId={communityId} /> },
        ]}
      />
    </Card>
  );
}

/** Grids with their buildings: the places a role can be given for. */
function useGrids(communityId: string) {
  const [grids, setGrids] = useState<GridWithBuildings[]>([]);
  const reload = useCallback(() => api.grids.list(communityId).then(setGrids, () => undefined), [communityId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { grids, reload };
}

// ---- 账号与角色 -------------------------------------------------------------------------

function RolesTab({ communityId }: { communityId: string }) {
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<CommunityRole | undefined>();
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [rows, setRows] = useState<CommunityAccount[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [manageable, setManageable] = useState<CommunityRole[]>([]);
  const [loading, setLoading] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [inviting, setInviting] = useState(false);
  const { grids } = useGrids(communityId);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.accounts.list({ communityId, q: q.trim() || undefined, role, limit: PAGE_SIZE, cursor: cursors.at(-1) });
      setRows(r.items);
      setNext(r.nextCursor);
      setManageable(r.manageable);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [communityId, q, role, cursors, message]);

  useEffect(() => {
    void load();
  }, [load]);

  // 两步验证 reset for a lost phone (POST /api/auth/accounts/:id/totp/reset): the account's every session ends
  const resetTwoStep = (a: CommunityAccount) =>
    modal.confirm({
      title: `重置 ${a.name} 的两步验证？`,
      content: '重置后该账号的两步验证被关闭、恢复码作废，它在电脑和手机上的所有登录都会立即结束。请确认是本人手机丢失或更换，并在本人重新登录后提醒其重新开启两步验证。',
      okText: '重置',
      okButtonProps: { danger: true, id: 'confirm-reset-two-step' },
      cancelText: '取消',
      onOk: async () => {
        try {
          const done = await request<{ sessionsEnded: number }>('POST', `/auth/accounts/${encodeURIComponent(a.id)}/totp/reset`, {
            words: { not_enabled: '这个账号没有开启两步验证。', '403': '您不能重置这个账号的两步验证。' },
          });
          message.success(`已重置 ${a.name} 的两步验证，结束了 ${done.sessionsEnded} 个登录`);
          void load();
        } catch (e) {
          message.error(messageOf(e));
        }
      },
    });

  const remove = async (a: CommunityAccount, r: CommunityAccount['roles'][number]) => {
    try {
      const done = await api.accounts.remove(r.id);
      message.success(
        `已撤销 ${a.name} 的${ROLE_NAMES[r.role]}（${placeOf(r)}），该账号已被退出登录${done.ordersReturned ? `；${done.ordersReturned} 张未办完的工单已退回待派单` : ''}`,
      );
      void load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const columns = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 200,
      render: (name: string, a: CommunityAccount) => (
        <Space>
          <Typography.Text strong>{name}</Typography.Text>
          {a.residentAccount && <Tag>居民本人账号</Tag>}
          {a.twoStep && <Tag color="green">两步验证</Tag>}
        </Space>
      ),
    },
    {
      title: '角色',
      key: 'roles',
      render: (_: unknown, a: CommunityAccount) => (
        <Space wrap>
          {a.roles.map((r) => (
            <Space.Compact key={r.id}>
              <Tag color={ROLE_COLORS[r.role]} style={{ marginInlineEnd: 0 }} data-testid={`role-${r.id}`}>
                {ROLE_NAMES[r.role]} · {placeOf(r)}
              </Tag>
              <Popconfirm
                title={`撤销 ${a.name} 的${ROLE_NAMES[r.role]}？`}
                description="撤销后该账号立即失去这个角色的权限，并被退出登录。"
                okText="撤销"
                cancelText="取消"
                okButtonProps={{ danger: true }}
                onConfirm={() => remove(a, r)}
              >
                <Button size="small" type="link" danger data-testid={`remove-${r.id}`}>
                  撤销
                </Button>
              </Popconfirm>
            </Space.Compact>
          ))}
        </Space>
      ),
    },
    { title: '最早任职', key: 'since', width: 170, render: (_: unknown, a: CommunityAccount) => time(a.roles[0]?.since) },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_: unknown, a: CommunityAccount) =>
        a.mayResetTwoStep && (
          <Button size="small" danger onClick={() => resetTwoStep(a)} data-testid={`reset-two-step-${a.id}`}>
            重置两步验证
          </Button>
        ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="按姓名查找"
            style={{ width: 220 }}
            onSearch={(v) => {
              setQ(v);
              setCursors([undefined]);
            }}
            data-testid="accounts-q"
          />
          <Select
            allowClear
            placeholder="角色"
            style={{ width: 140 }}
            value={role}
            onChange={(v) => {
              setRole(v);
              setCursors([undefined]);
            }}
            options={manageable.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>
        </Space>
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)} data-testid="assign">
            安排角色
          </Button>
          <Button icon={<UserAddOutlined />} onClick={() => setInviting(true)} data-testid="invite">
            发邀请码
          </Button>
        </Space>
      </Space>
      <Table<CommunityAccount>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description="没有符合条件的账号" /> }}
        data-testid="accounts-table"
      />
      <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
        <Typography.Text type="secondary">第 {cursors.length} 页</Typography.Text>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>上一页</Button>
        <Button disabled={!next} onClick={() => setCursors((c) => [...c, next!])}>下一页</Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        社区干部可以安排楼栋长和网格员；社区干部和党组织评单人由上级管理员安排。居民本人的微信账号不能担任工作角色，请发邀请码让他用另一个微信号领取。
      </Typography.Paragraph>
      {assigning && (
        <AssignDialog
          communityId={communityId}
          manageable={manageable}
          grids={grids}
          onClose={(done) => {
            setAssigning(false);
            if (done) void load();
          }}
        />
      )}
      {inviting && <InviteDialog communityId={communityId} manageable={manageable} grids={grids} onClose={() => setInviting(false)} />}
    </>
  );
}

/** Role and place fields, shared by 安排角色 and 发邀请码. */
function RolePlaceFields({ manageable, grids, role }: { manageable: CommunityRole[]; grids: GridWithBuildings[]; role: CommunityRole | undefined }) {
  const buildings = grids.flatMap((g) => g.buildings.map((b) => ({ value: b.id, label: `${b.name}（${g.name}）` })));
  return (
    <>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={manageable.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} data-testid="role-select" />
      </Form.Item>
      {role === 'GRID_WORKER' && (
        <Form.Item name="gridId" label="负责网格" rules={[{ required: true, message: '请选择网格' }]}>
          <Select options={grids.map((g) => ({ value: g.id, label: g.name }))} data-testid="grid-select" />
        </Form.Item>
      )}
      {role === 'BUILDING_HEAD' && (
        <Form.Item name="buildingId" label="负责楼栋" rules={[{ required: true, message: '请选择楼栋' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={buildings} data-testid="building-select" />
        </Form.Item>
      )}
    </>
  );
}

function AssignDialog(props: { communityId: string; manageable: CommunityRole[]; grids: GridWithBuildings[]; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as CommunityRole | undefined;
  const [found, setFound] = useState<CommunityAccount[]>([]);
  const [saving, setSaving] = useState(false);
  const search = useCallback(
    async (q: string) => {
      try {
        setFound((await api.accounts.list({ communityId: props.communityId, q: q.trim() || undefined, limit: 20 })).items);
      } catch {
        setFound([]);
      }
    },
    [props.communityId],
  );
  useEffect(() => {
    void search('');
  }, [search]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await api.accounts.assign({ communityId: props.communityId, ...v });
      message.success(`已安排 ${r.user.name} 为${ROLE_NAMES[r.role]}（${placeOf(r)}）`);
      props.onClose(true);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title="安排角色" okText="确定" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={() => props.onClose(false)} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="userId" label="账号" rules={[{ required: true, message: '请选择账号' }]} extra="在本社区已有工作角色的账号里按姓名查找；还没有账号的人请发邀请码。">
          <Select
            showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
            placeholder="输入姓名查找"
            options={found.map((a) => ({
              value: a.id,
              label: `${a.name}（${a.roles.map((r) => ROLE_NAMES[r.role]).join('、')}）`,
              disabled: a.residentAccount,
            }))}
            data-testid="account-select"
          />
        </Form.Item>
        <RolePlaceFields manageable={props.manageable} grids={props.grids} role={role} />
      </Form>
    </Modal>
  );
}

function InviteDialog(props: { communityId: string; manageable: CommunityRole[]; grids: GridWithBuildings[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as CommunityRole | undefined;
  const [made, setMade] = useState<NewRoleInvite | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      setMade(await api.accounts.invite({ communityId: props.communityId, ...v }));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  if (made) {
    return (
      <Modal open title="邀请码" footer={<Button type="primary" onClick={props.onClose}>好的</Button>} onCancel={props.onClose}>
        <Result
          status="success"
          title={<span data-testid="invite-code" style={{ fontSize: 32, letterSpacing: 6, fontFamily: 'monospace' }}>{made.code}</span>}
          subTitle={
            <>
              请把邀请码交给 <b>{made.name}</b>（{ROLE_NAMES[made.role]} · {placeOf(made)}）。
              <br />
              请他用自己的微信打开“e家社区”小程序，在“账号绑定”页输入这 8 位码，就有了这个角色。
              <br />
              {time(made.expiresAt)} 前有效，只能用一次；关闭后不再显示。
            </>
          }
        />
      </Modal>
    );
  }
  return (
    <Modal open title="发邀请码" okText="生成邀请码" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="name" label="被邀请人姓名" rules={[{ required: true, whitespace: true, message: '请写上姓名' }, { max: 20, message: '最多 20 个字' }]}>
          <Input placeholder="例如：王小红" data-testid="invite-name" />
        </Form.Item>
        <RolePlaceFields manageable={props.manageable} grids={props.grids} role={role} />
      </Form>
    </Modal>
  );
}

// ---- 邀请码 ------------------------------------------------------------------------------

function InvitesTab({ communityId }: { communityId: string }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<OpenRoleInvite[]>([]);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await api.accounts.invites(communityId));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [communityId, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const withdraw = async (i: OpenRoleInvite) => {
    try {
      await api.accounts.withdrawInvite(i.id);
      message.success(`已撤回给 ${i.name} 的邀请码`);
      void load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Table<OpenRoleInvite>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description="没有未使用的邀请码" /> }}
      columns={[
        { title: '被邀请人', dataIndex: 'name', width: 160 },
        { title: '角色', key: 'role', render: (_, i) => <Tag color={ROLE_COLORS[i.role]}>{ROLE_NAMES[i.role]} · {placeOf(i)}</Tag> },
        { title: '发出人', key: 'by', width: 140, render: (_, i) => i.createdBy.name },
        { title: '发出时间', dataIndex: 'createdAt', width: 170, render: (v: string) => time(v) },
        { title: '有效期至', dataIndex: 'expiresAt', width: 170, render: (v: string) => time(v) },
        {
          title: '操作',
          key: 'op',
          width: 100,
          render: (_, i) => (
            <Popconfirm title={`撤回给 ${i.name} 的邀请码？`} okText="撤回" cancelText="取消" onConfirm={() => withdraw(i)}>
              <Button type="link" danger size="small">撤回</Button>
            </Popconfirm>
          ),
        },
      ]}
      data-testid="invites-table"
    />
  );
}

// ---- 网格划分 ----------------------------------------------------------------------------

function GridsTab({ communityId }: { communityId: string }) {
  const { message, modal } = App.useApp();
  const { grids, reload } = useGrids(communityId);
  const [moving, setMoving] = useState<{ buildingId?: string } | null>(null);
  const [naming, setNaming] = useState<{ id?: string; name: string } | null>(null);
  const buildings = useMemo(() => grids.flatMap((g) => g.buildings.map((b) => ({ ...b, grid: g }))), [grids]);

  const saveName = async () => {
    if (!naming) return;
    try {
      if (naming.id) await api.grids.rename(naming.id, naming.name.trim());
      else await api.grids.create(naming.name.trim(), communityId);
      message.success(naming.id ? '已改名' : `已新建 ${naming.name.trim()}`);
      setNaming(null);
      void reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<SwapOutlined />} onClick={() => setMoving({})} data-testid="move-building">
          调整楼栋所属网格
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => setNaming({ name: '' })}>新建网格</Button>
      </Space>
      <Row gutter={[16, 16]}>
        {grids.map((g) => (
          <Col key={g.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={g.name}
              extra={<Button size="small" type="text" icon={<EditOutlined />} onClick={() => setNaming({ id: g.id, name: g.name })} aria-label={`给${g.name}改名`} />}
              data-testid={`grid-${g.name}`}
            >
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">网格员：</Typography.Text>
                {g.workers.length ? g.workers.map((w) => w.name).join('、') : <Typography.Text type="warning">暂无（新工单没有可推荐的人）</Typography.Text>}
              </Typography.Paragraph>
              <Space wrap>
                {g.buildings.length ? (
                  g.buildings.map((b) => (
                    <Tag key={b.id} style={{ cursor: 'pointer' }} onClick={() => setMoving({ buildingId: b.id })}>
                      {b.name}
                    </Tag>
                  ))
                ) : (
                  <Typography.Text type="secondary">还没有楼栋</Typography.Text>
                )}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {naming && (
        <Modal open title={naming.id ? '网格改名' : '新建网格'} okText="保存" cancelText="取消" onOk={() => void saveName()} onCancel={() => setNaming(null)}>
          <Input value={naming.name} maxLength={30} placeholder="例如：第4网格" onChange={(e) => setNaming({ ...naming, name: e.target.value })} />
        </Modal>
      )}
      {moving && (
        <MoveDialog
          buildings={buildings}
          grids={grids}
          initial={moving.buildingId}
          onClose={() => setMoving(null)}
          onMoved={(text) => {
            setMoving(null);
            void reload();
            modal.success({ title: '已调整', content: text });
          }}
        />
      )}
    </>
  );
}

function MoveDialog(props: {
  buildings: Array<Place & { grid: GridWithBuildings }>;
  grids: GridWithBuildings[];
  initial: string | undefined;
  onClose: () => void;
  onMoved: (text: string) => void;
}) {
  const { message } = App.useApp();
  const [buildingId, setBuildingId] = useState(props.initial);
  const [gridId, setGridId] = useState<string>();
  const [saving, setSaving] = useState(false);
  const from = props.buildings.find((b) => b.id === buildingId)?.grid;

  const save = async () => {
    if (!buildingId || !gridId) return;
    setSaving(true);
    try {
      const r = await api.grids.moveBuilding(buildingId, gridId);
      const parts = [`${r.building.name} 已从 ${r.from.name} 调到 ${r.to.name}。`];
      parts.push(r.ordersMoved ? `${r.ordersMoved} 张未办完的工单随楼栋调到 ${r.to.name}。` : '没有未办完的工单需要调整。');
      if (r.deliveriesAdded || r.deliveriesCancelled) parts.push(`待发的网格通知：新增 ${r.deliveriesAdded} 个群，取消 ${r.deliveriesCancelled} 个群。`);
      props.onMoved(parts.join(''));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="调整楼栋所属网格"
      okText="确定调整"
      cancelText="取消"
      okButtonProps={{ disabled: !buildingId || !gridId }}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={props.onClose}
    >
      <Form layout="vertical">
        <Form.Item label="楼栋">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={buildingId}
            onChange={setBuildingId}
            options={props.buildings.map((b) => ({ value: b.id, label: `${b.name}（现属${b.grid.name}）` }))}
            data-testid="move-building-select"
          />
        </Form.Item>
        <Form.Item label="调到">
          <Select
            value={gridId}
            onChange={setGridId}
            options={props.grids.filter((g) => g.id !== from?.id).map((g) => ({ value: g.id, label: g.name }))}
            data-testid="move-grid-select"
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">
        楼栋里还没办完的工单会一起调到新网格，推荐给新网格的网格员；已在网格员手里的工单仍由他办完。还没发出的网格通知会按新的网格发送。
      </Typography.Paragraph>
    </Modal>
  );
}
