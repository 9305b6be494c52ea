/**
 * The one interface both job runners implement. Every job is an outbox row first (written by the
 * enqueuer, in the cause's transaction when it has one); a runner decides which row runs when:
 *  - `bullmq` (queue mode, REDIS_URL set): BullMQ carries each row's job (id, priority, delay),
 *    workers in any number of processes; the outbox claim keeps a job from running twice.
 *  - `embedded` (no REDIS_URL): the runner claims ready rows straight from PostgreSQL
 *    (FOR UPDATE SKIP LOCKED) in this process; nothing else is needed.
 * Both honour the row's priority, delay (run_at) and ordering key, run each queue with its
 * concurrency, rate-limit sends through `limiter`, and give the jobs of a worker found gone back
 * to the queue at once.
 */
import type { JobWorkerRow } from '../../db/repositories/job-workers.js';
import type { ReleasedClaim } from '../../db/repositories/outbox-claims.js';
import type { OutboxEntry, OutboxRow } from '../../db/repositories/outbox.js';
import type { QueueName } from '../names.js';
import type { RateLimiter } from '../rate-limit.js';
import type { Executor } from '../runner.js';

export type RunnerMode = 'queue' | 'embedded';

export type QueueCounts = { waiting: number; active: number; delayed: number; failed: number };

export interface JobRunner {
  readonly mode: RunnerMode;
  /**
   * Makes rows already committed to the outbox runnable now (their id, priority, delay and
   * ordering key come with them). Best effort, never throws: what it cannot hand over stays in
   * the outbox (queue mode: the sweeper adds it later; embedded: the next poll finds it).
   */
  add(entries: OutboxEntry[]): Promise<void>;
  /** Runs `queue`'s jobs through `execute`, at most `concurrency` at a time (before start()). */
  process(queue: QueueName, execute: Executor, opts: { concurrency: number }): void;
  /** Starts taking jobs. Returns at once: queue mode attaches to Redis whenever it is reachable. */
  start(): Promise<void>;
  /** A job may be able to run now (the previous job of its ordering key finished). */
  wake(job: { jobId: string; queue: string }): Promise<void>;
  /** Jobs of workers found gone (and claims released) go back to the queue now. */
  handBack(gone: JobWorkerRow[], released: ReleasedClaim[]): Promise<void>;
  /** Re-adds rows whose job the queue lost (Redis restarted); returns how many. Embedded: 0. */
  resubmit(rows: OutboxRow[]): Promise<number>;
  /** Per-chat and global send limits, shared by every process of this mode. */
  readonly limiter: RateLimiter;
  /** The queue workers' own ids (BullMQ worker ids: their lock tokens start with these). */
  queueWorkerIds(): string[];
  /** Per queue; null when the counts cannot be had now (Redis unreachable). */
  counts(): Promise<Record<QueueName, QueueCounts> | null>;
  /** Whether jobs can be handed over right now (queue mode: Redis is reachable). */
  available(): boolean;
  /** Adds sent to Redis and not yet answered (queue mode; they hold memory until answered). */
  addsInFlight(): number;
  /** Stops taking jobs, waits for the running ones, lets go of connections. */
  close(): Promise<void>;
}
