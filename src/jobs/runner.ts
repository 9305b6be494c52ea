/**
 * What runs one claimed job, the same in both modes: the handler, then the outcome written to
 * the job's outbox row — done, parked (waiting for a person), postponed (a rate limit: no attempt
 * spent), retried later (transient: exponential backoff for the retry window, the person told once
 * that it is delayed) or failed for good (permanent: the person told why). The runner (BullMQ or
 * embedded) only decides which job runs when, and turns the outcome into its own terms.
 */
import { inLanguage } from '../core/texts/index.js';
import { payloadLanguage } from './language.js';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.js';
import type { FailureCause } from '../core/notices.js';
import type { OutboxClaims } from '../db/repositories/outbox-claims.js';
import type { OutboxEntry, OutboxRepository, OutboxRow } from '../db/repositories/outbox.js';
import { holdingWrites, type HeldWrites } from './enqueue.js';
import { backoffDelay, type BackoffSettings } from './backoff.js';
import { classify } from './errors.js';
import type { JobObservers } from './observe.js';

export interface JobContext {
  jobId: string;
  queue: string;
  name: string;
  /** 1 on the first run; one more after each failed attempt. */
  attempt: number;
  logger: Logger;
  /**
   * The run before this one was cut short (its worker died) after `beginWrite()`: the latest time
   * that run may still have been alive. Its write may still land in Atlas: look before writing again.
   */
  interruptedRunAliveUntil: Date | null;
  /** Says the run is about to make a write it cannot take back (a POST to Atlas). */
  beginWrite(): Promise<void>;
  /** Run again in `ms` without spending an attempt (a rate limit); ends this run. */
  postpone(ms: number): Promise<never>;
  /** Saves the job's payload (its progress), so a later run of this job starts from it. */
  saveProgress(payload: unknown): Promise<void>;
  /**
   * Marks the job done now, before the handler returns (e.g. right after a message is sent, so a
   * crash in the bookkeeping after it does not send it again); the runner then does not mark it again.
   */
  markDone(): Promise<void>;
}

/** A handler returns 'parked' when it asked a person and will be resumed by the answer. */
export interface JobHandler<T = any> {
  run(data: T, ctx: JobContext): Promise<void | 'parked'>;
  /** Called after a few transient failures; must be idempotent (derive message keys from the job). */
  onDelayed?(data: T, ctx: JobContext): Promise<void>;
  /** Called once when the job fails for good. */
  onPermanent?(data: T, cause: FailureCause, ctx: JobContext): Promise<void>;
}

/** Thrown by `ctx.postpone`: not a failure, the job waits. */
export class Postponed extends Error {
  override readonly name = 'Postponed';
  constructor(readonly ms: number) {
    super(`postponed by ${ms} ms`);
  }
}

export type Outcome =
  | { kind: 'done' }
  | { kind: 'parked' }
  | { kind: 'postponed'; ms: number }
  | { kind: 'retry'; delayMs: number; error: unknown }
  | { kind: 'failed'; reason: string };

/** The worker running jobs: its id is what claims record; in-flight runs keep their claims alive. */
export interface ClaimHolder {
  readonly id: string;
  track(jobId: string): void;
  untrack(jobId: string): void;
}

export interface ExecutorDeps {
  handlers: Record<string, Record<string, JobHandler>>;
  outbox: OutboxRepository;
  claims: OutboxClaims;
  holder: ClaimHolder;
  logger: Logger;
  clock: Clock;
  retryWindowMs: number;
  /** After this many failed attempts the person hears that it is delayed. */
  delayedNoticeAfter: number;
  backoff: BackoffSettings;
  /** Workers renew their claims this often (a cut-short run may have lived this long past its last renewal). */
  heartbeatMs: number;
  /**
   * After a row's outcome is written (e.g. to start the next job of its ordering key). `next`:
   * the row of its ordering key next in line, when it was read with the outcome (undefined: not read).
   */
  onSettled?(row: OutboxRow, next?: { jobId: string; queue: string } | null): void;
  /** Traces and metrics of runs (observe.ts). */
  observers?: JobObservers;
  /**
   * Jobs of these queues hold the rows they enqueue (enqueue.ts, HeldWrites) and write them in the
   * statement that marks them done; `push` hands them to the runner after, `write` writes them the
   * usual way (a parked job). A job that fails writes none: its next run enqueues them again.
   */
  held?: { queues: string[]; push(entries: OutboxEntry[], fresh: Set<string>): Promise<void>; write(entries: OutboxEntry[]): Promise<void> };
  /** Awaited before each run, its result called after: lets this process's webhook acknowledgements go first (ingest-gate.ts). */
  beforeRun?(): Promise<(() => void) | void>;
}

export type Executor = (row: OutboxRow) => Promise<Outcome>;

export function createExecutor(deps: ExecutorDeps): Executor {
  const holder = deps.holder.id;
  const observers = deps.observers ?? {};

  return async function observed(row) {
    const after = deps.beforeRun ? await deps.beforeRun() : undefined;
    const started = performance.now();
    const run = () => (after ? execute(row).finally(after) : execute(row));
    const outcome = observers.tracing
      ? await observers.tracing.resume(row.trace, `job ${row.name}`, {
          runType: 'chain',
          inputs: { payload: row.payload },
          metadata: { jobId: row.jobId, queue: row.queue, attempt: row.attempts + 1 },
          outputs: (o: Outcome) => ({ outcome: o.kind, ...(o.kind === 'failed' ? { reason: o.reason } : {}), ...(o.kind === 'retry' ? { delayMs: o.delayMs } : {}) }),
        }, run)
      : await run();
    observers.settled?.({ queue: row.queue, name: row.name }, outcome.kind, performance.now() - started);
    return outcome;
  };

  async function execute(row: OutboxRow): Promise<Outcome> {
    const jobId = row.jobId;
    const logger = deps.logger.child({ jobId, queue: row.queue, job: row.name, attempt: row.attempts + 1 });
    const handler = deps.handlers[row.queue]?.[row.name];
    if (!handler) {
      logger.error('no handler for this job; failing it');
      await deps.outbox.markFailed(jobId, `no handler for job ${row.name}`).catch(() => undefined);
      return { kind: 'failed', reason: `no handler for job ${row.name}` };
    }
    const held: HeldWrites | null = deps.held?.queues.includes(row.queue) ? { entries: [], open: true } : null;
    // Marked done (by the handler or after it), with the next job of its ordering key read in the same round trip.
    let done: Promise<{ jobId: string; queue: string } | null | undefined> | null = null;
    const finish = async (): Promise<{ jobId: string; queue: string } | null | undefined> => {
      if (!held) return row.orderingKey ? deps.outbox.markDoneThenNext(jobId, row.orderingKey, row.seq) : deps.outbox.markDone(jobId).then(() => undefined);
      // What it enqueued is written with its outcome, in one statement.
      held.open = false;
      const { next, fresh } = await deps.outbox.markDoneWith(jobId, row.orderingKey, row.seq, held.entries);
      if (held.entries.length) void deps.held!.push(held.entries, fresh).catch(() => undefined);
      return row.orderingKey ? next : undefined;
    };
    const markDone = () => (done ??= finish());
    let next: { jobId: string; queue: string } | null | undefined;
    const ctx: JobContext = {
      jobId,
      queue: row.queue,
      name: row.name,
      attempt: row.attempts + 1,
      logger,
      interruptedRunAliveUntil: row.interruptedAt ? new Date(row.interruptedAt.getTime() + deps.heartbeatMs) : null,
      postpone: async (ms) => {
        throw new Postponed(Math.max(1, Math.round(ms)));
      },
      saveProgress: (payload) => deps.claims.saveProgress(jobId, holder, payload),
      beginWrite: () => deps.claims.beginWrite(jobId, holder),
      markDone: async () => {
        await markDone();
      },
    };
    if (row.interruptedAt) logger.warn({ lastSeenAt: row.interruptedAt }, 'the last run of this job was cut short while writing to Atlas; looking before writing again');
    deps.holder.track(jobId);
    try {
      const run = () => handler.run(row.payload, ctx);
      const outcome = await inLanguage(payloadLanguage(row.payload), () => (held ? holdingWrites(held, run) : run()));
      if (outcome === 'parked') {
        if (held) {
          held.open = false;
          if (held.entries.length) await deps.held!.write(held.entries);
        }
        await deps.outbox.markParked(jobId);
        logger.debug('job parked');
        return { kind: 'parked' };
      }
      // A handler that marked it done itself, and failed to, is marked again here.
      next = await (done ?? markDone()).catch(() => ((done = null), markDone()));
      logger.debug('job done');
      return { kind: 'done' };
    } catch (err) {
      if (held) held.open = false;
      return await failed(err, row, handler, ctx);
    } finally {
      deps.holder.untrack(jobId);
      deps.onSettled?.(row, next);
    }
  }

  async function failed(err: unknown, row: OutboxRow, handler: JobHandler, ctx: JobContext): Promise<Outcome> {
    if (err instanceof Postponed) {
      await deps.claims.postpone(row.jobId, holder, err.ms).catch(() => undefined);
      return { kind: 'postponed', ms: err.ms };
    }
    const c = classify(err);
    if (c.kind === 'transient') {
      // The window runs from the first failure of this run of retries; an admin's retry of a
      // failed job starts a new one (the claim clears it).
      const now = deps.clock.now();
      const ageMs = row.retryingSince ? now.getTime() - row.retryingSince.getTime() : 0;
      if (ageMs < deps.retryWindowMs) {
        const delayMs = c.retryAfterMs ?? backoffDelay(row.attempts + 1, deps.backoff);
        ctx.logger.warn({ err: c.reason, ageMs, delayMs }, 'transient failure; will retry');
        await deps.claims.retryLater(row.jobId, holder, { error: c.reason, delayMs, retryingSince: now }).catch(() => undefined);
        if (row.attempts + 1 >= deps.delayedNoticeAfter && handler.onDelayed) {
          await inLanguage(payloadLanguage(row.payload), () => handler.onDelayed!(row.payload, ctx)).catch((e: Error) => ctx.logger.error({ err: e.message }, 'delayed notice failed'));
        }
        return { kind: 'retry', delayMs, error: err };
      }
      const hours = Math.round(deps.retryWindowMs / 3_600_000);
      return failForGood(handler, row, ctx, { kind: 'gave_up', hours }, `gave up after ${hours} h: ${c.reason}`);
    }
    return failForGood(handler, row, ctx, c.cause, c.reason);
  }

  async function failForGood(handler: JobHandler, row: OutboxRow, ctx: JobContext, cause: FailureCause, reason: string): Promise<Outcome> {
    ctx.logger.error({ err: reason, cause: cause.kind }, 'job failed for good');
    await deps.outbox.markFailed(row.jobId, reason).catch(() => undefined);
    if (handler.onPermanent) {
      await inLanguage(payloadLanguage(row.payload), () => handler.onPermanent!(row.payload, cause, ctx)).catch((e: Error) => ctx.logger.error({ err: e.message }, 'failure notice failed'));
    }
    return { kind: 'failed', reason };
  }
}
