/**
 * Housekeeping of the outbox, every 30 s in one worker process at a time. In queue mode it
 * re-adds rows whose job never reached Redis, or that Redis lost (a restart without persistence,
 * an eviction); a row whose job still exists is left alone. In both modes it prunes finished
 * rows after a week, delivery ids (Telegram updates, Atlas events…) after 30 days, and workers
 * stopped a day ago.
 */
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.js';
import type { JobWorkerRepository } from '../db/repositories/job-workers.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { JobRunner } from './runners/types.js';

export function createSweeper(deps: {
  outbox: OutboxRepository;
  runner: JobRunner;
  workers: JobWorkerRepository;
  clock: Clock;
  logger: Logger;
  /** Rows untouched for this long are checked against Redis (default 10 s). */
  staleAfterMs?: number;
  batch?: number;
  keepFinishedMs?: number;
  /** Forgets deliveries seen before a date (the dedup table), so it does not grow forever. */
  pruneDeliveries?: (olderThan: Date) => Promise<void>;
  /** How long a delivery id is remembered: longer than any sender redelivers (default 30 days). */
  keepDeliveriesMs?: number;
}) {
  const log = deps.logger.child({ component: 'outbox-sweeper' });
  const staleAfterMs = deps.staleAfterMs ?? 10_000;
  const HOUR = 3_600_000;
  let prunedAt = Number.NEGATIVE_INFINITY;
  return {
    /** One sweep; returns how many jobs were re-enqueued. */
    async sweep(): Promise<number> {
      const now = deps.clock.now().getTime();
      let requeued = 0;
      if (deps.runner.mode === 'queue' && deps.runner.available()) {
        const rows = await deps.outbox.stale(new Date(now - staleAfterMs), deps.batch ?? 500);
        requeued = await deps.runner.resubmit(rows);
        await deps.outbox.touch(rows.map((r) => r.jobId));
        await deps.outbox.markEnqueued(rows.map((r) => r.jobId));
        if (requeued) log.warn({ requeued, checked: rows.length }, 're-enqueued jobs missing from Redis');
      }
      await deps.outbox.prune(new Date(now - (deps.keepFinishedMs ?? 7 * 24 * HOUR)));
      // The dedup table has no index on its date: prune it (and old workers) at most once an hour.
      if (now - prunedAt >= HOUR) {
        prunedAt = now;
        await deps.workers.prune(new Date(now - 24 * HOUR));
        if (deps.pruneDeliveries) await deps.pruneDeliveries(new Date(now - (deps.keepDeliveriesMs ?? 30 * 24 * HOUR)));
      }
      return requeued;
    },
  };
}
