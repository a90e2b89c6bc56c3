// 就业: 岗位 (postings, who registered, outcomes), 培训 (courses, roster, attendance,
// completion), 就业台账 (the ledger, its 零就业家庭, Excel in and out) and 就业摸底 (the monthly survey). The tab is
// in the address (/console/employment/ledger), so a tab can be linked and reloaded.
import { Card, Tabs } from 'antd';
import type { PageProps } from '../Console.js';
import { navigate } from '../router.js';
import { Ledger } from './employment/Ledger.js';
import { Postings } from './employment/Postings.js';
import { Survey } from './employment/Survey.js';
import { Trainings } from './employment/Trainings.js';

const TABS = ['jobs', 'trainings', 'ledger', 'survey'] as const;
type Tab = (typeof TABS)[number];

export default function EmploymentPage({ route }: PageProps) {
  const sub = 'sub' in route ? route.sub : undefined;
  const tab: Tab = (TABS as readonly string[]).includes(sub ?? '') ? (sub as Tab) : 'jobs';
  return (
    <Card styles={{ body: { paddingTop: 8 } }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ page: 'employment', sub: key })}
        destroyOnHidden
        items={[
          { key: 'jobs', label: '岗位', children: <Postings /> },
          { key: 'trainings', label: '培训', children: <Trainings /> },
          { key: 'ledger', label: '就业台账', children: <Ledger /> },
          { key: 'survey', label: '就业摸底', children: <Survey /> },
        ]}
      />
    </Card>
  );
}
