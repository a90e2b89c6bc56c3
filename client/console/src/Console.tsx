// The console's frame: sign-in when there is no session, else the side menu, the header
// with who is signed in and for which community, and the page (each its own chunk).
import { AlertOutlined, BarChartOutlined, LogoutOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, messageOf, session, type Me } from './api.js';
import type { BotBanner } from '../../api/types.js';
import { navigate, useRoute, type Route } from './router.js';
import { mayDispatch, mayUseConsole, maySeeFigures, mayWorkOrders, ROLE_WORDS, signedIn, signOut } from './signIn.js';
import { SignIn } from './SignIn.js';
import { SECTION_ENTRIES, sectionsFor } from './sections.js';

const OrdersPage = lazy(() => import('./pages/Orders.js'));
const OverduePage = lazy(() => import('./pages/Overdue.js'));
const DashboardPage = lazy(() => import('./pages/Dashboard.js'));

export interface PageProps {
  me: Me;
  route: Route;
}

export function Console() {
  const [me, setMe] = useState<Me | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(signedIn());

  const load = useCallback(async () => {
    if (!signedIn()) return;
    setLoading(true);
    try {
      setMe(await api.me());
      setProblem(null);
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    session.onSignedOut(() => setMe(null));
    void load();
  }, [load]);

  if (loading) return <Spin fullscreen description="正在进入…" />;
  if (!me) return <SignIn onSignedIn={load} problem={problem} />;
  if (!mayUseConsole(me)) {
    return (
      <Result
        status="403"
        title="这个账号不能使用工作台"
        subTitle="工作台供社区干部、党组织、网格员使用。居民请在微信里打开 e家社区 小程序。"
        extra={<Button onClick={() => void signOut().then(() => setMe(null))}>换个账号</Button>}
      />
    );
  }
  return <Shell me={me} onSignedOut={() => setMe(null)} />;
}

function Shell({ me, onSignedOut }: { me: Me; onSignedOut: () => void }) {
  const asked = useRoute();
  const [narrow, setNarrow] = useState(false);
  const worksOrders = mayWorkOrders(me);
  // 县/街道 officials land on 辖区总览: the orders are the communities' work, not theirs
  const route: Route = worksOrders || (asked.page !== 'orders' && asked.page !== 'overdue') ? asked : { page: 'oversight' };
  const roles = [...new Set(me.roles.map((r) => ROLE_WORDS[r.role]))];
  const items = [
    ...(worksOrders
      ? [
          { key: 'orders', icon: <UnorderedListOutlined />, label: '工单' },
          { key: 'overdue', icon: <AlertOutlined />, label: '超时督办' },
        ]
      : []),
    ...(maySeeFigures(me) ? [{ key: 'dashboard', icon: <BarChartOutlined />, label: '数据看板' }] : []),
    ...sectionsFor(me).map(([key, e]) => ({ key, icon: e.icon, label: e.label })),
  ];
  const section = route.page in SECTION_ENTRIES ? SECTION_ENTRIES[route.page as keyof typeof SECTION_ENTRIES] : null;
  const SectionPage = section?.page && section.mayOpen(me) ? section.page : null;
  const page =
    SectionPage ? <SectionPage me={me} route={route} /> :
    route.page === 'dashboard' && maySeeFigures(me) ? <DashboardPage me={me} route={route} /> :
    route.page === 'overdue' ? <OverduePage me={me} route={route} /> :
    <OrdersPage me={me} route={route} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} breakpoint="xl" collapsedWidth={64} theme="dark" onBreakpoint={setNarrow}>
        {/* below 1200 px the menu shows its icons only, and the name its first two characters */}
        <div className={narrow ? 'brand brand--narrow' : 'brand'}>{narrow ? 'e家' : <>e家社区 <small>工作台</small></>}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[route.page]}
          items={items}
          onClick={({ key }) => navigate({ page: key as Route['page'] } as Route)}
        />
      </Layout.Sider>
      {/* minWidth 0: a wide table scrolls inside its card instead of widening the page */}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>{me.community?.name ?? '全部社区'}</Typography.Title>
          <Space size="middle" data-testid="account">
            <span>{me.user.name}</span>
            {roles.map((r) => <Tag key={r} color="red">{r}</Tag>)}
            <Button icon={<LogoutOutlined />} onClick={() => void signOut().then(onSignedOut)}>退出</Button>
          </Space>
        </Layout.Header>
        {mayDispatch(me) && <BotOutBanner onOpen={route.page === 'groups' ? null : () => navigate({ page: 'groups' } as Route)} />}
        <Layout.Content style={{ padding: 24 }}>
          {!mayDispatch(me) && route.page === 'orders' && (
            <Alert style={{ marginBottom: 16 }} type="info" showIcon title="您可以查看和导出工单；派单由社区干部办理。" />
          )}
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>{page}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** How often the shell asks whether the group bot is out (reading it alerts no one: the alert went once, at the logout). */
const BOT_BANNER_POLL_MS = 60_000;

/** Across every page for staff and admins while the group bot is logged out or waiting for a scan: no notice reaches a WeChat group meanwhile. */
function BotOutBanner({ onOpen }: { onOpen: (() => void) | null }) {
  const [banner, setBanner] = useState<BotBanner | null>(null);
  useEffect(() => {
    let live = true;
    const look = () => api.bot.banner().then((b) => live && setBanner(b), () => undefined); // a failed look keeps the last answer
    void look();
    const t = setInterval(look, BOT_BANNER_POLL_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, []);
  if (!banner?.out) return null;
  const since = banner.since ? new Date(banner.since).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : null;
  return (
    <Alert
      banner
      type="error"
      showIcon
      data-testid="bot-out-banner"
      style={{ fontSize: 16 }}
      title={`${banner.message ?? '群机器人未登录'}${since ? `（自 ${since} 起）` : ''}`}
      action={onOpen ? <Button size="small" danger onClick={onOpen}>去群管理</Button> : undefined}
    />
  );
}

