/**
 * Re-enqueues outbox rows whose job never reached Redis, or that Redis lost (a restart without
 * persistence, an eviction). A row whose job still exists is left alone; finished rows are
 * pruned after a week, and delivery ids (Telegram updates, Atlas events…) after 30 days.
 */
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { Enqueuer } from './enqueue.js';
import type { QueueName } from './names.js';

export function createSweeper(deps: {
  outbox: OutboxRepository;
  enqueuer: Enqueuer;
  queues: Record<QueueName, Queue>;
  clock: Clock;
  logger: Logger;
  /** Rows untouched for this long are checked (default 10 s). */
  staleAfterMs?: number;
  /** Running rows are checked once their lease is over. */
  claimLeaseMs: number;
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
  let deliveriesPrunedAt = Number.NEGATIVE_INFINITY;
  return {
    /** One sweep; returns how many jobs were re-enqueued. */
    async sweep(): Promise<number> {
      const now = deps.clock.now().getTime();
      const rows = await deps.outbox.stale(new Date(now - staleAfterMs), new Date(now - deps.claimLeaseMs), deps.batch ?? 500);
      let requeued = 0;
      for (const row of rows) {
        const queue = deps.queues[row.queue as QueueName];
        if (!queue) continue;
        const job = await queue.getJob(row.jobId);
        if (job) continue;
        await deps.enqueuer.add({ jobId: row.jobId, organizationId: row.organizationId, queue: row.queue, name: row.name, payload: row.payload, priority: row.priority });
        requeued++;
      }
      await deps.outbox.touch(rows.map((r) => r.jobId));
      await deps.outbox.markEnqueued(rows.map((r) => r.jobId));
      if (requeued) log.warn({ requeued, checked: rows.length }, 're-enqueued jobs missing from Redis');
      await deps.outbox.prune(new Date(now - (deps.keepFinishedMs ?? 7 * 24 * HOUR)));
      // The dedup table has no index on its date: prune it at most once an hour.
      if (deps.pruneDeliveries && now - deliveriesPrunedAt >= HOUR) {
        deliveriesPrunedAt = now;
        await deps.pruneDeliveries(new Date(now - (deps.keepDeliveriesMs ?? 30 * 24 * HOUR)));
      }
      return requeued;
    },
  };
}
