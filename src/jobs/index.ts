/**
 * The durable job pipeline: queues, workers and schedulers. It builds no HTTP routes: webhooks
 * (src/webhooks) feed it through `inbound`, and the admin view (src/api) is given `queues`.
 * `createJobSystem` is producer-only until `startWorkers()`, so `rivet start` and
 * `rivet worker` can run the same system with or without workers.
 */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { systemClock, type ChatTransport, type Clock, type InboundAcceptor, type JobDispatcher, type Oversight } from '../core/ports.js';
import type { Db } from '../db/client.js';
import type { Repositories } from '../db/repositories/index.js';
import { createOutboxRepository } from '../db/repositories/outbox.js';
import { createSyncCursorRepository } from '../db/repositories/sync-cursors.js';
import type { AtlasClient } from '../integrations/atlas/index.js';
import { closeRedis, type RedisFactory } from '../queue/redis.js';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffSettings } from './backoff.js';
import { createEnqueuer } from './enqueue.js';
import { addCommentEntry, changeStatusEntry, createWorkOrderEntry, sendEntry } from './entries.js';
import { approvalEntry, approvalHandler } from './handlers/approval.js';
import { attachFilesHandler, createFileReader, type FileReader } from './handlers/attach-files.js';
import { createWorkOrderHandler } from './handlers/create-work-order.js';
import type { HandlerDeps } from './handlers/deps.js';
import { inboundHandler, type InboundProcessor } from './handlers/inbound.js';
import { sendHandler } from './handlers/send.js';
import { addCommentHandler, changeStatusHandler } from './handlers/work-order-updates.js';
import { createInboundAcceptor } from './inbound.js';
import { QUEUES, jobIdFor, type QueueName } from './names.js';
import { createStatusPoller } from './poller.js';
import { createQuestions, type Questions } from './questions.js';
import { createRateLimiter, DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit.js';
import { createProcessor, type JobHandler } from './runner.js';
import { every, type Ticker } from './schedule.js';
import { createSweeper } from './sweeper.js';

export type { Questions, AskInput } from './questions.js';
export type { JobHandler, JobContext } from './runner.js';
export type { FileReader } from './handlers/attach-files.js';
export { questionButtonData, parseQuestionButton } from './questions.js';
export { QUEUES, jobIdFor } from './names.js';

export interface JobSystemOptions {
  atlasWebhookSecret?: string | null;
  /**
   * Atlas status polling (default 60 s). With a webhook secret Rivet still polls, 5× less often
   * (at least every 5 min), as a safety net: Atlas never redelivers a webhook Rivet missed.
   */
  pollIntervalMs?: number;
  technicianQuestionTtlMs?: number;
  supervisorQuestionTtlMs?: number;
  /** Transient failures are retried for at least this long (default 24 h; never less than given). */
  retryWindowMs?: number;
  /** After this many failed attempts the technician hears it is delayed (default 3). */
  delayedNoticeAfter?: number;
  backoff?: Partial<BackoffSettings>;
  concurrency?: Partial<Record<QueueName, number>>;
  /** Worker lock; a killed worker's jobs run again after about this long (default 30 s). */
  lockDurationMs?: number;
  /**
   * How long one run of a job holds it against a second run in PostgreSQL (default 2 min; must
   * exceed the longest run). After a crash, the job runs again once this has passed.
   */
  claimLeaseMs?: number;
  stalledIntervalMs?: number;
  sweepIntervalMs?: number;
  /** Outbox rows untouched this long are checked against Redis (default 10 s). */
  sweepStaleAfterMs?: number;
  questionSweepIntervalMs?: number;
  rateLimits?: Partial<RateLimits>;
  /** Where relative attachment paths live (RIVET_DATA_DIR). */
  dataDir?: string;
  /** How long a producer waits for Redis before leaving a job to the sweeper (default 2 s). */
  pushTimeoutMs?: number;
}

export interface JobSystemDeps {
  redis: RedisFactory;
  prefix?: string;
  repos: Repositories;
  db: Db;
  organizationId: string;
  atlas: AtlasClient | null;
  transports: { telegram?: ChatTransport; slack?: ChatTransport };
  oversight: Oversight;
  inbound: {
    telegram?: InboundProcessor;
    slack?: InboundProcessor;
    stripe?: InboundProcessor;
  };
  logger: Logger;
  clock?: Clock;
  /** Reads an attachment Rivet keeps (default: files under options.dataDir, or URLs). */
  readFile?: FileReader;
  /** Handlers of other features' jobs (e.g. provisioning), by queue and job name. */
  handlers?: Partial<Record<QueueName, Record<string, JobHandler>>>;
  /**
   * PERIODIC HOOK: other features' periodic work (e.g. Slack escalation), run in worker processes
   * like the outbox sweep (one process per tick, through the schedule lock).
   */
  periodic?: { name: string; intervalMs: number; run: () => Promise<void> }[];
  options?: JobSystemOptions;
}

export type QueueCounts = { waiting: number; active: number; delayed: number; failed: number };

export interface JobSystem {
  dispatcher: JobDispatcher;
  inbound: InboundAcceptor;
  questions: Questions;
  startWorkers(): Promise<void>;
  close(): Promise<void>;
  health(): Promise<Record<string, QueueCounts>>;
  /** The BullMQ queues, by name (for tools and tests). */
  queues: Record<QueueName, Queue>;
  /** Durable enqueue of another feature's job (outbox first); the id derives from `key`. */
  enqueue(job: { queue: QueueName; name: string; key: string; payload: unknown; organizationId?: string | null; priority?: number }): Promise<void>;
  /** One sweep of the outbox now (also runs periodically in workers); returns jobs re-enqueued. */
  sweepOutbox(): Promise<number>;
  /** One Atlas status poll now; null when Atlas is not configured. */
  pollAtlas(): Promise<number | null>;
}

const DAY_MS = 24 * 3_600_000;

export function createJobSystem(deps: JobSystemDeps): JobSystem {
  const opts = deps.options ?? {};
  const prefix = deps.prefix ?? 'rivet';
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ component: 'jobs' });
  const retryWindowMs = Math.max(opts.retryWindowMs ?? DAY_MS, 1);
  const backoff: BackoffSettings = { ...DEFAULT_BACKOFF, ...opts.backoff };

  const producer = deps.redis.connect('producer');
  const own: Redis[] = [producer];
  const queues = Object.fromEntries(
    Object.values(QUEUES).map((name) => [name, new Queue(name, { connection: producer, prefix })]),
  ) as Record<QueueName, Queue>;
  for (const q of Object.values(queues)) q.on('error', (err) => logger.warn({ queue: q.name, err: err.message }, 'queue error'));

  const enqueuer = createEnqueuer({ db: deps.db, queues, logger, ...(opts.pushTimeoutMs ? { pushTimeoutMs: opts.pushTimeoutMs } : {}) });
  const outbox = createOutboxRepository(deps.db);
  const questions = createQuestions({
    db: deps.db,
    enqueuer,
    oversight: deps.oversight,
    clock,
    logger,
    technicianTtlMs: opts.technicianQuestionTtlMs ?? 30 * 60_000,
    supervisorTtlMs: opts.supervisorQuestionTtlMs ?? 4 * 3_600_000,
  });
  const inbound = createInboundAcceptor({ db: deps.db, enqueuer, organizationId: deps.organizationId });
  const claimLeaseMs = opts.claimLeaseMs ?? 120_000;
  const sweeper = createSweeper({ outbox, enqueuer, queues, clock, logger, claimLeaseMs, pruneDeliveries: (d) => deps.repos.processedEvents.prune(d), ...(opts.sweepStaleAfterMs ? { staleAfterMs: opts.sweepStaleAfterMs } : {}) });
  const handlerDeps: HandlerDeps = {
    organizationId: deps.organizationId,
    atlas: deps.atlas,
    repos: deps.repos,
    db: deps.db,
    enqueuer,
    oversight: deps.oversight,
    clock,
    logger,
  };
  const poller = deps.atlas
    ? createStatusPoller({ ...handlerDeps, atlas: deps.atlas, cursors: createSyncCursorRepository(deps.db), clock, logger })
    : null;

  const dispatcher: JobDispatcher = {
    // A plan that wants a supervisor's approval first parks the report with a question (handlers/approval.ts).
    createWorkOrder: (cmd) => enqueuer.enqueue([cmd.approval ? approvalEntry(cmd) : createWorkOrderEntry(cmd)]),
    changeStatus: (cmd) => enqueuer.enqueue([changeStatusEntry(cmd)]),
    addComment: (cmd) => enqueuer.enqueue([addCommentEntry(cmd)]),
    send: (message) => enqueuer.enqueue([sendEntry(message, deps.organizationId)]),
  };

  const workers: Worker[] = [];
  const tickers: Ticker[] = [];
  let started = false;

  async function startWorkers(): Promise<void> {
    if (started) return;
    started = true;
    const limiterRedis = deps.redis.connect('limiter');
    own.push(limiterRedis);
    const limiter = createRateLimiter(limiterRedis, prefix, { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits });
    const handlers: Record<QueueName, Record<string, JobHandler>> = {
      atlas: {
        createWorkOrder: createWorkOrderHandler({ ...handlerDeps, questions }),
        awaitApproval: approvalHandler({ ...handlerDeps, questions }),
        changeStatus: changeStatusHandler(handlerDeps),
        addComment: addCommentHandler(handlerDeps),
        attachFiles: attachFilesHandler({ ...handlerDeps, readFile: deps.readFile ?? createFileReader(opts.dataDir ?? process.cwd()) }),
      },
      outbound: { send: sendHandler({ ...handlerDeps, transports: deps.transports, limiter, outbox }) },
      inbound: { inbound: inboundHandler({ ...handlerDeps, processors: deps.inbound }) },
      provisioning: {},
    };
    for (const [queue, extra] of Object.entries(deps.handlers ?? {})) Object.assign(handlers[queue as QueueName], extra);
    const concurrency: Record<QueueName, number> = { atlas: 8, outbound: 16, inbound: 8, provisioning: 2, ...opts.concurrency };
    for (const name of Object.values(QUEUES)) {
      if (Object.keys(handlers[name]).length === 0) continue;
      const connection = deps.redis.connect('worker');
      own.push(connection);
      const worker = new Worker(
        name,
        createProcessor({ handlers: handlers[name], outbox, logger, clock, retryWindowMs, delayedNoticeAfter: opts.delayedNoticeAfter ?? 3, claimLeaseMs, busyRetryMs: Math.min(5_000, Math.max(250, claimLeaseMs / 4)) }),
        {
          connection,
          prefix,
          concurrency: concurrency[name],
          lockDuration: opts.lockDurationMs ?? 30_000,
          ...(opts.stalledIntervalMs ? { stalledInterval: opts.stalledIntervalMs } : {}),
          // A job stalled by a crashed worker is run again, however often that happens.
          maxStalledCount: 1_000,
          settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, backoff) },
        },
      );
      worker.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'worker error'));
      worker.on('failed', (job, err) => {
        if (job && job.finishedOn) logger.warn({ queue: name, jobId: job.id, err: err.message }, 'job failed for good');
      });
      workers.push(worker);
    }
    const sched = { redis: producer, prefix, logger };
    tickers.push(every(sched, 'outbox-sweep', opts.sweepIntervalMs ?? 30_000, async () => void (await sweeper.sweep())));
    tickers.push(every(sched, 'question-expiry', opts.questionSweepIntervalMs ?? 15_000, async () => void (await questions.expireDue())));
    // PERIODIC HOOK: features' own periodic work (see JobSystemDeps.periodic).
    for (const p of deps.periodic ?? []) tickers.push(every(sched, p.name, p.intervalMs, p.run));
    if (poller) {
      const pollMs = opts.pollIntervalMs ?? 60_000;
      const interval = opts.atlasWebhookSecret ? Math.max(pollMs * 5, 5 * 60_000) : pollMs;
      tickers.push(every(sched, 'atlas-poll', interval, async () => void (await poller.poll())));
    }
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    logger.info({ queues: workers.map((w) => w.name), prefix, webhooks: !!opts.atlasWebhookSecret, polling: !!poller }, 'job workers started');
  }

  async function close(): Promise<void> {
    await Promise.all(tickers.splice(0).map((t) => t.stop()));
    // Worker.close() stops taking jobs and waits for the running ones.
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await Promise.all(Object.values(queues).map((q) => q.close()));
    await Promise.all(own.splice(0).map(closeRedis));
    logger.info('job system closed');
  }

  async function health(): Promise<Record<string, QueueCounts>> {
    const out: Record<string, QueueCounts> = {};
    for (const [name, q] of Object.entries(queues)) {
      const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'waiting-children');
      out[name] = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
    }
    return out;
  }

  return {
    dispatcher,
    inbound,
    questions,
    startWorkers,
    close,
    health,
    queues,
    sweepOutbox: () => sweeper.sweep(),
    enqueue: (job) =>
      enqueuer.enqueue([{ jobId: jobIdFor(job.name, job.key), organizationId: job.organizationId ?? deps.organizationId, queue: job.queue, name: job.name, payload: job.payload, priority: job.priority ?? 0 }]),
    pollAtlas: async () => (poller ? poller.poll() : null),
  };
}
