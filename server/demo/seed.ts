// Loads the demo data set into an empty database. Orders are raised and moved
// through the real order services (on a clock set back in time), so the demo
// timelines are exactly what the app would have written.
import crypto from 'node:crypto';
import type { HouseholdTagKind, Prisma } from '@prisma/client';
import { loadViewer, type Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import type { Db } from '../db.js';
import { hashIdNumber } from '../org/index.js';
import { submitOrder } from '../orders/index.js';
import { seedNoticesDemo } from '../notices/index.js';
import { seedPointsDemo } from '../points/index.js';
import { seedShopDemo } from '../shop/index.js';
import { seedJobsDemo } from '../jobs/index.js';
import { seedTrainingsDemo } from '../trainings/index.js';
import { seedEmploymentDemo } from '../employment/index.js';
import { importDemoRegistry, type DemoRegistry } from '../registry/index.js';
import { seedVisitsDemo } from '../visits/index.js';
import { claimOrder, dispatchOrder, giveFeedback, resolveOrder, reviewOrder } from '../orders/index.js';
import {
  BUILDINGS_PER_GRID,
  CATEGORIES,
  COMMUNITIES,
  DEMO_OPENIDS,
  DEMO_REGIONS,
  DISTRICT,
  ESTATE,
  FLATS_PER_FLOOR,
  FLOORS,
  GIVEN_FEMALE,
  GIVEN_MALE,
  GRIDS_PER_COMMUNITY,
  ORIGINS,
  SURNAMES,
  TAG_RATES,
  UNITS_PER_BUILDING,
} from '../demoFacts.js';

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return (await db.community.count()) === 0;
}

/** Deterministic pseudo-random numbers, so every fresh database holds the same demo. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, pick, int };
}

/** A well-formed but fictitious ID number (织金县 region code, valid check digit). */
function idNumber(birthYear: number, r: ReturnType<typeof prng>, female: boolean): string {
  const month = String(r.int(1, 12)).padStart(2, '0');
  const day = String(r.int(1, 28)).padStart(2, '0');
  const seq = String(r.int(0, 49) * 2 + (female ? 0 : 1)).padStart(3, '0');
  const body = `520524${birthYear}${month}${day}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** One resident per number (Resident.idNumberHash is unique): a drawn number already given is bumped to the next sequence. */
const givenIdNumbers = new Set<string>();
function uniqueIdNumber(n: string): string {
  while (givenIdNumbers.has(n)) {
    const body = n.slice(0, 14) + String((Number(n.slice(14, 17)) + 2) % 1000).padStart(3, '0');
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    n = body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * weights[i]!, 0) % 11]!;
  }
  givenIdNumbers.add(n);
  return n;
}

interface Seeded {
  buildingIds: string[][]; // [community][building]
  households: Array<{ id: string; communityIdx: number; buildingIdx: number; unit: number; room: string; headResidentId: string; tags: HouseholdTagKind[] }>;
}

export async function seedDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  givenIdNumbers.clear();
  const r = prng(20180601); // 平远新城: residents moved in from June 2018
  const id = () => crypto.randomUUID();
  const communityIds: string[] = [];
  const gridIds: string[][] = [];
  const seeded: Seeded = { buildingIds: [], households: [] };
  // the levels above the communities (县 → 街道, issue #19); ids outside the prng, so the rest stays as it was
  const countyId = id();
  const streetId = id();

  const communities: Prisma.CommunityCreateManyInput[] = [];
  const residentNames = new Map<string, string>();
  const categories: Prisma.ServiceCategoryCreateManyInput[] = [];
  // what each community's 户籍台账 workbook holds (imported below, as a real community's is)
  const registries: DemoRegistry[] = [];
  /** the drawn resident's id → their ID number's hash, which finds them after the import */
  const hashOf = new Map<string, string>();

  COMMUNITIES.forEach((name, ci) => {
    const communityId = id();
    communityIds.push(communityId);
    communities.push({ id: communityId, name: `${name}社区`, estate: ESTATE, district: DISTRICT, regionId: streetId });
    CATEGORIES.forEach((c, i) =>
      categories.push({
        communityId,
        code: c.code,
        name: c.name,
        icon: c.icon,
        sort: i,
        responseMinutes: c.respond,
        resolveMinutes: c.resolve,
      }),
    );
    gridIds.push([]);
    seeded.buildingIds.push([]);
    const registry: DemoRegistry = { grids: [], households: [] };
    registries.push(registry);
    for (let g = 0; g < GRIDS_PER_COMMUNITY; g++) {
      // the ids of grids, buildings and households are the import's; these names find them after it
      gridIds[ci]!.push(`第${g + 1}网格`);
      const grid: DemoRegistry['grids'][number] = { name: `第${g + 1}网格`, buildings: [] };
      registry.grids.push(grid);
      for (let b = 0; b < BUILDINGS_PER_GRID; b++) {
        const buildingIdx = g * BUILDINGS_PER_GRID + b;
        const buildingName = `${name}${buildingIdx + 1}栋`;
        seeded.buildingIds[ci]!.push(buildingName);
        grid.buildings.push({ name: buildingName, floors: FLOORS, units: Array.from({ length: UNITS_PER_BUILDING }, (_, k) => `${k + 1}单元`) });
        for (let u = 1; u <= UNITS_PER_BUILDING; u++) {
          for (let floor = 1; floor <= FLOORS; floor++) {
            for (let flat = 1; flat <= FLATS_PER_FLOOR; flat++) {
              const room = `${floor}0${flat}`;
              const surname = r.pick(SURNAMES);
              const headBorn = r.int(1948, 1990);
              const headFemale = r.next() < 0.35;
              const householdTags = TAG_RATES.filter(([, rate]) => r.next() < rate).map(([k]) => k);
              // the ground floor went to families with limited mobility
              if (floor === 1 && !householdTags.includes('DISABLED')) householdTags.push('DISABLED');
              const household: DemoRegistry['households'][number] = { building: buildingName, unit: `${u}单元`, room, originPlace: r.pick(ORIGINS), tags: householdTags, people: [] };
              registry.households.push(household);
              const headResidentId = id();
              const members: Array<{ relation: string; female: boolean; born: number }> = [
                { relation: '户主', female: headFemale, born: headBorn },
              ];
              if (!householdTags.includes('EMPTY_NEST_ELDERLY') || r.next() < 0.5) {
                members.push({ relation: '配偶', female: !headFemale, born: headBorn + r.int(-3, 3) });
              }
              if (!householdTags.includes('EMPTY_NEST_ELDERLY')) {
                const children = r.int(0, 3);
                for (let k = 0; k < children; k++) {
                  members.push({ relation: '子女', female: r.next() < 0.5, born: Math.min(headBorn + r.int(20, 30), 2022) });
                }
              }
              members.forEach((m, k) => {
                const given = r.pick(m.female ? GIVEN_FEMALE : GIVEN_MALE);
                const residentId = k === 0 ? headResidentId : id();
                const personName = `${m.relation === '配偶' ? r.pick(SURNAMES) : surname}${given}`;
                const idNo = uniqueIdNumber(idNumber(m.born, r, m.female));
                const phone = m.born < 2008 ? `1${r.pick(['38', '39', '58', '87', '51'])}${String(r.int(0, 99999999)).padStart(8, '0')}` : null;
                residentNames.set(residentId, personName);
                hashOf.set(residentId, hashIdNumber(deps.config.idNumbers, idNo));
                household.people.push({ relation: m.relation, name: personName, idNumber: idNo, phone });
              });
              seeded.households.push({
                id: `${buildingName}\u0001${u}单元\u0001${room}`,
                communityIdx: ci,
                buildingIdx,
                unit: u,
                room,
                headResidentId,
                tags: householdTags,
              });
            }
          }
        }
      }
    }
  });

  await db.region.create({ data: { id: countyId, level: 'COUNTY', name: DEMO_REGIONS.county } });
  await db.region.create({ data: { id: streetId, level: 'STREET', name: DEMO_REGIONS.street, parentId: countyId } });
  await db.community.createMany({ data: communities });
  await db.serviceCategory.createMany({ data: categories });

  // the registry: each community's workbook through the import's dry run and confirm, in the
  // name of the platform administrator (made first for that), then the drawn names and places
  // are swapped for the ids the import gave
  const admin = id();
  await db.user.create({ data: { id: admin, displayName: '平台管理员' } });
  await db.wechatIdentity.create({ data: { userId: admin, openid: DEMO_OPENIDS.admin } });
  await db.userRole.create({ data: { userId: admin, role: 'ADMIN', communityId: null } });
  const adminViewer = (await loadViewer(db, admin))!;
  for (let ci = 0; ci < COMMUNITIES.length; ci++) {
    const imported = await importDemoRegistry(deps, adminViewer, communityIds[ci]!, registries[ci]!);
    gridIds[ci] = gridIds[ci]!.map(imported.gridId);
    seeded.buildingIds[ci] = seeded.buildingIds[ci]!.map(imported.buildingId);
    for (const h of seeded.households.filter((x) => x.communityIdx === ci)) {
      const [b, u, room] = h.id.split('\u0001') as [string, string, string];
      h.id = imported.householdId(b, u, room);
    }
  }
  const residentIds = new Map(
    (await db.resident.findMany({ select: { id: true, idNumberHash: true } })).map((x) => [x.idNumberHash!, x.id]),
  );
  const residentName = new Map<string, string>();
  for (const h of seeded.households) {
    const drawn = h.headResidentId;
    h.headResidentId = residentIds.get(hashOf.get(drawn)!)!;
    residentName.set(h.headResidentId, residentNames.get(drawn)!);
  }
  const householdAt = (ci: number, buildingIdx: number, unit: number, room: string) =>
    seeded.households.find((h) => h.communityIdx === ci && h.buildingIdx === buildingIdx && h.unit === unit && h.room === room)!;

  // --- accounts ---------------------------------------------------------------
  const users: Prisma.UserCreateManyInput[] = [];
  const identities: Prisma.WechatIdentityCreateManyInput[] = [];
  const roles: Prisma.UserRoleCreateManyInput[] = [];
  const account = (openid: string, displayName: string, residentId?: string) => {
    const userId = id();
    users.push({ id: userId, displayName, residentId: residentId ?? null });
    identities.push({ userId, openid });
    return userId;
  };
  const workerNames = ['陈丽', '赵海燕', '周敏', '胡佳', '田芳', '潘静', '熊伟', '蔡明', '朱红'];
  COMMUNITIES.forEach((_, ci) => {
    const communityId = communityIds[ci]!;
    for (let g = 0; g < GRIDS_PER_COMMUNITY; g++) {
      const openid =
        ci === 0 && g === 0 ? DEMO_OPENIDS.gridWorker
        : ci === 0 && g === 1 ? DEMO_OPENIDS.gridWorker2
        : ci === 1 && g === 0 ? DEMO_OPENIDS.gridWorkerHuimin
        : `gridworker-${ci + 1}-${g + 1}`;
      const userId = account(openid, workerNames[ci * GRIDS_PER_COMMUNITY + g]!);
      roles.push({ userId, role: 'GRID_WORKER', communityId, gridId: gridIds[ci]![g]! });
    }
    seeded.buildingIds[ci]!.forEach((buildingId, b) => {
      // the head lives in the building (2单元 201), as building heads do
      const home = householdAt(ci, b, 2, '201');
      const openid = ci === 0 && b === 0 ? DEMO_OPENIDS.buildingHead : `buildinghead-${ci + 1}-${b + 1}`;
      const userId = account(openid, residentName.get(home.headResidentId)!, home.headResidentId);
      roles.push({ userId, role: 'BUILDING_HEAD', communityId, buildingId });
    });
  });
  const residentAccount = (openid: string, h: Seeded['households'][number]) =>
    account(openid, residentName.get(h.headResidentId)!, h.headResidentId);
  residentAccount(DEMO_OPENIDS.resident, householdAt(0, 0, 1, '302'));
  residentAccount(DEMO_OPENIDS.resident2, householdAt(0, BUILDINGS_PER_GRID, 1, '201'));
  residentAccount(DEMO_OPENIDS.residentHuimin, householdAt(1, 0, 1, '402'));
  const staff = account(DEMO_OPENIDS.staff, '吴婷');
  roles.push({ userId: staff, role: 'STAFF', communityId: communityIds[0]! });
  const reviewer = account(DEMO_OPENIDS.reviewer, '龙建国');
  roles.push({ userId: reviewer, role: 'REVIEWER', communityId: communityIds[0]! });
  const staffHuimin = account(DEMO_OPENIDS.staffHuimin, '石秀兰');
  roles.push({ userId: staffHuimin, role: 'STAFF', communityId: communityIds[1]! });
  // the platform administrator was made before the registry import, in whose name it ran
  // 县/街道 officials: an admin and a read-only oversight account at each level
  roles.push({ userId: account(DEMO_OPENIDS.countyAdmin, '罗志刚'), role: 'COUNTY_ADMIN', regionId: countyId });
  roles.push({ userId: account(DEMO_OPENIDS.countyViewer, '杨晓燕'), role: 'COUNTY_OVERSIGHT', regionId: countyId });
  roles.push({ userId: account(DEMO_OPENIDS.streetAdmin, '王建军'), role: 'STREET_ADMIN', regionId: streetId });
  roles.push({ userId: account(DEMO_OPENIDS.streetViewer, '李梅'), role: 'STREET_OVERSIGHT', regionId: streetId });

  await db.user.createMany({ data: users });
  await db.wechatIdentity.createMany({ data: identities });
  await db.userRole.createMany({ data: roles });

  await seedDemoOrders(deps, seeded);
  await seedNoticesDemo(deps);
  await seedPointsDemo(deps);
  await seedShopDemo(deps);
  await seedJobsDemo(deps);
  await seedTrainingsDemo(deps);
  await seedEmploymentDemo(deps);
  await seedVisitsDemo(deps);
}

/** A handful of orders in every state, on 惠泽社区, so each role's screens show something on first start. */
async function seedDemoOrders(deps: Deps, seeded: Seeded) {
  const base = deps.clock().getTime();
  let t = base;
  const at = (minutesAgo: number) => (t = base - minutesAgo * 60_000);
  const d: Deps = { ...deps, clock: () => new Date(t) };
  const as = async (openid: string): Promise<Viewer> => {
    const ident = await deps.db.wechatIdentity.findUniqueOrThrow({ where: { openid } });
    return (await loadViewer(deps.db, ident.userId))!;
  };
  const [resident, resident2, head, worker, worker2, staff, reviewer] = await Promise.all(
    [
      DEMO_OPENIDS.resident,
      DEMO_OPENIDS.resident2,
      DEMO_OPENIDS.buildingHead,
      DEMO_OPENIDS.gridWorker,
      DEMO_OPENIDS.gridWorker2,
      DEMO_OPENIDS.staff,
      DEMO_OPENIDS.reviewer,
    ].map(as),
  );

  // 1. the whole 四单 flow, three days ago
  at(3 * 1440);
  const leak = await submitOrder(d, resident!, {
    category: 'repair',
    description: '厨房水管接头漏水，地上全是水，麻烦师傅来看一下。',
    urgency: 'normal',
    photos: [],
  });
  at(3 * 1440 - 20);
  await dispatchOrder(d, staff!, leak.id, { note: '请尽快上门' });
  at(3 * 1440 - 45);
  await claimOrder(d, worker!, leak.id, '下午两点上门');
  at(3 * 1440 - 200);
  await resolveOrder(d, worker!, leak.id, { note: '更换了水管接头和生料带，已试水不漏。', photos: [] });
  at(2 * 1440);
  await giveFeedback(d, resident!, leak.id, { satisfied: true, rating: 5, comment: '师傅很负责，谢谢！' });
  at(1440);
  await reviewOrder(d, reviewer!, leak.id, { verdict: 'pass', comment: '处置及时，群众满意。' });

  // 2. waiting to be dispatched
  at(120);
  await submitOrder(d, resident!, {
    category: 'sanitation',
    title: '楼道垃圾没人清理',
    description: '3楼楼道堆了好几天的垃圾，有味道了。',
    urgency: 'normal',
    photos: [],
  });

  // 3. a building head files for an elderly neighbour who has no phone
  const elderly = seeded.households.find(
    (h) => h.communityIdx === 0 && h.buildingIdx === 0 && h.tags.includes('EMPTY_NEST_ELDERLY') && h.room !== '302',
  ) ?? seeded.households.find((h) => h.communityIdx === 0 && h.buildingIdx === 0 && h.room === '101')!;
  at(90);
  const light = await submitOrder(d, head!, {
    category: 'care',
    description: '独居老人家里客厅的灯坏了，老人腿脚不便，请帮忙换一下。',
    urgency: 'normal',
    photos: [],
    onBehalfOf: elderly.headResidentId,
  });
  at(60);
  await dispatchOrder(d, staff!, light.id, {});

  // 4. in hand in the second grid
  at(300);
  const noise = await submitOrder(d, resident2!, {
    category: 'dispute',
    description: '楼上邻居每天晚上很晚还在敲打，影响休息，希望社区帮忙协调。',
    urgency: 'normal',
    photos: [],
  });
  at(280);
  await dispatchOrder(d, staff!, noise.id, {});
  at(240);
  await claimOrder(d, worker2!, noise.id, '今晚入户了解情况');

  // 5. resolved and rated, waiting for 党组织评单
  at(1000);
  const bulb = await submitOrder(d, resident2!, {
    category: 'repair',
    description: '楼道声控灯不亮，晚上上下楼看不见。',
    urgency: 'normal',
    photos: [],
  });
  at(990);
  await dispatchOrder(d, staff!, bulb.id, {});
  at(980);
  await claimOrder(d, worker2!, bulb.id);
  at(900);
  await resolveOrder(d, worker2!, bulb.id, { note: '已更换声控灯泡。', photos: [] });
  at(600);
  await giveFeedback(d, resident2!, bulb.id, { satisfied: true, rating: 4 });

  // 6. an emergency nobody has claimed for half an hour: overdue, shows on the staff's list
  at(30);
  await submitOrder(d, head!, {
    category: 'safety',
    title: '楼道里有烧焦的味道',
    description: '1单元4楼楼道里有烧焦的味道，可能是电线问题，请马上来人看看！',
    urgency: 'emergency',
    photos: [],
  });
}
