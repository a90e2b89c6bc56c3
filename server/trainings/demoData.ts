// Demo courses for every community, matched to the demo postings (以岗定培):
// 电焊, 家政, 厨师, 电子产品加工, as in the case reports.
import type { Deps } from '../context.js';
import { DEMO_OPENIDS } from '../demoFacts.js';
import type { Trade } from '../employment/index.js';
import { jobSummaries } from '../jobs/index.js';
import { insertSession } from './queries.js';

const DAY = 86_400_000;

const TRAININGS: Array<{ course: string; trade: Trade; schedule: string; place: string; startsInDays: number; days: number; capacity: number; jobTitles: string[] }> = [
  { course: '电焊工（初级）技能培训', trade: 'welding', schedule: '周一至周五 9:00-12:00, 14:00-17:00', place: '平远新城职业技能实训室', startsInDays: 10, days: 20, capacity: 20, jobTitles: ['电焊工'] },
  { course: '家政服务与养老护理培训', trade: 'housekeeping', schedule: '周二、周四 14:00-17:00', place: '社区党群服务中心三楼', startsInDays: 7, days: 30, capacity: 25, jobTitles: ['家政服务员/养老护理员'] },
  { course: '中式烹调（厨师）培训', trade: 'cooking', schedule: '周一、三、五 9:00-11:30', place: '社区食堂后厨', startsInDays: 14, days: 30, capacity: 15, jobTitles: [] },
  { course: '电子产品加工岗前培训', trade: 'electronics', schedule: '连续5天 9:00-16:00', place: '就业车间1号楼', startsInDays: 5, days: 5, capacity: 30, jobTitles: ['电子元件装配工', '电子厂普工（包吃住，免费劳务直通车）'] },
];


/** After the demo postings (server/jobs seedJobsDemo): each course is linked to the postings it names. */
export async function seedTrainingsDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  const now = deps.clock();
  const communities = await db.community.findMany({ include: { roles: { where: { role: 'STAFF' }, take: 1 } } });
  const admin = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.admin } });
  for (const c of communities) {
    const by = c.roles[0]?.userId ?? admin.userId;
    const jobs = await jobSummaries(db, { communityId: c.id });
    for (const t of TRAININGS) {
      const startsAt = new Date(now.getTime() + t.startsInDays * DAY);
      await insertSession(
        db,
        {
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
        },
        jobs.filter((j) => t.jobTitles.includes(j.title)).map((j) => j.id),
      );
    }
  }
}
