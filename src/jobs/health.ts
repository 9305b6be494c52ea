/**
 * What /health says about jobs: which mode runs them, how deep each queue is, which worker
 * processes are alive, and how many jobs are held by a worker that is gone (they go back to the
 * queue on the next heartbeat of any live worker; a number that stays up means no worker runs).
 */
import type { JobWorkerRepository } from '../db/repositories/job-workers.js';
import type { OutboxClaims } from '../db/repositories/outbox-claims.js';
import type { QueueName } from './names.js';
import type { JobRunner, QueueCounts, RunnerMode } from './runners/types.js';

export interface JobsHealth {
  mode: RunnerMode;
  /** Queue mode: whether Redis answers now. */
  redis?: 'reachable' | 'unreachable';
  /** Queue mode: jobs handed to Redis and not yet acknowledged (while Redis is away, none are sent). */
  addsInFlight?: number;
  /** Per queue; null while the counts cannot be had (Redis unreachable). */
  queues: Record<QueueName, QueueCounts> | null;
  workers: {
    alive: number;
    /** detailed: each live worker process (host:pid:run), what it runs, its last heartbeat. */
    list?: { id: string; mode: string; queues: string[]; startedAt: string; lastBeatMsAgo: number }[];
  };
  /** Jobs whose claim is held by a worker that stopped heartbeating. */
  waitingOnGoneWorker: number;
  /** detailed: those jobs and who held them. */
  jobsWaitingOnGoneWorker?: { jobId: string; heldBy: string | null }[];
}

export function createJobsHealth(deps: {
  runner: JobRunner;
  claims: OutboxClaims;
  workers: JobWorkerRepository;
  self: { id: string };
  deadAfterMs: number;
}) {
  return async function health(opts: { detailed?: boolean } = {}): Promise<JobsHealth> {
    const [queues, workers, held] = await Promise.all([
      deps.runner.counts(),
      deps.workers.others('', deps.deadAfterMs),
      deps.claims.heldByTheGone(),
    ]);
    const alive = workers.filter((w) => !w.silent);
    return {
      mode: deps.runner.mode,
      ...(deps.runner.mode === 'queue'
        ? { redis: deps.runner.available() ? ('reachable' as const) : ('unreachable' as const), addsInFlight: deps.runner.addsInFlight() }
        : {}),
      queues,
      workers: {
        alive: alive.length,
        ...(opts.detailed
          ? {
              list: alive.map((w) => ({
                id: w.id,
                mode: w.mode,
                queues: Array.isArray(w.queues) ? (w.queues as string[]) : [],
                startedAt: w.startedAt.toISOString(),
                lastBeatMsAgo: w.lastBeatMsAgo,
              })),
            }
          : {}),
      },
      waitingOnGoneWorker: held.length,
      ...(opts.detailed ? { jobsWaitingOnGoneWorker: held } : {}),
    };
  };
}
