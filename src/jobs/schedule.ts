/**
 * Periodic work in worker processes (outbox sweep, Atlas poll, question expiry). Plain timers,
 * not Redis-stored schedules, so they survive Redis losing its data; a short Redis lock keeps
 * several worker processes from doing the same tick at once.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface Ticker {
  stop(): Promise<void>;
  /** Runs one tick now (e.g. at start-up). */
  runNow(): Promise<void>;
}

export function every(deps: { redis: Redis; prefix: string; logger: Logger }, name: string, intervalMs: number, tick: () => Promise<void>): Ticker {
  const log = deps.logger.child({ component: 'schedule', task: name });
  let running: Promise<void> | null = null;
  let stopped = false;
  const lockKey = `${deps.prefix}:lock:${name}`;

  async function once(): Promise<void> {
    if (stopped || running) return running ?? undefined;
    running = (async () => {
      try {
        const got = await deps.redis.set(lockKey, String(process.pid), 'PX', Math.max(intervalMs - 50, 50), 'NX');
        if (got !== 'OK') return;
        await tick();
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'periodic task failed; will try again next time');
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
