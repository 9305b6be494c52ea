/**
 * The durable job pipeline: one JobRunner (BullMQ in queue mode when Redis is configured, the
 * embedded outbox runner otherwise), the handlers and the schedules. It builds no HTTP routes:
 * webhooks (src/webhooks) feed it through `inbound`, and the admin view (src/api) is given `queues`.
 * `createJobSystem` is producer-only until `startWorkers()`, so `rivet start` and `rivet worker`
 * can run the same system with or without workers.
 */
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { systemClock, type AttachmentRef, type ChatTransport, type Clock, type InboundAcceptor, type JobDispatcher, type Oversight } from '../core/ports.js';
import type { Db } from '../db/client.js';
import type { Repositories } from '../db/repositories/index.js';
import { createJobWorkerRepository } from '../db/repositories/job-workers.js';
import { createOutboxClaims } from '../db/repositories/outbox-claims.js';
import { createOutboxRepository } from '../db/repositories/outbox.js';
import { createSyncCursorRepository } from '../db/repositories/sync-cursors.js';
import type { AtlasClient } from '../integrations/atlas/index.js';
import type { RedisFactory } from '../queue/redis.js';
import { DEFAULT_BACKOFF, type BackoffSettings } from './backoff.js';
import { createEnqueuer } from './enqueue.js';
import { addCommentEntry, changeStatusEntry, createWorkOrderEntry, sendEntry } from './entries.js';
import { approvalEntry, approvalHandler } from './handlers/approval.js';
import { attachFilesHandler, createFileReader, keptPathOf, type FileReader } from './handlers/attach-files.js';
import { createWorkOrderHandler } from './handlers/create-work-order.js';
import type { HandlerDeps } from './handlers/deps.js';
import { inboundHandler, type InboundProcessor } from './handlers/inbound.js';
import { sendHandler } from './handlers/send.js';
import { addCommentHandler, changeStatusHandler } from './handlers/work-order-updates.js';
import { createJobsHealth, type JobsHealth } from './health.js';
import type { JobSystemOptions } from './options.js';
import { createInboundAcceptor, type OrderingKeyOf } from './inbound.js';
import { createIngestGate } from './ingest-gate.js';
import { QUEUES, jobIdFor, type InboundJob, type QueueName } from './names.js';
import { createStatusPoller } from './poller.js';
import { createPresence } from './presence.js';
import { createQuestions, type Questions } from './questions.js';
import { DEFAULT_RATE_LIMITS } from './rate-limit.js';
import { createExecutor, type JobHandler } from './runner.js';
import { createBullmqRunner } from './runners/bullmq.js';
import { createEmbeddedRunner } from './runners/embedded.js';
import type { JobObservers } from './observe.js';
import type { JobRunner, RunnerMode } from './runners/types.js';
import { every, type Ticker } from './schedule.js';
import { createSweeper } from './sweeper.js';

export type { Questions, AskInput } from './questions.js';
export type { JobHandler, JobContext } from './runner.js';
export type { FileReader } from './handlers/attach-files.js';
export type { JobRunner, RunnerMode, QueueCounts } from './runners/types.js';
export type { JobsHealth } from './health.js';
export type { OrderingKeyOf } from './inbound.js';
export { questionButtonData, parseQuestionButton } from './questions.js';
export { QUEUES, jobIdFor } from './names.js';
export type { JobSystemOptions } from './options.js';
export type { JobObservers, JobTracing, RunOutcome } from './observe.js';

export interface JobSystemDeps {
  /** Redis for queue mode (BullMQ); null runs every job in this process from the outbox (embedded mode). */
  redis: RedisFactory | null;
  prefix?: string;
  repos: Repositories;
  db: Db;
  /** Webhook deliveries are written through this (a pool of their own, db/client.ts); default `db`. */
  ingestDb?: Db;
  organizationId: string;
  atlas: AtlasClient | null;
  transports: { telegram?: ChatTransport; slack?: ChatTransport };
  oversight: Oversight;
  inbound: Partial<Record<'telegram' | 'slack' | 'stripe', InboundProcessor>>;
  /** The conversation of a delivery (e.g. a Telegram update's chat): its updates run in order. */
  orderingKeyOf?: Partial<Record<InboundJob['source'], OrderingKeyOf>>;
  logger: Logger;
  clock?: Clock;
  /** Reads an attachment Rivet keeps (default: its kept files under options.dataDir, or at options.publicUrl). */
  readFile?: FileReader;
  /** Handlers of other features' jobs (e.g. provisioning), by queue and job name. */
  handlers?: Partial<Record<QueueName, Record<string, JobHandler>>>;
  /**
   * PERIODIC HOOK: other features' periodic work (e.g. Slack escalation), run in worker processes
   * like the outbox sweep (one process per tick, through the schedule lock).
   */
  periodic?: { name: string; intervalMs: number; run: () => Promise<void> }[];
  options?: JobSystemOptions;
  /** Traces and metrics of job runs (observe.ts); none by default. */
  observers?: JobObservers;
}

export interface JobSystem {
  /** 'queue' (BullMQ on Redis) or 'embedded' (in-process from the outbox). */
  readonly mode: RunnerMode;
  dispatcher: JobDispatcher;
  inbound: InboundAcceptor;
  questions: Questions;
  /** Starts this process's workers; returns at once, even while Redis is unreachable. */
  startWorkers(): Promise<void>;
  /**
   * Opens `connections` database connections and prepares the write of deliveries on each, so
   * the first webhooks after start-up pay for neither (call before listening).
   */
  prepareIngest(connections: number): Promise<void>;
  close(): Promise<void>;
  /** Mode, queue depths, live workers, jobs held by gone workers; `detailed` lists them. */
  health(opts?: { detailed?: boolean }): Promise<JobsHealth>;
  /** The BullMQ queues, by name (queue mode; null in embedded mode). */
  queues: Record<QueueName, Queue> | null;
  /** Durable enqueue of another feature's job (outbox first); the id derives from `key`. */
  enqueue(job: { queue: QueueName; name: string; key: string; payload: unknown; organizationId?: string | null; priority?: number; orderingKey?: string | null; delayMs?: number }): Promise<void>;
  /** One sweep of the outbox now (also runs periodically in workers); returns jobs re-enqueued. */
  sweepOutbox(): Promise<number>;
  /** One Atlas status poll now; null when Atlas is not configured. */
  pollAtlas(): Promise<number | null>;
  /** This process's worker id (what its claims record). */
  readonly workerId: string;
}

const DAY_MS = 24 * 3_600_000;

export function createJobSystem(deps: JobSystemDeps): JobSystem {
  const opts = deps.options ?? {};
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ component: 'jobs' });
  const backoff: BackoffSettings = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const heartbeatMs = opts.heartbeatMs ?? 2_000;
  const outbox = createOutboxRepository(deps.db);
  const claims = createOutboxClaims(deps.db, { leaseMs: opts.claimLeaseMs ?? 30_000, deadAfterMs: opts.deadAfterMs ?? 10_000 });
  const workerRows = createJobWorkerRepository(deps.db);
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits };

  // The runner gets gone workers' jobs back through the presence; the presence is this process's worker.
  let runner: JobRunner;
  const presence = createPresence({
    workers: workerRows,
    claims,
    logger,
    options: { heartbeatMs, deadAfterMs: opts.deadAfterMs ?? 10_000, maxRunMs: opts.maxRunMs ?? 10 * 60_000 },
    onGone: (gone, released) => runner.handBack(gone, released),
  });
  runner = deps.redis
    ? createBullmqRunner({
        redis: deps.redis,
        prefix: deps.prefix ?? 'rivet',
        claims,
        holder: presence,
        logger,
        options: {
          lockDurationMs: opts.lockDurationMs ?? 30_000,
          stalledIntervalMs: opts.stalledIntervalMs ?? 3_000,
          backoff,
          busyRetryMs: 1_000,
          pushTimeoutMs: opts.pushTimeoutMs ?? 2_000,
          maxAddsInFlight: 1_000,
          rateLimits,
        },
      })
    : createEmbeddedRunner({ outbox, claims, holder: presence, logger, options: { pollMs: opts.idlePollMs ?? 1_000, rateLimits } });

  const enqueuer = createEnqueuer({ db: deps.db, runner, ...(deps.observers?.tracing ? { tracing: deps.observers.tracing } : {}) });
  const questions = createQuestions({
    db: deps.db,
    enqueuer,
    oversight: deps.oversight,
    clock,
    logger,
    technicianTtlMs: opts.technicianQuestionTtlMs ?? 30 * 60_000,
    supervisorTtlMs: opts.supervisorQuestionTtlMs ?? 4 * 3_600_000,
  });
  // While this process writes webhook deliveries down, only a few of its jobs run at once (ingest-gate.ts).
  const gate = createIngestGate(opts.ingestFirstMs ?? 10_000, { duringIngest: opts.ingestConcurrency ?? 2 });
  const inbound = createInboundAcceptor({ db: deps.ingestDb ?? deps.db, enqueuer, gate, organizationId: deps.organizationId, ...(deps.orderingKeyOf ? { orderingKeyOf: deps.orderingKeyOf } : {}) });
  const sweeper = createSweeper({ outbox, runner, workers: workerRows, clock, logger, pruneDeliveries: (d) => deps.repos.processedEvents.prune(d), ...(opts.sweepStaleAfterMs ? { staleAfterMs: opts.sweepStaleAfterMs } : {}) });
  const handlerDeps: HandlerDeps = { organizationId: deps.organizationId, atlas: deps.atlas, repos: deps.repos, db: deps.db, enqueuer, oversight: deps.oversight, clock, logger };
  const poller = deps.atlas
    ? createStatusPoller({ ...handlerDeps, atlas: deps.atlas, cursors: createSyncCursorRepository(deps.db), clock, logger })
    : null;

  /** A report or comment was accepted: the files it carries are kept (files/housekeeping.ts drops undecided ones). */
  const keepAttachments = async (attachments: AttachmentRef[] | undefined) => {
    const paths = (attachments ?? []).map((a) => keptPathOf(a.storedAt, opts.publicUrl ?? null)).filter((p): p is string => p !== null);
    if (paths.length) await deps.repos.storedFiles.accept(paths, clock.now());
  };
  const dispatcher: JobDispatcher = {
    // A plan that wants a supervisor's approval first parks the report with a question (handlers/approval.ts).
    createWorkOrder: async (cmd) => {
      await enqueuer.enqueue([cmd.approval ? approvalEntry(cmd) : createWorkOrderEntry(cmd)]);
      await keepAttachments(cmd.attachments);
    },
    changeStatus: (cmd) => enqueuer.enqueue([changeStatusEntry(cmd)]),
    addComment: async (cmd) => {
      await enqueuer.enqueue([addCommentEntry(cmd)]);
      await keepAttachments(cmd.attachments);
    },
    send: (message) => enqueuer.enqueue([sendEntry(message, deps.organizationId)]),
  };

  const tickers: Ticker[] = [];
  let started = false;

  async function startWorkers(): Promise<void> {
    if (started) return;
    started = true;
    const handlers: Record<QueueName, Record<string, JobHandler>> = {
      atlas: {
        createWorkOrder: createWorkOrderHandler({ ...handlerDeps, questions }),
        awaitApproval: approvalHandler({ ...handlerDeps, questions }),
        changeStatus: changeStatusHandler(handlerDeps),
        addComment: addCommentHandler(handlerDeps),
        attachFiles: attachFilesHandler({ ...handlerDeps, publicUrl: opts.publicUrl ?? null, readFile: deps.readFile ?? createFileReader(opts.dataDir ?? process.cwd(), opts.publicUrl ?? null) }),
      },
      outbound: { send: sendHandler({ ...handlerDeps, transports: deps.transports, limiter: runner.limiter }) },
      inbound: { inbound: inboundHandler({ ...handlerDeps, processors: deps.inbound }) },
      provisioning: {},
    };
    for (const [queue, extra] of Object.entries(deps.handlers ?? {})) Object.assign(handlers[queue as QueueName], extra);
    const execute = createExecutor({
      handlers,
      outbox,
      claims,
      holder: presence,
      logger,
      clock,
      retryWindowMs: Math.max(opts.retryWindowMs ?? DAY_MS, 1),
      delayedNoticeAfter: opts.delayedNoticeAfter ?? 3,
      backoff,
      heartbeatMs,
      beforeRun: () => gate.turn(),
      // An inbound update's replies are written with its outcome (one statement marks it done and writes them).
      held: { queues: [QUEUES.inbound], push: (entries, fresh) => enqueuer.pushWritten(entries, fresh), write: (entries) => enqueuer.enqueue(entries) },
      ...(deps.observers ? { observers: deps.observers } : {}),
      // The next job of the same chat may run now.
      onSettled: (row, known) => {
        if (!row.orderingKey) return;
        if (known !== undefined) {
          if (known) void runner.wake(known).catch(() => undefined);
          return;
        }
        void claims
          .nextInLine(row.orderingKey, row.seq)
          .then((next) => (next ? runner.wake(next) : undefined))
          .catch(() => undefined);
      },
    });
    // Inbound runs more jobs at once than the chat's Atlas reads may hold (8 running + 8 waiting,
    // integrations/atlas/chat-reader.ts): a slow Atlas leaves slots for every other chat.
    const concurrency: Record<QueueName, number> = { atlas: 8, outbound: 16, inbound: 32, provisioning: 2, ...opts.concurrency };
    const queues = Object.values(QUEUES).filter((name) => Object.keys(handlers[name]).length > 0);
    for (const name of queues) runner.process(name, execute, { concurrency: concurrency[name] });
    // Registered before it claims anything (a claim by an unknown worker is free for the taking);
    // the first beat frees the work of workers found gone — a previous run of this process among them.
    await presence.start({ mode: runner.mode, queues, queueWorkerIds: [] }).catch((err: Error) => {
      logger.warn({ err: err.message }, 'could not register this worker yet; the heartbeat keeps trying');
    });
    await runner.start();
    // Its BullMQ workers' ids (their lock tokens) go with it, so a survivor can hand their jobs back.
    await presence.update({ queueWorkerIds: runner.queueWorkerIds() }).catch(() => undefined);
    const sched = { lock: (name: string, ms: number) => workerRows.tryLock(name, presence.id, ms), logger };
    tickers.push(every(sched, 'outbox-sweep', opts.sweepIntervalMs ?? 30_000, async () => void (await sweeper.sweep())));
    tickers.push(every(sched, 'question-expiry', opts.questionSweepIntervalMs ?? 15_000, async () => void (await questions.expireDue())));
    // PERIODIC HOOK: features' own periodic work (see JobSystemDeps.periodic).
    for (const p of deps.periodic ?? []) tickers.push(every(sched, p.name, p.intervalMs, p.run));
    if (poller) {
      const pollMs = opts.pollIntervalMs ?? 60_000;
      const interval = opts.atlasWebhookSecret ? Math.max(pollMs * 5, 5 * 60_000) : pollMs;
      tickers.push(every(sched, 'atlas-poll', interval, async () => void (await poller.poll())));
    }
    logger.info({ mode: runner.mode, worker: presence.id, queues, webhooks: !!opts.atlasWebhookSecret, polling: !!poller }, 'job workers started');
  }

  async function close(): Promise<void> {
    await Promise.all(tickers.splice(0).map((t) => t.stop()));
    // Stops taking jobs and waits for the running ones; then this worker says it has stopped.
    await runner.close();
    if (started) await presence.stop();
    logger.info('job system closed');
  }

  const bullQueues = (runner as JobRunner & { queues?: Record<QueueName, Queue> }).queues ?? null;
  return {
    mode: runner.mode,
    dispatcher,
    inbound,
    questions,
    startWorkers,
    prepareIngest: (connections) => inbound.prepare(connections),
    close,
    health: createJobsHealth({ runner, claims, workers: workerRows, self: presence, deadAfterMs: opts.deadAfterMs ?? 10_000 }),
    queues: bullQueues,
    sweepOutbox: () => sweeper.sweep(),
    enqueue: (job) =>
      enqueuer.enqueue([
        {
          jobId: jobIdFor(job.name, job.key),
          organizationId: job.organizationId ?? deps.organizationId,
          queue: job.queue,
          name: job.name,
          payload: job.payload,
          priority: job.priority ?? 0,
          orderingKey: job.orderingKey ?? null,
          ...(job.delayMs ? { delayMs: job.delayMs } : {}),
        },
      ]),
    pollAtlas: async () => (poller ? poller.poll() : null),
    workerId: presence.id,
  };
}
