/**
 * Queue mode: BullMQ on Redis carries the outbox's jobs, so API and workers can be separate
 * processes and workers can be many. A worker claims the job's outbox row before running it;
 * the row, not Redis, says whether it is done.
 *
 * Recovery: a worker found gone (no heartbeat, or a dead pid on this machine) has its jobs
 * handed back at once — the BullMQ locks held by its worker ids are dropped, the jobs marked
 * stalled, and this process's stalled check run right away, which puts them back to wait. (The
 * check also runs every `stalledIntervalMs`, 3 s, for locks that simply ran out.)
 * A live worker keeps renewing its locks however long a job takes, so a slow Atlas is never
 * taken from it.
 */
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { OutboxClaims } from '../../db/repositories/outbox-claims.js';
import type { OutboxEntry, OutboxRow } from '../../db/repositories/outbox.js';
import { batched } from '../../db/batch.js';
import { closeRedis, isConnectionError, type RedisFactory } from '../../queue/redis.js';
import { backoffDelay, UNBOUNDED_ATTEMPTS, type BackoffSettings } from '../backoff.js';
import { QUEUES, type QueueName } from '../names.js';
import { createRateLimiter, type RateLimiter, type RateLimits } from '../rate-limit.js';
import type { ClaimHolder, Executor } from '../runner.js';
import type { JobRunner, QueueCounts } from './types.js';

export interface BullmqRunnerOptions {
  /** Lock of a running job, renewed at half this while the worker lives (default 30 s). */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock is gone (default 3 s). */
  stalledIntervalMs: number;
  backoff: BackoffSettings;
  /** A job whose row another live worker runs, or that waits for its ordering key: look again after this. */
  busyRetryMs: number;
  /** How long a producer waits for Redis before leaving a job to the sweeper (default 2 s). */
  pushTimeoutMs: number;
  /** Adds waiting on a slow Redis beyond this are left to the sweeper (memory stays flat). */
  maxAddsInFlight: number;
  rateLimits: RateLimits;
}

const JOB_DEFAULTS = {
  attempts: UNBOUNDED_ATTEMPTS,
  backoff: { type: 'rivet' },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Drops the locks of a gone worker's active jobs and marks them stalled (next check returns them). */
const HAND_BACK = `
local active = redis.call('LRANGE', KEYS[1], 0, -1)
local moved = {}
for _, id in ipairs(active) do
  local lockKey = ARGV[1] .. id .. ':lock'
  local token = redis.call('GET', lockKey)
  if token then
    for i = 2, #ARGV do
      if string.sub(token, 1, #ARGV[i] + 1) == ARGV[i] .. ':' then
        redis.call('DEL', lockKey)
        redis.call('SADD', KEYS[2], id)
        table.insert(moved, id)
        break
      end
    end
  end
end
return moved
`;

export function createBullmqRunner(deps: {
  redis: RedisFactory;
  prefix: string;
  claims: OutboxClaims;
  holder: ClaimHolder;
  logger: Logger;
  options: BullmqRunnerOptions;
}): JobRunner {
  const opts = deps.options;
  const log = deps.logger.child({ component: 'bullmq' });
  const producer = deps.redis.connect('producer');
  const own: Redis[] = [producer];
  const quietly = (what: string, extra: Record<string, unknown>) => (err: Error) => {
    // While Redis is away the factory has said so once; every queue and worker repeating it is noise.
    if (isConnectionError(err) && !deps.redis.reachable()) log.debug({ ...extra, err: err.message }, what);
    else log.warn({ ...extra, err: err.message }, what);
  };
  const queues = Object.fromEntries(
    Object.values(QUEUES).map((name) => {
      const q = new Queue(name, { connection: producer, prefix: deps.prefix });
      q.on('error', quietly('queue error', { queue: name }));
      return [name, q];
    }),
  ) as Record<QueueName, Queue>;
  const processors = new Map<QueueName, { execute: Executor; concurrency: number }>();
  const workers: Worker[] = [];
  let limiter: RateLimiter | null = null;
  let addsInFlight = 0;

  const available = () => producer.status === 'ready';

  const optionsOf = (e: OutboxEntry) => ({
    ...JOB_DEFAULTS,
    jobId: e.jobId,
    ...(e.priority > 0 ? { priority: e.priority } : {}),
    ...(e.delayMs && e.delayMs > 0 ? { delay: Math.round(e.delayMs) } : {}),
  });

  /** Jobs added at the same time (many webhooks, many replies) go to Redis in one addBulk per queue. */
  const addOne = batched(async (entries: OutboxEntry[]) => {
    const byQueue = new Map<QueueName, OutboxEntry[]>();
    for (const e of entries) {
      if (!queues[e.queue as QueueName]) throw new Error(`unknown queue ${e.queue}`);
      byQueue.set(e.queue as QueueName, [...(byQueue.get(e.queue as QueueName) ?? []), e]);
    }
    await Promise.all([...byQueue].map(([name, list]) => queues[name].addBulk(list.map((e) => ({ name: e.name, data: e.payload, opts: optionsOf(e) })))));
    return entries.map(() => undefined);
  }, { maxInFlight: 4, maxBatch: 100 });

  async function later(job: Job, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + ms, token);
    throw new DelayedError();
  }

  function processorFor(queue: QueueName, execute: Executor) {
    return async (job: Job, token?: string): Promise<void> => {
      const jobId = job.id ?? '';
      const claim = await deps.claims.claim(jobId, deps.holder.id);
      switch (claim.kind) {
        case 'finished':
          return;
        case 'untracked':
          log.warn({ queue, jobId }, 'job has no outbox row (pruned, or not added by Rivet); dropped');
          return;
        case 'busy':
          // Another live worker runs it (a lock lapsed during a stall): look again later, no attempt spent.
          log.debug({ queue, jobId }, 'job is running elsewhere; checking again shortly');
          return later(job, token, opts.busyRetryMs);
        case 'blocked':
          // An earlier job of the same chat goes first; its end promotes this one.
          return later(job, token, opts.busyRetryMs);
        case 'claimed': {
          const outcome = await execute(claim.row);
          switch (outcome.kind) {
            case 'done':
            case 'parked':
              return;
            case 'postponed':
              return later(job, token, outcome.ms);
            case 'retry':
              // BullMQ's backoff (the same curve) runs the next attempt; the row says attempts too.
              throw outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
            case 'failed':
              throw new UnrecoverableError(outcome.reason);
          }
        }
      }
    };
  }

  return {
    mode: 'queue',
    async add(entries) {
      if (entries.length === 0) return;
      // Redis away or choked: the rows are written, the sweeper adds them later. Never queue adds
      // in memory behind a dead connection.
      if (!available() || addsInFlight >= opts.maxAddsInFlight) {
        log.debug({ jobIds: entries.map((e) => e.jobId), redis: producer.status }, 'redis not available; jobs stay in the outbox for the sweeper');
        return;
      }
      addsInFlight += entries.length;
      const adding = Promise.all(entries.map(addOne)).finally(() => {
        addsInFlight -= entries.length;
      });
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), opts.pushTimeoutMs);
      });
      try {
        if ((await Promise.race([adding, deadline])) === 'timeout') {
          log.warn({ jobIds: entries.map((e) => e.jobId) }, 'redis slow; jobs stay in the outbox for the sweeper');
          adding.catch(() => undefined);
        }
      } catch (err) {
        log.warn({ err: (err as Error).message, jobIds: entries.map((e) => e.jobId) }, 'enqueue failed; jobs stay in the outbox for the sweeper');
      } finally {
        clearTimeout(timer);
      }
    },
    process(queue, execute, { concurrency }) {
      processors.set(queue, { execute, concurrency });
    },
    async start() {
      for (const [name, p] of processors) {
        const connection = deps.redis.connect('worker');
        own.push(connection);
        const worker = new Worker(name, processorFor(name, p.execute), {
          connection,
          prefix: deps.prefix,
          concurrency: p.concurrency,
          lockDuration: opts.lockDurationMs,
          stalledInterval: opts.stalledIntervalMs,
          // A job stalled by a crashed worker is run again, however often that happens.
          maxStalledCount: 1_000,
          settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, opts.backoff) },
        });
        worker.on('error', quietly('worker error', { queue: name }));
        workers.push(worker);
      }
      // Not awaited: with Redis away, workers attach when it comes back and the rest of Rivet runs.
      void Promise.all(workers.map((w) => w.waitUntilReady()))
        .then(() => log.info({ queues: workers.map((w) => w.name), prefix: deps.prefix }, 'job workers attached to Redis'))
        .catch(() => undefined);
    },
    async wake({ jobId, queue }) {
      if (!available()) return;
      const job = await queues[queue as QueueName]?.getJob(jobId);
      if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
    },
    async handBack(gone) {
      const ids = gone.flatMap((g) => (Array.isArray(g.queueWorkerIds) ? (g.queueWorkerIds as string[]) : []));
      if (ids.length === 0 || !available()) return;
      for (const name of Object.values(QUEUES)) {
        const base = `${deps.prefix}:${name}:`;
        const moved = (await producer.eval(HAND_BACK, 2, `${base}active`, `${base}stalled`, base, ...ids)) as string[];
        if (moved.length === 0) continue;
        log.warn({ queue: name, jobIds: moved }, 'jobs of a gone worker handed back to the queue');
        // Check now rather than at the next interval (the key spaces checks across workers).
        const local = workers.find((w) => w.name === name);
        if (local) {
          await producer.del(`${base}stalled-check`);
          await local.startStalledCheckTimer();
        }
      }
    },
    async resubmit(rows) {
      if (!available()) return 0;
      let added = 0;
      for (const row of rows) {
        const queue = queues[row.queue as QueueName];
        if (!queue || (await queue.getJob(row.jobId))) continue;
        await addOne(entryOf(row));
        added++;
      }
      return added;
    },
    get limiter() {
      if (!limiter) {
        const connection = deps.redis.connect('limiter');
        own.push(connection);
        limiter = createRateLimiter(connection, deps.prefix, opts.rateLimits);
      }
      return limiter;
    },
    queueWorkerIds: () => workers.map((w) => w.id),
    async counts() {
      if (!available()) return null;
      const out = {} as Record<QueueName, QueueCounts>;
      for (const [name, q] of Object.entries(queues) as [QueueName, Queue][]) {
        const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'waiting-children');
        out[name] = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
      }
      return out;
    },
    available,
    addsInFlight: () => addsInFlight,
    async close() {
      // Worker.close() stops taking jobs and waits for the running ones.
      await Promise.all(workers.splice(0).map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await Promise.all(own.splice(0).map(closeRedis));
    },
    /** The BullMQ queues (bull-board, tools, tests). */
    queues,
  } as JobRunner & { queues: Record<QueueName, Queue> };
}

/** An outbox row as an entry to add again: what is left of its delay, its priority and key. */
export function entryOf(row: OutboxRow): OutboxEntry {
  return {
    jobId: row.jobId,
    organizationId: row.organizationId,
    queue: row.queue,
    name: row.name,
    payload: row.payload,
    priority: row.priority,
    orderingKey: row.orderingKey,
    delayMs: Math.max(0, row.runAt.getTime() - Date.now()),
  };
}
