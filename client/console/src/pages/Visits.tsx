// 走访: coverage per grid for a month (due, on time, late, overdue, to come), the
// community's overdue visits, the frequencies per 七彩 tag with the households that
// have their own, and the 1+X pairs. The tab is in the address (/console/visits/rules).
// 导出走访记录 (a month to Excel) sits beside the tabs; a household of the overdue list opens
// in a drawer with its visits and its 民情日志.
import { Card, Tabs } from 'antd';
import type { PageProps } from '../Console.js';
import { navigate } from '../router.js';
import { Coverage, OverdueVisits } from './visits/Coverage.js';
import { ExportVisits } from './visits/ExportVisits.js';
import { Pairings } from './visits/Pairings.js';
import { VisitRulesTab } from './visits/Rules.js';

const TABS = ['coverage', 'overdue', 'rules', 'pairings'] as const;
type Tab = (typeof TABS)[number];

export default function VisitsPage({ route }: PageProps) {
  const sub = 'sub' in route ? route.sub : undefined;
  const tab: Tab = (TABS as readonly string[]).includes(sub ?? '') ? (sub as Tab) : 'coverage';
  return (
    <Card styles={{ body: { paddingTop: 8 } }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ page: 'visits', sub: key })}
        destroyOnHidden
        tabBarExtraContent={<ExportVisits />}
        items={[
          { key: 'coverage', label: '走访覆盖', children: <Coverage /> },
          { key: 'overdue', label: '逾期未访', children: <OverdueVisits /> },
          { key: 'rules', label: '走访频次', children: <VisitRulesTab /> },
          { key: 'pairings', label: '结对帮扶', children: <Pairings /> },
        ]}
      />
    </Card>
  );
}
