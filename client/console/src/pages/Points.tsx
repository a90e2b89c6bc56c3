// 积分: 规则 (what earns points), 发放 (to households or a whole building, with a reason),
// 货架 (the 积分超市's goods, stock, limits), 核销 (a pickup code: what, for whom, hand
// over) and 户积分 (a household's balance and ledger, found by its address). The tab is in
// the address (/console/points/shelf).
import { Card, Tabs } from 'antd';
import type { PageProps } from '../Console.js';
import { navigate } from '../router.js';
import { Awards } from './points/Awards.js';
import { Handover } from './points/Handover.js';
import { Households } from './points/Households.js';
import { Rules } from './points/Rules.js';
import { Shelf } from './points/Shelf.js';

const TABS = ['rules', 'awards', 'shelf', 'handover', 'households'] as const;
type Tab = (typeof TABS)[number];

export default function PointsPage({ route }: PageProps) {
  const sub = 'sub' in route ? route.sub : undefined;
  const tab: Tab = (TABS as readonly string[]).includes(sub ?? '') ? (sub as Tab) : 'rules';
  return (
    <Card styles={{ body: { paddingTop: 8 } }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ page: 'points', sub: key })}
        destroyOnHidden
        items={[
          { key: 'rules', label: '规则', children: <Rules /> },
          { key: 'awards', label: '发放', children: <Awards /> },
          { key: 'shelf', label: '货架', children: <Shelf /> },
          { key: 'handover', label: '核销', children: <Handover /> },
          { key: 'households', label: '户积分', children: <Households /> },
        ]}
      />
    </Card>
  );
}
