// Demo job postings for every community, after the case reports: workshops on
// the estate (服装加工, 蜡染刺绣, 电子元件加工), public-welfare posts (保洁, 保安)
// and organised outbound labour (对口帮扶 广州花都区).
import type { Prisma } from '@prisma/client';
import type { Deps } from '../context.js';
import { DEMO_OPENIDS } from '../demoFacts.js';
import type { Trade } from '../employment/index.js';
import { insertPosting } from './queries.js';

const DAY = 86_400_000;

const JOBS: Array<Omit<Prisma.JobPostingCreateManyInput, 'communityId' | 'createdById' | 'trades'> & { trades: Trade[]; daysAgo: number }> = [
  { employer: '清达服装有限公司', title: '缝纫工（帮扶车间）', kind: 'workshop', location: '平远新城扶贫车间2号楼', payMin: 2800, payMax: 4000, payUnit: 'month', headcount: 20, requirements: '会用缝纫机优先，不会的可以先培训；能照顾家里，就近上班', contact: '王主任 0857-7621001', trades: ['garment'], daysAgo: 2 },
  { employer: '贵州花仙子蜡染刺绣公司', title: '蜡染刺绣工（可带回家做）', kind: 'workshop', location: '平远新城非遗工坊', payMin: 60, payMax: 150, payUnit: 'day', headcount: 30, requirements: '会刺绣、蜡染的绣娘，计件，可居家', contact: '杨老师 0857-7621002', trades: ['embroidery'], daysAgo: 5 },
  { employer: '织金县电子元件加工车间', title: '电子元件装配工', kind: 'workshop', location: '平远新城就业车间1号楼', payMin: 3000, payMax: 3600, payUnit: 'month', headcount: 15, requirements: '18-50岁，视力好，手脚灵活', contact: '陈经理 0857-7621003', trades: ['electronics'], daysAgo: 8 },
  { employer: '平远新城社区', title: '小区保洁员（公益性岗位）', kind: 'public_welfare', location: '本小区', payMin: 1600, payMax: 1600, payUnit: 'month', headcount: 6, requirements: '优先零就业家庭、弱劳动力', contact: '社区服务站 0857-7621000', trades: ['cleaning'], daysAgo: 1 },
  { employer: '平远新城社区', title: '治安巡逻员（公益性岗位）', kind: 'public_welfare', location: '本小区', payMin: 1800, payMax: 1800, payUnit: 'month', headcount: 4, requirements: '男性，60岁以下，身体健康', contact: '社区服务站 0857-7621000', trades: ['security'], daysAgo: 12 },
  { employer: '织金县城建公司', title: '电焊工', kind: 'local', location: '织金县城工地', payMin: 250, payMax: 350, payUnit: 'day', headcount: 8, requirements: '持焊工证，或参加社区电焊培训结业', contact: '李工 138-0857-2233', trades: ['welding', 'construction'], daysAgo: 3 },
  { employer: '织金县家政服务中心', title: '家政服务员/养老护理员', kind: 'local', location: '织金县城', payMin: 3000, payMax: 4500, payUnit: 'month', headcount: 10, requirements: '女性优先，经过家政培训', contact: '罗女士 139-0857-4455', trades: ['housekeeping', 'caregiving'], daysAgo: 4 },
  { employer: '广州花都区对口帮扶（东西部劳务协作）', title: '电子厂普工（包吃住，免费劳务直通车）', kind: 'outbound', location: '广东省广州市花都区', payMin: 4500, payMax: 6000, payUnit: 'month', headcount: 50, requirements: '18-45岁，身体健康；提供稳岗补助和交通补贴', contact: '县人社局劳务办 0857-7633666', trades: ['electronics'], daysAgo: 6 },
];

export async function seedJobsDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  const now = deps.clock();
  const communities = await db.community.findMany({ include: { roles: { where: { role: 'STAFF' }, take: 1 } } });
  const admin = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.admin } });
  for (const c of communities) {
    const by = c.roles[0]?.userId ?? admin.userId;
    for (const j of JOBS) {
      const { daysAgo, trades, ...fields } = j;
      const at = new Date(now.getTime() - daysAgo * DAY);
      await insertPosting(db, { ...fields, trades: JSON.stringify(trades), communityId: c.id, createdById: by, createdAt: at, updatedAt: at });
    }
  }
}
