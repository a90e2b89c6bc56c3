// Demo notices and groups: 惠泽 and 惠民 have their building groups and grid
// work groups linked (but for 惠泽9栋, to show a building without one), 恒大's
// groups wait for staff to link them. The demo bot (server/bot/demo.ts) opens one mock
// group per building with these ids.
import type { Deps } from '../context.js';
import { DEMO_OPENIDS } from '../demoFacts.js';
import { createNotice } from './composeNotice.js';

/** The demo bot account's contact id: the same on every start, so the seeded groups are its groups. */
export const DEMO_BOT_ID = 'demo-bot';
export const demoRoomId = (buildingId: string) => `demo-${buildingId}@chatroom`;
/** A grid's work group (staff and workers), where emergency orders are announced. */
export const demoGridRoomId = (gridId: string) => `demo-grid-${gridId}@chatroom`;
export const gridGroupTopic = (community: string, grid: string) => `${community}${grid}工作群`;

const DAY = 86400_000;

export async function seedNoticesDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  const now = deps.clock();
  const communities = await db.community.findMany({ orderBy: { name: 'asc' }, include: { buildings: { orderBy: { name: 'asc' } }, grids: { orderBy: { name: 'asc' } } } });
  const huize = communities.find((c) => c.name === '惠泽社区')!;
  const huimin = communities.find((c) => c.name === '惠民社区')!;
  const staff = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.staff } });
  const staffHuimin = await db.wechatIdentity.findUniqueOrThrow({ where: { openid: DEMO_OPENIDS.staffHuimin } });

  for (const c of communities) {
    const linkedBy = c.id === huize.id ? staff.userId : c.id === huimin.id ? staffHuimin.userId : null;
    for (const b of c.buildings) {
      const linked = linkedBy !== null && b.name !== '惠泽9栋';
      const group = await db.chatGroup.create({
        data: {
          channel: 'wechaty',
          senderId: DEMO_BOT_ID,
          externalId: demoRoomId(b.id),
          topic: `${b.name}居民群`,
          memberCount: 3,
          communityId: linked ? c.id : null,
          seenAt: now,
          createdAt: now,
        },
      });
      if (linked) {
        await db.buildingGroup.create({ data: { buildingId: b.id, communityId: c.id, groupId: group.id, linkedById: linkedBy, linkedAt: now } });
      }
    }
    for (const g of c.grids) {
      const group = await db.chatGroup.create({
        data: {
          channel: 'wechaty',
          senderId: DEMO_BOT_ID,
          externalId: demoGridRoomId(g.id),
          topic: gridGroupTopic(c.name, g.name),
          memberCount: 3,
          communityId: linkedBy ? c.id : null,
          seenAt: now,
          createdAt: now,
        },
      });
      if (linkedBy) await db.gridGroup.create({ data: { gridId: g.id, communityId: c.id, groupId: group.id, linkedById: linkedBy, linkedAt: now } });
    }
  }

  // what 惠泽's groups already received, and one notice scheduled for tomorrow morning
  const past = [
    { kind: 'policy', days: 6, title: '2026年城乡居民医保开始缴费', body: '2026年度城乡居民基本医疗保险开始缴费，每人380元，低保户、特困人员由政府资助。可在社区服务中心一楼窗口或微信“贵州医保”缴费，截止12月31日。' },
    { kind: 'service', days: 3, title: '本周六义诊和理发进楼栋', body: '本周六上午9点到12点，县医院医生和志愿者在社区广场义诊（量血压、测血糖），免费理发。行动不便的老人请告诉楼栋长，上门服务。' },
    // a job notice is a 就业岗位 notice and leads to 找工作, where 我有意向 is one tap
    { kind: 'job', days: 1, title: '平远新城扶贫车间招工', body: '园区服装扶贫车间招收缝纫工20名，计件工资，每月2500元以上，可带孩子上下学。想去的点下面“去看看”，在“找工作”里点“我有意向”，社区就业服务中心会联系您。', pagePath: 'pages/jobs/index' },
  ] as const;
  for (const p of past) {
    const at = new Date(now.getTime() - p.days * DAY);
    const id = await db.$transaction((tx) =>
      createNotice(tx, {
        communityId: huize.id,
        kind: p.kind,
        title: p.title,
        body: p.body,
        imageId: null,
        pagePath: 'pagePath' in p ? p.pagePath : null,
        audience: 'community',
        audienceIds: [],
        buildingIds: huize.buildings.map((b) => b.id),
        sendAt: at,
        createdById: staff.userId,
        source: null,
        now: at,
      }),
    );
    await db.noticeDelivery.updateMany({ where: { noticeId: id }, data: { status: 'sent', attempts: 1, sentAt: at } });
  }
  const tomorrow9 = new Date(Math.ceil(now.getTime() / DAY) * DAY + 1 * 3600_000); // 09:00 in China
  await db.$transaction((tx) =>
    createNotice(tx, {
      communityId: huize.id,
      kind: 'activity',
      title: '“我们的节日”文艺汇演报名',
      body: '社区将举办“颂党恩·搬新居”文艺汇演，欢迎各楼栋居民报名唱歌、跳舞、快板。报名找楼栋长，截止本周五。',
      imageId: null,
      pagePath: null,
      audience: 'community',
      audienceIds: [],
      buildingIds: huize.buildings.map((b) => b.id),
      sendAt: tomorrow9,
      createdById: staff.userId,
      source: null,
      now,
    }),
  );
}
