/**
 * Embedded mode: no Redis. Jobs run in this process straight from the PostgreSQL outbox (or
 * PGlite): each queue claims ready rows — run_at passed, first by priority then write order,
 * no earlier live row of the same ordering key — with FOR UPDATE SKIP LOCKED, up to its
 * concurrency. New rows written here wake the queue at once; retries, rate-limit waits and
 * delays wake it when due; a poll every `pollMs` catches rows written by other processes.
 * Several embedded processes on one PostgreSQL never run a job twice (SKIP LOCKED and claims),
 * but send rate limits are kept per process.
 */
import type { Logger } from 'pino';
import type { OutboxClaims } from '../../db/repositories/outbox-claims.js';
import type { OutboxRepository } from '../../db/repositories/outbox.js';
import { QUEUES, type QueueName } from '../names.js';
import { createMemoryRateLimiter, type RateLimits } from '../rate-limit.js';
import type { ClaimHolder, Executor } from '../runner.js';
import type { JobRunner, QueueCounts } from './types.js';

interface QueueState {
  execute: Executor;
  concurrency: number;
  running: number;
  pumping: boolean;
  again: boolean;
  /** When rows this process delayed become due (epoch ms), and the timer of the earliest. */
  dues: number[];
  dueTimer: NodeJS.Timeout | null;
}

export function createEmbeddedRunner(deps: {
  outbox: OutboxRepository;
  claims: OutboxClaims;
  holder: ClaimHolder;
  logger: Logger;
  options: { pollMs: number; rateLimits: RateLimits };
}): JobRunner {
  const log = deps.logger.child({ component: 'embedded-runner' });
  const queues = new Map<QueueName, QueueState>();
  const runs = new Set<Promise<void>>();
  const limiter = createMemoryRateLimiter(deps.options.rateLimits);
  let poll: NodeJS.Timeout | null = null;
  let started = false;
  let closing = false;
  let claimFailing = false;

  function wakeAt(name: QueueName, ms: number): void {
    const s = queues.get(name);
    if (!s || closing) return;
    // A crowd of delayed rows: the poll finds the rest.
    if (s.dues.length >= 1_000) return;
    s.dues.push(Date.now() + Math.max(0, ms));
    armDue(name, s);
  }

  /** One timer per queue, for the earliest due time; when it fires the queue pumps and re-arms. */
  function armDue(name: QueueName, s: QueueState): void {
    if (s.dueTimer) clearTimeout(s.dueTimer);
    s.dueTimer = null;
    if (s.dues.length === 0 || closing) return;
    const next = Math.min(...s.dues);
    s.dueTimer = setTimeout(() => {
      s.dueTimer = null;
      const now = Date.now();
      s.dues = s.dues.filter((t) => t > now);
      armDue(name, s);
      void pump(name);
    }, Math.max(0, next - Date.now()) + 5);
    s.dueTimer.unref();
  }

  function run(name: QueueName, s: QueueState, row: Parameters<Executor>[0]): void {
    s.running++;
    const p: Promise<void> = s
      .execute(row)
      .then((outcome) => {
        if (outcome.kind === 'retry') wakeAt(name, outcome.delayMs);
        if (outcome.kind === 'postponed') wakeAt(name, outcome.ms);
      })
      .catch((err: Error) => log.error({ jobId: row.jobId, err: err.message }, 'job run crashed'))
      .finally(() => {
        s.running--;
        runs.delete(p);
        void pump(name);
      });
    runs.add(p);
  }

  async function pump(name: QueueName): Promise<void> {
    const s = queues.get(name);
    if (!s || !started || closing) return;
    if (s.pumping) {
      s.again = true;
      return;
    }
    s.pumping = true;
    try {
      do {
        s.again = false;
        const free = s.concurrency - s.running;
        if (free <= 0) break;
        let rows: Awaited<ReturnType<OutboxClaims['claimReady']>>;
        try {
          rows = await deps.claims.claimReady(name, deps.holder.id, free);
          if (claimFailing) log.info({ queue: name }, 'claiming jobs works again');
          claimFailing = false;
        } catch (err) {
          if (!claimFailing) log.warn({ queue: name, err: (err as Error).message }, 'claiming jobs failed; will try again');
          claimFailing = true;
          break;
        }
        for (const row of rows) run(name, s, row);
        if (rows.length === free) s.again = true;
      } while (s.again && !closing && s.running < s.concurrency);
    } finally {
      s.pumping = false;
    }
  }

  const pumpAll = () => {
    for (const name of queues.keys()) void pump(name);
  };

  return {
    mode: 'embedded',
    async add(entries) {
      const now = new Set<QueueName>();
      for (const e of entries) {
        if (e.delayMs && e.delayMs > 0) wakeAt(e.queue as QueueName, e.delayMs);
        else now.add(e.queue as QueueName);
      }
      // After the caller's own work (the rows are committed): run them soon, not inside its call.
      if (now.size) setImmediate(() => now.forEach((q) => void pump(q)));
    },
    process(queue, execute, { concurrency }) {
      queues.set(queue, { execute, concurrency, running: 0, pumping: false, again: false, dues: [], dueTimer: null });
    },
    async start() {
      started = true;
      pumpAll();
      poll = setInterval(pumpAll, deps.options.pollMs);
      poll.unref();
      log.info({ queues: [...queues.keys()], pollMs: deps.options.pollMs }, 'embedded job runner started');
    },
    async wake({ queue }) {
      void pump(queue as QueueName);
    },
    async handBack() {
      pumpAll();
    },
    resubmit: async () => 0,
    limiter,
    queueWorkerIds: () => [],
    async counts() {
      const byQueue = await deps.outbox.countsByQueue();
      const zero: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0 };
      return Object.fromEntries(Object.values(QUEUES).map((q) => [q, byQueue[q] ?? zero])) as Record<QueueName, QueueCounts>;
    },
    available: () => true,
    addsInFlight: () => 0,
    async close() {
      closing = true;
      if (poll) clearInterval(poll);
      for (const s of queues.values()) if (s.dueTimer) clearTimeout(s.dueTimer);
      // Like BullMQ's Worker.close(): no new jobs, the running ones finish.
      while (runs.size) await Promise.allSettled([...runs]);
    },
  };
}
