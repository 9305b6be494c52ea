/**
 * Durable enqueue: the outbox row in PostgreSQL first (inside the caller's transaction when it
 * has one), BullMQ after. Redis being down delays work but never loses it: the sweeper
 * enqueues rows that did not make it. Job ids come from the cause, so adding twice is harmless.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { createOutboxRepository, type DbLike, type OutboxEntry } from '../db/repositories/outbox.js';
import { UNBOUNDED_ATTEMPTS } from './backoff.js';
import type { QueueName } from './names.js';

export type { OutboxEntry };

export interface Enqueuer {
  /** Writes the entries and enqueues the ones not already finished. */
  enqueue(entries: OutboxEntry[]): Promise<void>;
  /** Writes inside a transaction; call `push` with the same entries after it commits. */
  write(tx: DbLike, entries: OutboxEntry[]): Promise<void>;
  /**
   * Adds to BullMQ (best effort within a deadline; the sweeper covers the rest). Entries whose
   * row is already finished are skipped; `fresh` says the rows were just written (no check).
   */
  push(entries: OutboxEntry[], opts?: { fresh?: boolean }): Promise<void>;
  /** Adds to BullMQ and throws when Redis refuses (the sweeper's path). */
  add(entry: OutboxEntry): Promise<void>;
}

export const JOB_DEFAULTS: JobsOptions = {
  attempts: UNBOUNDED_ATTEMPTS,
  backoff: { type: 'rivet' },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function createEnqueuer(deps: {
  db: Db;
  queues: Record<QueueName, Queue>;
  logger: Logger;
  /** How long a producer waits for Redis before leaving the job to the sweeper. */
  pushTimeoutMs?: number;
}): Enqueuer {
  const outbox = createOutboxRepository(deps.db);
  const pushTimeoutMs = deps.pushTimeoutMs ?? 2_000;
  const log = deps.logger.child({ component: 'enqueue' });

  async function add(e: OutboxEntry): Promise<void> {
    const queue = deps.queues[e.queue as QueueName];
    if (!queue) throw new Error(`unknown queue ${e.queue}`);
    await queue.add(e.name, e.payload, { ...JOB_DEFAULTS, jobId: e.jobId, ...(e.priority > 0 ? { priority: e.priority } : {}) });
  }

  async function push(entries: OutboxEntry[], opts: { fresh?: boolean } = {}): Promise<void> {
    if (entries.length === 0) return;
    const live = opts.fresh ? entries : await liveOnly(entries);
    if (live.length === 0) return;
    // Rows stay 'pending' until their job finishes; the sweeper tells a lost job by asking Redis.
    const adding = Promise.all(live.map(add));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), pushTimeoutMs);
    });
    try {
      const r = await Promise.race([adding, deadline]);
      if (r === 'timeout') {
        log.warn({ jobIds: live.map((e) => e.jobId) }, 'redis slow; jobs stay in the outbox for the sweeper');
        adding.catch(() => undefined);
      }
    } catch (err) {
      log.warn({ err: (err as Error).message, jobIds: live.map((e) => e.jobId) }, 'enqueue failed; jobs stay in the outbox for the sweeper');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Entries whose row is still pending or enqueued (not finished, failed or parked). */
  async function liveOnly(entries: OutboxEntry[]): Promise<OutboxEntry[]> {
    const statuses = await outbox.statuses(entries.map((e) => e.jobId));
    return entries.filter((e) => {
      const s = statuses.get(e.jobId);
      return s === undefined || s === 'pending' || s === 'enqueued';
    });
  }

  return {
    async enqueue(entries) {
      const fresh = await outbox.write(entries);
      const written = entries.filter((e) => fresh.has(e.jobId));
      const seen = entries.filter((e) => !fresh.has(e.jobId));
      await Promise.all([push(written, { fresh: true }), push(seen)]);
    },
    async write(tx, entries) {
      await createOutboxRepository(tx).write(entries);
    },
    push,
    add,
  };
}
