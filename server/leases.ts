// One instance at a time runs each periodic background task. The holder renews
// its lease on every run; if it dies, the lease runs out and another instance
// takes over on its next tick. (The tasks stay safe to run twice — unique keys
// make their writes idempotent — the lease keeps the instances from doing the
// same work side by side.)
import type { Deps } from './context.js';
import { isUniqueViolation } from './db.js';

export async function holdLease(deps: Pick<Deps, 'db' | 'clock'>, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = deps.clock();
  const until = new Date(now.getTime() + ttlMs);
  const taken = await deps.db.backgroundLease.updateMany({
    where: { name, OR: [{ holder }, { until: { lt: now } }] },
    data: { holder, until },
  });
  if (taken.count === 1) return true;
  try {
    await deps.db.backgroundLease.create({ data: { name, holder, until } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false; // held by another instance
    throw e;
  }
}

export async function releaseLeases(deps: Pick<Deps, 'db'>, holder: string): Promise<void> {
  await deps.db.backgroundLease.deleteMany({ where: { holder } });
}
