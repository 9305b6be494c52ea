/**
 * The one processor every worker runs: skips work the outbox says is done, runs the handler,
 * and sorts failures into transient (back off, keep trying for the retry window, tell the
 * person once that it is delayed) and permanent (fail now, tell the person why).
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.js';
import type { FailureCause } from '../core/notices.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import { classify } from './errors.js';

export interface JobContext {
  job: Job;
  jobId: string;
  token: string | undefined;
  logger: Logger;
}

/** A handler returns 'parked' when it asked a person and will be resumed by the answer. */
export interface JobHandler<T = any> {
  run(data: T, ctx: JobContext): Promise<void | 'parked'>;
  /** Called after a few transient failures; must be idempotent (derive message keys from the job). */
  onDelayed?(data: T, ctx: JobContext): Promise<void>;
  /** Called once when the job fails for good. */
  onPermanent?(data: T, cause: FailureCause, ctx: JobContext): Promise<void>;
}

export interface RunnerDeps {
  handlers: Record<string, JobHandler>;
  outbox: OutboxRepository;
  logger: Logger;
  clock: Clock;
  retryWindowMs: number;
  /** After this many failed attempts the person hears that it is delayed. */
  delayedNoticeAfter: number;
  /** How long one run holds its job against a second run (longer than any run takes). */
  claimLeaseMs: number;
  busyRetryMs: number;
}

export function createProcessor(deps: RunnerDeps) {
  return async function process(job: Job, token?: string): Promise<void> {
    const jobId = job.id ?? '';
    const logger = deps.logger.child({ jobId, queue: job.queueName, job: job.name, attempt: job.attemptsMade + 1 });
    const handler = deps.handlers[job.name];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const claim = jobId ? await deps.outbox.claim(jobId, deps.claimLeaseMs) : ({ kind: 'untracked' } as const);
    if (claim.kind === 'finished' && (claim.status === 'done' || claim.status === 'parked')) {
      logger.debug({ status: claim.status }, 'already handled; skipping');
      return;
    }
    if (claim.kind === 'busy') {
      // Another run of this job holds it (a stall picked up twice): look again later, no attempt spent.
      logger.warn('job is running elsewhere; checking again shortly');
      await job.moveToDelayed(Date.now() + deps.busyRetryMs, token);
      throw new DelayedError();
    }
    const ctx: JobContext = { job, jobId, token, logger };
    try {
      const outcome = await handler.run(job.data, ctx);
      if (claim.kind === 'claimed') await (outcome === 'parked' ? deps.outbox.markParked(jobId) : deps.outbox.markDone(jobId));
      logger.debug({ outcome: outcome ?? 'done' }, 'job done');
    } catch (err) {
      if (err instanceof DelayedError) {
        // The handler parked itself in BullMQ's delayed set (a rate limit): not a run, so let go.
        if (claim.kind === 'claimed') await deps.outbox.release(jobId).catch(() => undefined);
        throw err;
      }
      const c = classify(err);
      if (c.kind === 'transient') {
        // The window runs from the first failure of this run of the job; a retry from the admin
        // view (attempts reset to 0) starts a new window.
        const now = deps.clock.now().getTime();
        const since = job.attemptsMade > 0 && typeof job.data?.retryingSince === 'number' ? (job.data.retryingSince as number) : now;
        if (since === now) await job.updateData({ ...job.data, retryingSince: now }).catch(() => undefined);
        const ageMs = now - since;
        if (ageMs < deps.retryWindowMs) {
          logger.warn({ err: c.reason, ageMs }, 'transient failure; will retry');
          if (claim.kind === 'claimed') await deps.outbox.recordAttempt(jobId, c.reason).catch(() => undefined);
          if (job.attemptsMade + 1 >= deps.delayedNoticeAfter && handler.onDelayed) {
            await handler.onDelayed(job.data, ctx).catch((e: Error) => logger.error({ err: e.message }, 'delayed notice failed'));
          }
          throw err;
        }
        const hours = Math.round(deps.retryWindowMs / 3_600_000);
        await failForGood(handler, job, ctx, { kind: 'gave_up', hours }, `gave up after ${hours} h: ${c.reason}`);
      }
      if (c.kind === 'permanent') await failForGood(handler, job, ctx, c.cause, c.reason);
      throw new UnrecoverableError(c.reason);
    }
  };

  async function failForGood(handler: JobHandler, job: Job, ctx: JobContext, cause: FailureCause, reason: string): Promise<never> {
    ctx.logger.error({ err: reason, cause: cause.kind }, 'job failed for good');
    if (ctx.jobId) await deps.outbox.markFailed(ctx.jobId, reason).catch(() => undefined);
    if (handler.onPermanent) {
      await handler.onPermanent(job.data, cause, ctx).catch((e: Error) => ctx.logger.error({ err: e.message }, 'failure notice failed'));
    }
    throw new UnrecoverableError(reason);
  }
}
