// Periodic background tasks of one server process (SLA escalation, points
// expiry, …). Each task is safe to run on several instances at once; with a
// `lease`, only the instance holding the task's lease runs it (server/leases.ts).
// A run that fails is logged and the next one tries again. Runs never overlap.
import type { Logger } from './logger.js';

export interface BackgroundTask {
  name: string;
  /** 0 turns the task off. */
  everyMs: number;
  run: () => Promise<unknown>;
}

export function startBackgroundTasks(
  tasks: BackgroundTask[],
  logger: Logger,
  lease: (task: BackgroundTask) => Promise<boolean> = async () => true,
): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const t of tasks.filter((x) => x.everyMs > 0)) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        if (!(await lease(t))) return; // another instance has it
        const result = await t.run();
        const counts = typeof result === 'number' ? [result] : Object.values(result ?? {});
        if (counts.some((v) => typeof v === 'number' && v > 0)) logger.info({ task: t.name, result }, 'background task did work');
      } catch (err) {
        logger.error({ err, task: t.name }, 'background task failed');
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, t.everyMs);
    timer.unref();
    timers.push(timer);
    void tick();
  }
  return () => timers.forEach(clearInterval);
}
