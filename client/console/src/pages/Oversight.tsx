// 辖区总览 (街道/县 officials, issue #19): the communities under them side by side for a
// month, as bars and as a table sorted on the server; the month's 通报 (ranking) as
// .xlsx; a click on a community opens its figures (/console/oversight/<id>). The tab
// 县/街道管理 makes 县, 街道 and communities and names their officials. Aggregates
// only: nothing here shows a person.
import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Popconfirm, Result, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { authHeaders, failure, request } from '../../../api/core.js';
import {
  api,
  messageOf,
  type CommunityFigures,
  type OversightCompare,
  type OversightRow,
  type OversightSortKey,
  type RegionNode,
  type RegionRoleName,
  type RegionTree,
} from '../api.js';
import { Chart, type ChartOption } from '../Chart.js';
import type { PageProps } from '../Console.js';
import { navigate } from '../router.js';
import { download } from '../staffCalls.js';
import { time } from '../words.js';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
/** a share as a bar's height; none (no orders rated yet) draws no bar rather than a 0 */
const pctNum = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const mins = (m: number | null) => (m === null ? '—' : m < 60 ? `${Math.round(m)} 分钟` : `${Math.round((m / 60) * 10) / 10} 小时`);
const thisMonth = () => dayjs().format('YYYY-MM');

export const REGION_ROLE_WORDS: Record<RegionRoleName, string> = {
  COUNTY_ADMIN: '县级管理员',
  COUNTY_OVERSIGHT: '县级督查',
  STREET_ADMIN: '街道管理员',
  STREET_OVERSIGHT: '街道督查',
};

const bars = (names: string[], series: Array<{ name: string; data: Array<number | null> }>, unit: string): ChartOption => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 48, right: 16, top: 36, bottom: 32 },
  xAxis: { type: 'category', data: names },
  yAxis: { type: 'value', name: unit },
  series: series.map((s) => ({ ...s, type: 'bar', barMaxWidth: 36, label: { show: true, position: 'top' } })),
});

export default function OversightPage({ route }: PageProps) {
  const sub = 'sub' in route ? route.sub : undefined;
  const [month, setMonth] = useState(thisMonth());
  const [tree, setTree] = useState<RegionTree | null>(null);
  const { message } = App.useApp();
  const loadTree = useCallback(() => api.regions.tree().then(setTree, (e: unknown) => message.error(messageOf(e))), [message]);
  useEffect(() => {
    void loadTree();
  }, [loadTree]);

  if (sub && sub !== 'regions') return <CommunityView id={sub} month={month} setMonth={setMonth} />;
  const manages = !!tree && (tree.mayCreateCounty || tree.items.some((r) => r.mayCreateUnder));
  return (
    <Tabs
      activeKey={sub === 'regions' ? 'regions' : 'compare'}
      onChange={(k) => navigate(k === 'regions' ? { page: 'oversight', sub: 'regions' } : { page: 'oversight' })}
      items={[
        { key: 'compare', label: '各社区对比', children: <CompareView month={month} setMonth={setMonth} tree={tree} /> },
        ...(tree ? [{ key: 'regions', label: manages ? '县/街道管理' : '县/街道', children: <RegionsView tree={tree} reload={loadTree} /> }] : []),
      ]}
    />
  );
}

function MonthPicker({ month, setMonth }: { month: string; setMonth: (m: string) => void }) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${month}-01`)}
      onChange={(d: Dayjs | null) => d && setMonth(d.format('YYYY-MM'))}
      disabledDate={(d) => d.isAfter(dayjs(), 'month')}
      aria-label="月份"
      data-testid="month"
    />
  );
}

// ---- the communities side by side -------------------------------------------------------

function CompareView({ month, setMonth, tree }: { month: string; setMonth: (m: string) => void; tree: RegionTree | null }) {
  const { message } = App.useApp();
  const [regionId, setRegionId] = useState<string | undefined>();
  const [sort, setSort] = useState<{ key: OversightSortKey; order?: 'asc' | 'desc' }>({ key: 'score' });
  const [data, setData] = useState<OversightCompare | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.oversight
      .communities({ month, regionId, sort: sort.key, order: sort.order })
      .then((d) => live && setData(d), (e: unknown) => live && message.error(messageOf(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [month, regionId, sort, message]);

  // the ranking in rank order for the charts, whatever the table is sorted by
  const ranked = useMemo(() => (data ? [...data.items].sort((a, b) => a.rank - b.rank) : []), [data]);
  const names = ranked.map((c) => c.name);
  const streets = tree?.items.filter((r) => r.level === 'STREET') ?? [];

  const onChange: TableProps<OversightRow>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s?.order) setSort({ key: 'score' });
    else setSort({ key: String(s.columnKey) as OversightSortKey, order: s.order === 'ascend' ? 'asc' : 'desc' });
  };
  const sortOrder = (key: OversightSortKey) => (sort.key === key && sort.order ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);

  // the 街道 column only where the rows span several (a 县 official's view)
  const severalStreets = new Set(data?.items.map((c) => c.street?.id)).size > 1;
  const columns: TableColumnsType<OversightRow> = [
    { title: '排名', dataIndex: 'rank', key: 'rank', width: 64, align: 'center', render: (r: number) => <Tag color={r <= 3 ? 'gold' : undefined}>{r}</Tag> },
    {
      title: '社区', key: 'name', sorter: true, sortOrder: sortOrder('name'),
      render: (_, c) => <Typography.Link onClick={() => navigate({ page: 'oversight', sub: c.id })}>{c.name}</Typography.Link>,
    },
    ...(severalStreets ? [{ title: '街道', key: 'street', render: (_: unknown, c: OversightRow) => c.street?.name ?? '—' }] : []),
    { title: '工单', key: 'orders', sorter: true, sortOrder: sortOrder('orders'), align: 'right', render: (_, c) => c.orders.orders },
    { title: '超时', key: 'overdue', sorter: true, sortOrder: sortOrder('overdue'), align: 'right', render: (_, c) => (c.orders.overdue ? <Typography.Text type="danger">{c.orders.overdue}</Typography.Text> : 0) },
    { title: '按时率', key: 'onTimeShare', sorter: true, sortOrder: sortOrder('onTimeShare'), align: 'right', render: (_, c) => pct(c.orders.onTimeShare) },
    { title: '平均接单', key: 'minutesToClaim', sorter: true, sortOrder: sortOrder('minutesToClaim'), align: 'right', render: (_, c) => mins(c.orders.minutesToClaim.mean) },
    { title: '平均办结', key: 'minutesToResolve', sorter: true, sortOrder: sortOrder('minutesToResolve'), align: 'right', render: (_, c) => mins(c.orders.minutesToResolve.mean) },
    { title: '满意率', key: 'satisfiedShare', sorter: true, sortOrder: sortOrder('satisfiedShare'), align: 'right', render: (_, c) => pct(c.orders.satisfiedShare) },
    { title: '就业率', key: 'employmentRate', sorter: true, sortOrder: sortOrder('employmentRate'), align: 'right', render: (_, c) => pct(c.employment.employmentRate) },
    { title: '零就业户', key: 'zeroEmploymentHouseholds', sorter: true, sortOrder: sortOrder('zeroEmploymentHouseholds'), align: 'right', render: (_, c) => c.employment.zeroEmploymentHouseholds },
    { title: '积分发放', key: 'pointsIssued', sorter: true, sortOrder: sortOrder('pointsIssued'), align: 'right', render: (_, c) => c.points.issued },
    { title: '积分兑换', key: 'pointsRedeemed', sorter: true, sortOrder: sortOrder('pointsRedeemed'), align: 'right', render: (_, c) => c.points.redeemed },
    { title: '综合得分', key: 'score', sorter: true, sortOrder: sortOrder('score'), align: 'right', render: (_, c) => (c.score === null ? '—' : <b>{c.score}</b>) },
  ];

  const exportRanking = async () => {
    setExporting(true);
    try {
      await download(`/oversight/ranking/export?month=${month}${regionId ? `&regionId=${encodeURIComponent(regionId)}` : ''}`, `社区通报-${month}.xlsx`);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size="middle">
          <span>月份</span>
          <MonthPicker month={month} setMonth={setMonth} />
          {streets.length > 1 && (
            <Select
              style={{ width: 180 }}
              allowClear
              placeholder="全部街道"
              value={regionId}
              onChange={setRegionId}
              options={streets.map((r) => ({ value: r.id, label: r.name }))}
              aria-label="街道"
            />
          )}
          <Button icon={<DownloadOutlined />} onClick={exportRanking} loading={exporting} data-testid="export-ranking">导出本月通报</Button>
        </Space>
      </Card>
      {data && (
        <Row gutter={16}>
          <Col span={4}><Card size="small"><Statistic title="社区" value={data.totals.communities} suffix="个" /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="本月工单" value={data.totals.orders} suffix="件" /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="超时" value={data.totals.overdue} suffix="件" styles={data.totals.overdue ? { content: { color: '#cf1322' } } : undefined} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="就业率" value={pct(data.totals.employmentRate)} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="零就业户" value={data.totals.zeroEmploymentHouseholds} suffix="户" /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="积分 发放/兑换" value={`${data.totals.pointsIssued} / ${data.totals.pointsRedeemed}`} /></Card></Col>
        </Row>
      )}
      {data && data.items.length > 0 && (
        <Row gutter={16}>
          <Col span={12}>
            <Card size="small" title={`${data.month} 工单与超时`} data-testid="chart-orders">
              <Chart height={260} option={bars(names, [{ name: '工单', data: ranked.map((c) => c.orders.orders) }, { name: '超时', data: ranked.map((c) => c.orders.overdue) }], '件')} />
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title="按时率、满意率、就业率" data-testid="chart-shares">
              <Chart
                height={260}
                option={bars(names, [
                  { name: '按时率', data: ranked.map((c) => pctNum(c.orders.onTimeShare)) },
                  { name: '满意率', data: ranked.map((c) => pctNum(c.orders.satisfiedShare)) },
                  { name: '就业率', data: ranked.map((c) => pctNum(c.employment.employmentRate)) },
                ], '%')}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title={`${data?.month ?? month} 排名（通报）`} extra={<Typography.Text type="secondary">综合得分 = 按时率、满意率、就业率的平均 × 100</Typography.Text>}>
        <Table<OversightRow>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          onChange={onChange}
          pagination={false}
          locale={{ emptyText: <Empty description="辖区里还没有社区" /> }}
          data-testid="ranking"
        />
      </Card>
    </Space>
  );
}

// ---- one community's figures (the drill-down) -------------------------------------------

function CommunityView({ id, month, setMonth }: { id: string; month: string; setMonth: (m: string) => void }) {
  const { message } = App.useApp();
  const [d, setD] = useState<CommunityFigures | null>(null);
  useEffect(() => {
    setD(null);
    api.oversight.community(id, month).then(setD, (e: unknown) => message.error(messageOf(e)));
  }, [id, month, message]);
  const gridColumns: TableColumnsType<CommunityFigures['grids'][number]> = [
    { title: '网格', dataIndex: 'name' },
    { title: '工单', align: 'right', render: (_, g) => g.orders.orders },
    { title: '超时', align: 'right', render: (_, g) => g.orders.overdue },
    { title: '平均接单', align: 'right', render: (_, g) => mins(g.orders.minutesToClaim.mean) },
    { title: '平均办结', align: 'right', render: (_, g) => mins(g.orders.minutesToResolve.mean) },
    { title: '满意率', align: 'right', render: (_, g) => pct(g.orders.satisfiedShare) },
    { title: '劳动力', align: 'right', render: (_, g) => g.employment.labour },
    { title: '就业率', align: 'right', render: (_, g) => pct(g.employment.employmentRate) },
    { title: '零就业户', align: 'right', render: (_, g) => g.employment.zeroEmploymentHouseholds },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="community-figures">
      <Card size="small">
        <Space wrap size="middle">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'oversight' })}>返回对比</Button>
          <Typography.Title level={4} style={{ margin: 0 }}>{d?.community.name ?? '…'}</Typography.Title>
          {d && <Typography.Text type="secondary">{[d.community.county?.name, d.community.street?.name, d.community.estate].filter(Boolean).join(' · ')}</Typography.Text>}
          <MonthPicker month={month} setMonth={setMonth} />
        </Space>
      </Card>
      {d && (
        <>
          <Row gutter={16}>
            <Col span={4}><Card size="small"><Statistic title="本月工单" value={d.orders.orders} suffix="件" /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="超时" value={d.orders.overdue} suffix="件" /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="平均接单" value={mins(d.orders.minutesToClaim.mean)} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="满意率" value={pct(d.orders.satisfiedShare)} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="就业率" value={pct(d.employment.employmentRate)} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="零就业户" value={d.employment.zeroEmploymentHouseholds} suffix="户" /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" title="近六个月工单">
                <Chart
                  height={240}
                  option={{
                    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 48, right: 16, top: 36, bottom: 32 },
                    xAxis: { type: 'category', data: d.trend.map((t) => t.month) }, yAxis: { type: 'value', name: '件' },
                    series: [
                      { name: '工单', type: 'bar', barMaxWidth: 32, data: d.trend.map((t) => t.orders) },
                      { name: '超时', type: 'line', data: d.trend.map((t) => t.overdue) },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title="近六个月积分">
                <Chart height={240} option={bars(d.trend.map((t) => t.month), [{ name: '发放', data: d.trend.map((t) => t.pointsIssued) }, { name: '兑换', data: d.trend.map((t) => t.pointsRedeemed) }], '分')} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="各网格">
            <Table rowKey="id" size="middle" columns={gridColumns} dataSource={d.grids} pagination={false} />
          </Card>
        </>
      )}
    </Space>
  );
}

// ---- 县/街道管理 --------------------------------------------------------------------------

/** DELETE is not in the shared client (GET and POST only, as on the mini-program). */
async function removeOfficial(regionId: string, roleId: string) {
  const res = await fetch(`/api/regions/${encodeURIComponent(regionId)}/roles/${encodeURIComponent(roleId)}`, { method: 'DELETE', headers: authHeaders(false) });
  const text = await res.text();
  if (!res.ok) throw failure(res.status, text ? JSON.parse(text) : null, { '404': '这个任命已经撤销了，或者您不能撤销它。' });
}

/** 邀请 (GET/POST/DELETE /api/regions/:id/invites): not in the shared client, as removeOfficial. */
interface RegionInvite {
  id: string;
  name: string;
  role: RegionRoleName;
  expiresAt: string;
  createdAt: string;
  createdBy: { id: string; name: string };
}
const INVITE_WORDS = { '403': '您不能邀请这个角色。', '404': '没有找到这个县/街道，或这个邀请已经撤回。' };
const regionInvites = {
  list: (regionId: string) => request<{ items: RegionInvite[] }>('GET', `/regions/${encodeURIComponent(regionId)}/invites`, { words: INVITE_WORDS }),
  make: (regionId: string, body: { role: RegionRoleName; name: string }) =>
    request<RegionInvite & { code: string }>('POST', `/regions/${encodeURIComponent(regionId)}/invites`, { body, words: INVITE_WORDS }),
  withdraw: (regionId: string, id: string) => request<void>('DELETE', `/regions/${encodeURIComponent(regionId)}/invites/${encodeURIComponent(id)}`, { words: INVITE_WORDS }),
};

type Dialog =
  | { kind: 'county' }
  | { kind: 'invite'; region: RegionNode }
  | { kind: 'street'; county: RegionNode }
  | { kind: 'community'; street: RegionNode }
  | { kind: 'official'; region: RegionNode };

function RegionsView({ tree, reload }: { tree: RegionTree; reload: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const counties = tree.items.filter((r) => r.level === 'COUNTY');
  // a 街道 whose 县 the viewer does not see stands on its own
  const orphans = tree.items.filter((r) => r.level === 'STREET' && !counties.some((c) => c.id === r.parentId));

  const officials = (r: RegionNode) =>
    r.officials.length ? (
      <Space wrap>
        {r.officials.map((o) => (
          <Tag key={o.id} color={o.role.endsWith('ADMIN') ? 'blue' : undefined} style={{ padding: '2px 8px' }}>
            {REGION_ROLE_WORDS[o.role]}：{o.user.name}
            {o.mayRemove ? (
              <Popconfirm
                title={`撤销 ${o.user.name} 的${REGION_ROLE_WORDS[o.role]}？`}
                description="撤销后，这个账号会立即退出登录。"
                okText="撤销"
                cancelText="取消"
                onConfirm={async () => {
                  try {
                    await removeOfficial(r.id, o.id);
                    message.success('已撤销');
                    await reload();
                  } catch (e) {
                    message.error(messageOf(e));
                  }
                }}
              >
                <Typography.Link style={{ marginLeft: 8 }}>撤销</Typography.Link>
              </Popconfirm>
            ) : null}
          </Tag>
        ))}
      </Space>
    ) : (
      <Typography.Text type="secondary">还没有任命</Typography.Text>
    );

  const streetCard = (s: RegionNode) => (
    <Card
      key={s.id}
      size="small"
      type="inner"
      title={s.name}
      style={{ marginTop: 12 }}
      extra={s.mayCreateUnder && (
        <Space>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'community', street: s })}>新建社区</Button>
          <Button size="small" onClick={() => setDialog({ kind: 'official', region: s })}>任命</Button>
          <Button size="small" onClick={() => setDialog({ kind: 'invite', region: s })} data-testid={`invite-${s.name}`}>邀请</Button>
        </Space>
      )}
      data-testid={`street-${s.name}`}
    >
      <div style={{ marginBottom: 8 }}>{officials(s)}</div>
      <Space wrap>
        {s.communities.length ? s.communities.map((c) => <Tag key={c.id}>{c.name}</Tag>) : <Typography.Text type="secondary">还没有社区</Typography.Text>}
      </Space>
    </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {tree.mayCreateCounty && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'county' })}>新建县/区</Button>
      )}
      {counties.map((c) => (
        <Card
          key={c.id}
          title={c.name}
          extra={c.mayCreateUnder && (
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'street', county: c })}>新建街道/乡镇</Button>
              <Button onClick={() => setDialog({ kind: 'official', region: c })}>任命</Button>
              <Button onClick={() => setDialog({ kind: 'invite', region: c })} data-testid={`invite-${c.name}`}>邀请</Button>
            </Space>
          )}
        >
          {officials(c)}
          {tree.items.filter((s) => s.parentId === c.id).map(streetCard)}
        </Card>
      ))}
      {orphans.map(streetCard)}
      {!tree.items.length && <Empty description="还没有县/区" />}
      {dialog?.kind === 'invite' && <InviteDialog region={dialog.region} close={() => setDialog(null)} />}
      {dialog && dialog.kind !== 'invite' && <RegionDialog dialog={dialog} close={() => setDialog(null)} done={async () => { setDialog(null); await reload(); }} />}
    </Space>
  );
}

/**
 * 邀请: a one-time code for an official not on e家社区 yet (or not found by name), shown once;
 * below it the region's open invitations, which can be withdrawn.
 */
function InviteDialog({ region, close }: { region: RegionNode; close: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<(RegionInvite & { code: string }) | null>(null);
  const [open, setOpen] = useState<RegionInvite[] | null>(null);
  const roles: RegionRoleName[] = region.level === 'COUNTY' ? ['COUNTY_ADMIN', 'COUNTY_OVERSIGHT'] : ['STREET_ADMIN', 'STREET_OVERSIGHT'];
  const load = useCallback(() => regionInvites.list(region.id).then((r) => setOpen(r.items), () => setOpen([])), [region.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      setMade(await regionInvites.make(region.id, { role: v.role, name: v.name.trim() }));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async (i: RegionInvite) => {
    try {
      await regionInvites.withdraw(region.id, i.id);
      message.success(`已撤回给 ${i.name} 的邀请码`);
      await load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  if (made) {
    return (
      <Modal open title="邀请码" footer={<Button type="primary" onClick={close}>好的</Button>} onCancel={close}>
        <Result
          status="success"
          title={<span data-testid="region-invite-code" style={{ fontSize: 32, letterSpacing: 6, fontFamily: 'monospace' }}>{made.code}</span>}
          subTitle={
            <>
              请把邀请码交给 <b>{made.name}</b>（{region.name} · {REGION_ROLE_WORDS[made.role]}）。
              <br />
              请他用自己的微信打开“e家社区”小程序，在“账号绑定”页输入这 8 位码，就有了这个角色；之后在电脑上可以用微信扫码登录工作台，也可以请平台管理员设置登录密码。
              <br />
              {time(made.expiresAt)} 前有效，只能用一次；关闭后不再显示。
            </>
          }
        />
      </Modal>
    );
  }
  return (
    <Modal open title={`邀请${region.name}的管理员或督查`} okText="生成邀请码" cancelText="取消" onOk={() => void submit()} onCancel={close} confirmLoading={busy} destroyOnHidden width={600}>
      {/* the oversight role first: every admin who sees 邀请 may give it (an admin role only the level above) */}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ role: roles[1] }}>
        <Form.Item name="name" label="被邀请人姓名" rules={[{ required: true, whitespace: true, message: '请写上姓名' }, { max: 20, message: '最多 20 个字' }]} extra="给还没有用过 e家社区 的人：他用微信领取邀请码后就有了这个角色。">
          <Input placeholder="例如：罗明" data-testid="region-invite-name" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true }]}>
          <Select options={roles.map((r) => ({ value: r, label: REGION_ROLE_WORDS[r] }))} data-testid="region-invite-role" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">未使用的邀请码</Typography.Text>
      <Table<RegionInvite>
        rowKey="id"
        size="small"
        loading={open === null}
        dataSource={open ?? []}
        pagination={false}
        locale={{ emptyText: '没有' }}
        columns={[
          { title: '被邀请人', dataIndex: 'name' },
          { title: '角色', key: 'role', render: (_, i) => REGION_ROLE_WORDS[i.role] },
          { title: '有效期至', dataIndex: 'expiresAt', render: (v: string) => time(v) },
          {
            title: '',
            key: 'op',
            width: 70,
            render: (_, i) => (
              <Popconfirm title={`撤回给 ${i.name} 的邀请码？`} okText="撤回" cancelText="取消" onConfirm={() => withdraw(i)}>
                <Button type="link" danger size="small">撤回</Button>
              </Popconfirm>
            ),
          },
        ]}
        data-testid="region-invites"
      />
    </Modal>
  );
}

function RegionDialog({ dialog, close, done }: { dialog: Dialog; close: () => void; done: () => Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [people, setPeople] = useState<Array<{ value: string; label: string }>>([]);
  const title =
    dialog.kind === 'county' ? '新建县/区'
    : dialog.kind === 'street' ? `在${dialog.county.name}下新建街道/乡镇`
    : dialog.kind === 'community' ? `在${dialog.street.name}下新建社区`
    : `任命${dialog.region.name}的管理员或督查`;
  const roles: RegionRoleName[] = dialog.kind === 'official' ? (dialog.region.level === 'COUNTY' ? ['COUNTY_ADMIN', 'COUNTY_OVERSIGHT'] : ['STREET_ADMIN', 'STREET_OVERSIGHT']) : [];

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (dialog.kind === 'county') await api.regions.create({ level: 'COUNTY', name: v.name });
      else if (dialog.kind === 'street') await api.regions.create({ level: 'STREET', name: v.name, parentId: dialog.county.id });
      else if (dialog.kind === 'community') await api.regions.createCommunity(dialog.street.id, { name: v.name, estate: v.estate, ...(v.district ? { district: v.district } : {}) });
      else await api.regions.assign(dialog.region.id, v.userId, v.role);
      message.success(dialog.kind === 'official' ? '已任命' : '已新建');
      await done();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const search = async (q: string) => {
    if (!q.trim()) return setPeople([]);
    try {
      const r = await api.regions.candidates(q.trim());
      setPeople(r.items.map((u) => ({ value: u.id, label: u.name })));
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Modal open title={title} okText={dialog.kind === 'official' ? '任命' : '新建'} cancelText="取消" onOk={submit} onCancel={close} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ role: roles[0] }}>
        {dialog.kind === 'official' ? (
          <>
            <Form.Item name="userId" label="账号（输入姓名查找）" rules={[{ required: true, message: '请选一个账号' }]} extra="本人须先用微信登录过一次；居民自己的微信号不能担任工作角色。">
              <Select showSearch filterOption={false} onSearch={search} options={people} placeholder="姓名" notFoundContent="没有找到" />
            </Form.Item>
            <Form.Item name="role" label="角色" rules={[{ required: true }]}>
              <Select options={roles.map((r) => ({ value: r, label: REGION_ROLE_WORDS[r] }))} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '至少两个字' }]}>
              <Input maxLength={40} placeholder={dialog.kind === 'county' ? '织金县' : dialog.kind === 'street' ? '惠民街道' : '惠泽社区'} />
            </Form.Item>
            {dialog.kind === 'community' && (
              <>
                <Form.Item name="estate" label="安置点" rules={[{ required: true, min: 2, message: '至少两个字' }]}>
                  <Input maxLength={40} placeholder="平远新城" />
                </Form.Item>
                <Form.Item name="district" label="所在地（可不填，默认为县名）">
                  <Input maxLength={80} placeholder="贵州省毕节市织金县" />
                </Form.Item>
              </>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
