// The console's sections beyond 工单/超时督办/数据看板: for each, its menu entry, who sees it
// (the server decides every request again; this only keeps a menu of what one may use) and
// its page, a chunk of its own. A section with `page: null` is not built yet and is not shown.
import {
  ApiOutlined,
  AuditOutlined,
  FundOutlined,
  FileTextOutlined,
  GiftOutlined,
  HomeOutlined,
  IdcardOutlined,
  NotificationOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Me } from './api.js';
import type { PageProps } from './Console.js';
import type { Section } from './router.js';

const holds = (me: Me, ...roles: string[]) => me.roles.some((r) => roles.includes(r.role));

export interface SectionEntry {
  label: string;
  icon: ReactNode;
  mayOpen: (me: Me) => boolean;
  page: LazyExoticComponent<ComponentType<PageProps>> | null;
}

export const SECTION_ENTRIES: Record<Section, SectionEntry> = {
  // 通知 (issue #17)
  notices: { label: '通知', icon: <NotificationOutlined />, mayOpen: (me) => holds(me, 'STAFF', 'ADMIN'), page: lazy(() => import('./pages/Notices.js')) },
  // 就业 (issue #17)
  employment: { label: '就业', icon: <SolutionOutlined />, mayOpen: (me) => holds(me, 'STAFF'), page: lazy(() => import('./pages/Employment.js')) },
  // 积分 (issue #17)
  points: { label: '积分', icon: <GiftOutlined />, mayOpen: (me) => holds(me, 'STAFF'), page: lazy(() => import('./pages/Points.js')) },
  // 群管理 (issue #17)
  groups: { label: '群管理', icon: <WechatOutlined />, mayOpen: (me) => holds(me, 'STAFF', 'ADMIN'), page: lazy(() => import('./pages/Groups.js')) },
  // 账号与角色 (issues #17, #19)
  // staff manage 楼栋长 and 网格员; the community's administrators (platform, 街道, 县) every community role
  accounts: { label: '账号', icon: <TeamOutlined />, mayOpen: (me) => holds(me, 'STAFF', 'ADMIN', 'STREET_ADMIN', 'COUNTY_ADMIN'), page: lazy(() => import('./pages/Accounts.js')) },
  // 户籍台账 import/export (issue #19)
  // the platform admin and the 街道/县 admins above a community (mayAdministerCommunity)
  registry: { label: '户籍台账', icon: <IdcardOutlined />, mayOpen: (me) => holds(me, 'ADMIN', 'STREET_ADMIN', 'COUNTY_ADMIN'), page: lazy(() => import('./pages/Registry.js')) },
  // 社区设置 (issue #19)
  // categories: the community's administrators (platform, 街道, 县); 常用回复 and notice switches: its staff too (server/policies/settings.ts)
  settings: { label: '社区设置', icon: <SettingOutlined />, mayOpen: (me) => holds(me, 'STAFF', 'ADMIN', 'STREET_ADMIN', 'COUNTY_ADMIN'), page: lazy(() => import('./pages/Settings.js')) },
  // 街道/县 oversight (issue #19)
  // 县/街道 officials and the platform admin; the tab 县/街道管理 makes regions and communities and names officials
  oversight: { label: '辖区总览', icon: <FundOutlined />, mayOpen: (me) => holds(me, 'ADMIN', 'COUNTY_ADMIN', 'COUNTY_OVERSIGHT', 'STREET_ADMIN', 'STREET_OVERSIGHT'), page: lazy(() => import('./pages/Oversight.js')) },
  // 操作日志 (issue #19)
  // the platform admin, and 县/街道 admins for their communities (oversight accounts do not read it)
  audit: { label: '操作日志', icon: <AuditOutlined />, mayOpen: (me) => holds(me, 'ADMIN', 'COUNTY_ADMIN', 'STREET_ADMIN'), page: lazy(() => import('./pages/Audit.js')) },
  // 走访 (issue #20): coverage per grid, overdue visits, frequencies, 1+X pairs
  visits: { label: '走访', icon: <HomeOutlined />, mayOpen: (me) => holds(me, 'STAFF'), page: lazy(() => import('./pages/Visits.js')) },
  // 民情日志 (issue #20): the grids' running logs, searched and exported for the monthly report; the platform admin reads them too
  gridLog: { label: '民情日志', icon: <FileTextOutlined />, mayOpen: (me) => holds(me, 'STAFF', 'ADMIN'), page: lazy(() => import('./pages/GridLog.js')) },
  // 对接 (Open311, issue #21 item 5): integration keys, issued and revoked by the community's staff and the admins above it
  integrations: { label: '对接', icon: <ApiOutlined />, mayOpen: (me) => holds(me, 'STAFF', 'ADMIN', 'STREET_ADMIN', 'COUNTY_ADMIN'), page: lazy(() => import('./pages/Integrations.js')) },
  // 楼道巡查 (issue #20 item 4): each building's patrols and open problems, the checklist and its frequency
  patrols: { label: '楼道巡查', icon: <SafetyOutlined />, mayOpen: (me) => holds(me, 'STAFF'), page: lazy(() => import('./pages/Patrols.js')) },
  // 安全设置: one's own password and 两步验证 (issue #17 item 3), for everyone who uses the console
  security: { label: '安全设置', icon: <SafetyCertificateOutlined />, mayOpen: () => true, page: lazy(() => import('./pages/Security.js')) },
};

export const sectionsFor = (me: Me) =>
  (Object.entries(SECTION_ENTRIES) as Array<[Section, SectionEntry]>).filter(([, e]) => e.page && e.mayOpen(me));
