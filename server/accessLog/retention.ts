import type { Deps } from '../context.js';
import { ACCESS_LOG_RETENTION_DAYS } from '../../shared/retention.js';
import { deleteEntriesBefore } from './queries.js';

/** Deletes access-log entries past their retention period (three years, shared/retention.ts), in batches. */
export async function forgetOldAccessLog(deps: Pick<Deps, 'db' | 'clock'>, batch = 1000): Promise<number> {
  const before = new Date(deps.clock().getTime() - ACCESS_LOG_RETENTION_DAYS * 86_400_000);
  let total = 0;
  for (;;) {
    const n = await deleteEntriesBefore(deps.db, before, batch);
    total += n;
    if (n < batch) return total;
  }
}
