/**
 * Periodic work in worker processes (outbox sweep, Atlas poll, question expiry). Plain timers,
 * not Redis-stored schedules, so they run in embedded mode and survive Redis losing its data; a
 * short lease in PostgreSQL (job_locks) keeps several worker processes from doing the same tick
 * at once.
 */
import type { Logger } from 'pino';

export interface Ticker {
  stop(): Promise<void>;
  /** Runs one tick now (e.g. at start-up). */
  runNow(): Promise<void>;
}

/** Takes the lease on a task for `ms`; false when another process holds it. */
export type TaskLock = (name: string, ms: number) => Promise<boolean>;

export function every(deps: { lock: TaskLock; logger: Logger }, name: string, intervalMs: number, tick: () => Promise<void>): Ticker {
  const log = deps.logger.child({ component: 'schedule', task: name });
  let running: Promise<void> | null = null;
  let stopped = false;
  let failing = false;

  async function once(): Promise<void> {
    if (stopped || running) return running ?? undefined;
    running = (async () => {
      try {
        if (!(await deps.lock(name, Math.max(intervalMs - 50, 50)))) return;
        await tick();
        if (failing) log.info('periodic task works again');
        failing = false;
      } catch (err) {
        // Said once per stretch of failures (a database outage would otherwise repeat it every tick).
        if (!failing) log.warn({ err: (err as Error).message }, 'periodic task failed; will try again next time');
        failing = true;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const timer = setInterval(() => void once(), intervalMs);
  timer.unref();
  return {
    runNow: once,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
