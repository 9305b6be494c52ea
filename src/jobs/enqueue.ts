/**
 * Durable enqueue: the outbox row in PostgreSQL first (inside the caller's transaction when it
 * has one), the runner after (BullMQ in queue mode; a wake-up of the embedded runner). Redis
 * being down delays work but never loses it: the sweeper adds rows that did not make it. Job ids
 * come from the cause, so adding twice is harmless.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../db/client.js';
import { batched } from '../db/batch.js';
import { createOutboxRepository, type DbLike, type OutboxEntry } from '../db/repositories/outbox.js';
import type { JobRunner } from './runners/types.js';
import type { JobTracing } from './observe.js';

export type { OutboxEntry };

/**
 * What a running job enqueues while it holds its writes (runner.ts, `holdFor`): the rows are
 * written with the job's outcome — in the statement that marks it done — instead of one by one.
 * `open` turns false once the outcome is being written (later enqueues go out at once).
 */
export interface HeldWrites {
  entries: OutboxEntry[];
  open: boolean;
}
const holding = new AsyncLocalStorage<HeldWrites>();

/** Runs `fn` with its enqueues held in `held`. */
export function holdingWrites<T>(held: HeldWrites, fn: () => Promise<T>): Promise<T> {
  return holding.run(held, fn);
}

export interface Enqueuer {
  /** Writes the entries and hands the ones not already finished to the runner. */
  enqueue(entries: OutboxEntry[]): Promise<void>;
  /** Writes inside a transaction; call `push` with the same entries after it commits. */
  write(tx: DbLike, entries: OutboxEntry[]): Promise<void>;
  /**
   * Hands written rows to the runner (best effort; what it cannot take now is picked up later).
   * Entries whose row is already finished are skipped; `fresh` says the rows were just written.
   */
  push(entries: OutboxEntry[], opts?: { fresh?: boolean }): Promise<void>;
  /** Hands rows written elsewhere (a job's held writes) to the runner; `fresh`: the ids just written. */
  pushWritten(entries: OutboxEntry[], fresh: Set<string>): Promise<void>;
}

export function createEnqueuer(deps: { db: Db; runner: JobRunner; tracing?: JobTracing }): Enqueuer {
  const outbox = createOutboxRepository(deps.db);
  /** A job written inside a trace carries it, so its run continues that trace. */
  const traced = (entries: OutboxEntry[]): OutboxEntry[] => {
    const carrier = deps.tracing?.capture() ?? null;
    return carrier ? entries.map((e) => (e.trace ? e : { ...e, trace: carrier })) : entries;
  };

  /**
   * Rows enqueued by jobs running at the same time (their replies) are written in one INSERT
   * (db/batch.ts); each call learns which of its rows are new (a job id twice: the first call's).
   */
  const writeTogether = batched(async (lists: OutboxEntry[][]) => {
    const fresh = await outbox.write(lists.flat());
    return lists.map((entries) => {
      const mine = new Set<string>();
      for (const e of entries) if (fresh.delete(e.jobId)) mine.add(e.jobId);
      return mine;
    });
  });

  async function pushWritten(entries: OutboxEntry[], fresh: Set<string>): Promise<void> {
    const written = entries.filter((e) => fresh.has(e.jobId));
    const seen = entries.filter((e) => !fresh.has(e.jobId));
    await Promise.all([push(written, { fresh: true }), push(seen)]);
  }

  async function push(entries: OutboxEntry[], opts: { fresh?: boolean } = {}): Promise<void> {
    if (entries.length === 0) return;
    const live = opts.fresh ? entries : await liveOnly(entries);
    // Rows stay 'pending' until their job finishes; the sweeper tells a lost job by asking Redis.
    await deps.runner.add(live);
  }

  /** Entries whose row is still pending or enqueued (not finished, failed, parked or running). */
  async function liveOnly(entries: OutboxEntry[]): Promise<OutboxEntry[]> {
    const statuses = await outbox.statuses(entries.map((e) => e.jobId));
    return entries.filter((e) => {
      const s = statuses.get(e.jobId);
      return s === undefined || s === 'pending' || s === 'enqueued';
    });
  }

  return {
    async enqueue(given) {
      const entries = traced(given);
      const held = holding.getStore();
      if (held?.open) {
        held.entries.push(...entries);
        return;
      }
      const fresh = entries.length ? await writeTogether(entries) : new Set<string>();
      await pushWritten(entries, fresh);
    },
    pushWritten,
    async write(tx, entries) {
      await createOutboxRepository(tx).write(traced(entries));
    },
    push,
  };
}
