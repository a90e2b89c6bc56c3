// Demo jobs, training and a 就业台账 for every community, after the case
// reports: workshops on the estate (服装加工, 蜡染刺绣, 电子元件加工), public-welfare
// posts (保洁, 保安), organised outbound labour (对口帮扶 广州花都区), courses
// matched to them (电焊, 家政, 厨师, 电子产品加工), and about 85% of the labour
// force in work (平远新城: 8,843 of 10,354).
import type { EmploymentStatus, Prisma } from '@prisma/client';
import type { Deps } from '../context.js';
import { DEMO_OPENIDS } from '../demo/data.js';
import type { Trade } from './trades.js';

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

const TRAININGS: Array<{ course: string; trade: Trade; schedule: string; place: string; startsInDays: number; days: number; capacity: number; jobTitles: string[] }> = [
  { course: '电焊工（初级）技能培训', trade: 'welding', schedule: '周一至周五 9:00-12:00, 14:00-17:00', place: '平远新城职业技能实训室', startsInDays: 10, days: 20, capacity: 20, jobTitles: ['电焊工'] },
  { course: '家政服务与养老护理培训', trade: 'housekeeping', schedule: '周二、周四 14:00-17:00', place: '社区党群服务中心三楼', startsInDays: 7, days: 30, capacity: 25, jobTitles: ['家政服务员/养老护理员'] },
  { course: '中式烹调（厨师）培训', trade: 'cooking', schedule: '周一、三、五 9:00-11:30', place: '社区食堂后厨', startsInDays: 14, days: 30, capacity: 15, jobTitles: [] },
  { course: '电子产品加工岗前培训', trade: 'electronics', schedule: '连续5天 9:00-16:00', place: '就业车间1号楼', startsInDays: 5, days: 5, capacity: 30, jobTitles: ['电子元件装配工', '电子厂普工（包吃住，免费劳务直通车）'] },
];

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedJobsDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  const now = deps.clock();
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const random = prng(4426);
  const communities = await db.community.findMany({ include: { roles: { where: { role: 'STAFF' }, take: 1 } } });
  const admin = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.admin } });
  for (const c of communities) {
    const by = c.roles[0]?.userId ?? admin.userId;
    for (const j of JOBS) {
      const { daysAgo, trades, ...fields } = j;
      const at = new Date(now.getTime() - daysAgo * DAY);
      await db.jobPosting.create({ data: { ...fields, trades: JSON.stringify(trades), communityId: c.id, createdById: by, createdAt: at, updatedAt: at } });
    }
    const jobs = await db.jobPosting.findMany({ where: { communityId: c.id } });
    for (const t of TRAININGS) {
      const startsAt = new Date(now.getTime() + t.startsInDays * DAY);
      await db.trainingSession.create({
        data: {
          communityId: c.id,
          course: t.course,
          trade: t.trade,
          schedule: t.schedule,
          place: t.place,
          startsAt,
          endsAt: new Date(startsAt.getTime() + t.days * DAY),
          signupDeadline: new Date(startsAt.getTime() - DAY),
          capacity: t.capacity,
          createdById: by,
          createdAt: now,
          updatedAt: now,
          jobs: { create: jobs.filter((j) => t.jobTitles.includes(j.title)).map((j) => ({ jobId: j.id })) },
        },
      });
    }

    // the ledger: most working-age people in work, some seeking, a few households with nobody in work
    const residents = await db.resident.findMany({ where: { communityId: c.id }, orderBy: { id: 'asc' } });
    const records: Prisma.EmploymentRecordCreateManyInput[] = [];
    const EMPLOYERS: Array<[EmploymentStatus, string | null]> = [
      ['employed_local', '清达服装有限公司'],
      ['employed_local', '织金县电子元件加工车间'],
      ['employed_local', '贵州花仙子蜡染刺绣公司'],
      ['employed_outbound', '广东东莞电子厂'],
      ['employed_outbound', '浙江宁波建筑工地'],
      ['employed_outbound', '广州花都区服装厂'],
      ['public_welfare', '社区保洁'],
      ['self_employed', '扶贫微创园便民超市'],
    ];
    const SEEKING_TRADES: Trade[][] = [['welding'], ['housekeeping', 'caregiving'], ['cooking'], ['electronics'], ['garment', 'embroidery'], ['security']];
    const zeroHouseholds = new Set(residents.filter(() => random() < 0.02).map((r) => r.householdId));
    for (const r of residents) {
      const age = r.birthYear ? year - r.birthYear : null;
      if (age === null || age < 16 || age > 60) continue;
      const roll = random();
      let status: EmploymentStatus;
      let employer: string | null = null;
      let trades: Trade[] = [];
      if (zeroHouseholds.has(r.householdId)) {
        status = roll < 0.7 ? 'seeking' : 'unable';
      } else if (roll < 0.82) {
        [status, employer] = EMPLOYERS[Math.floor(random() * EMPLOYERS.length)]!;
      } else if (roll < 0.95) {
        status = 'seeking';
      } else {
        status = 'unable';
      }
      if (status === 'seeking') trades = SEEKING_TRADES[Math.floor(random() * SEEKING_TRADES.length)]!;
      const monthsAgo = 1 + Math.floor(random() * 30);
      records.push({
        communityId: c.id,
        householdId: r.householdId,
        residentId: r.id,
        status,
        employer,
        since: employer ? new Date(now.getTime() - monthsAgo * 30 * DAY) : null,
        trades: JSON.stringify(trades),
        current: true,
        source: 'import',
        recordedById: by,
        createdAt: new Date(now.getTime() - 20 * DAY),
      });
    }
    await db.employmentRecord.createMany({ data: records });
  }

  // demo-resident is looking for work in housekeeping, so matching shows on first start
  const me = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.resident }, include: { user: { include: { resident: true } } } });
  const resident = me.user.resident!;
  await db.employmentRecord.updateMany({ where: { residentId: resident.id, current: true }, data: { current: false } });
  await db.employmentRecord.create({
    data: {
      communityId: resident.communityId,
      householdId: resident.householdId,
      residentId: resident.id,
      status: 'seeking',
      trades: JSON.stringify(['housekeeping', 'cooking'] satisfies Trade[]),
      note: '想在家附近上班，方便照顾孙子',
      current: true,
      source: 'manual',
      recordedById: admin.userId,
      createdAt: now,
    },
  });
}
