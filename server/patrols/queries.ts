// The patrol tables (PatrolItem, PatrolSettings, Patrol, PatrolCheck): only this folder writes them.
import type { Prisma } from '@prisma/client';
import { isUniqueViolation, type Db } from '../db.js';

type Tx = Prisma.TransactionClient | Db;

/** The checklist the case reports describe (楼长 patrols: 消防通道, 楼道灯, 水电, 电梯, 卫生, 隐患), until staff change it. */
export const DEFAULT_CHECKLIST = [
  '消防通道畅通',
  '楼道灯完好',
  '水电表、管道无渗漏',
  '电梯运行正常',
  '楼道卫生整洁',
  '单元门、门禁完好',
  '无安全隐患（电动车入户充电、杂物堆放）',
];
export const DEFAULT_EVERY_DAYS = 7;

/**
 * Writes the default checklist the first time a community's is needed. The
 * settings row is the guard: of two first requests, one creates it and the
 * items; the other's insert fails on its key and it reads what the first wrote.
 */
export async function ensureChecklist(db: Db, communityId: string, now: Date): Promise<void> {
  if (await db.patrolSettings.findUnique({ where: { communityId }, select: { communityId: true } })) return;
  try {
    await db.$transaction(async (tx) => {
      await tx.patrolSettings.create({ data: { communityId, everyDays: DEFAULT_EVERY_DAYS, updatedAt: now } });
      await tx.patrolItem.createMany({
        data: DEFAULT_CHECKLIST.map((name, sort) => ({ communityId, name, sort, createdAt: now, updatedAt: now })),
      });
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
}

export const activeItems = (db: Tx, communityId: string) =>
  db.patrolItem.findMany({ where: { communityId, active: true }, orderBy: [{ sort: 'asc' }, { id: 'asc' }], select: { id: true, name: true } });

export async function everyDaysOf(db: Tx, communityId: string): Promise<number> {
  return (await db.patrolSettings.findUnique({ where: { communityId } }))?.everyDays ?? DEFAULT_EVERY_DAYS;
}

export const patrolInclude = {
  checks: { orderBy: { checkedAt: 'asc' } },
} satisfies Prisma.PatrolInclude;

export type PatrolRow = Prisma.PatrolGetPayload<{ include: typeof patrolInclude }>;

export const findPatrol = (db: Tx, id: string) => db.patrol.findUnique({ where: { id }, include: patrolInclude });
