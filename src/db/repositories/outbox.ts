/**
 * The durable hand-off between whoever asks for work and BullMQ. A row is written first (in
 * the caller's transaction when there is one), the job is enqueued after; the sweeper
 * re-enqueues rows whose job Redis lost. A row marked done is never run again.
 */
import { and, eq, inArray, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { outbox } from '../schema.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = 'pending' | 'enqueued' | 'running' | 'done' | 'failed' | 'parked';

export type Claim = { kind: 'claimed'; row: OutboxRow } | { kind: 'finished'; status: string } | { kind: 'busy' } | { kind: 'untracked' };

export interface OutboxEntry {
  jobId: string;
  organizationId: string | null;
  queue: string;
  name: string;
  payload: unknown;
  priority: number;
}

/** Anything drizzle can run a query on: the Db itself or a transaction of it. */
export type DbLike = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

export function createOutboxRepository(db: DbLike) {
  return {
    /** Inserts the entries not written before; returns the job ids that are new. */
    async write(entries: OutboxEntry[]): Promise<Set<string>> {
      if (entries.length === 0) return new Set();
      const rows = await db
        .insert(outbox)
        .values(entries.map((e) => ({ ...e, payload: e.payload as never })))
        .onConflictDoNothing()
        .returning({ jobId: outbox.jobId });
      return new Set(rows.map((r) => r.jobId));
    },
    /**
     * Records a delivery as seen and writes its job, in one statement (atomic, one round trip):
     * false when the delivery was seen before, and then nothing is written.
     */
    async writeIfFirstDelivery(source: string, externalId: string, entry: OutboxEntry): Promise<boolean> {
      const result = await db.execute(sql`
        with first as (
          insert into processed_events (source, external_id, organization_id)
          values (${source}, ${externalId}, ${entry.organizationId})
          on conflict do nothing
          returning 1
        )
        insert into outbox (job_id, organization_id, queue, name, payload, priority)
        select ${entry.jobId}, ${entry.organizationId}, ${entry.queue}, ${entry.name}, ${JSON.stringify(entry.payload)}::jsonb, ${entry.priority}
        where exists (select 1 from first)
        on conflict do nothing
        returning job_id`);
      const rows = (result as unknown as { rows?: unknown[] }).rows ?? (result as unknown as unknown[]);
      return Array.isArray(rows) && rows.length === 1;
    },
    /**
     * Takes the row for one run of its job. Two runs of the same job (a stalled job picked up
     * again while the first still runs) cannot both hold it: the second sees 'busy' until the
     * first finishes or its lease (measured on the database clock) runs out.
     */
    async claim(jobId: string, leaseMs: number): Promise<Claim> {
      const [row] = await db
        .update(outbox)
        .set({ status: 'running', updatedAt: sql`now()` })
        .where(
          and(
            eq(outbox.jobId, jobId),
            notInArray(outbox.status, ['done', 'parked']),
            or(ne(outbox.status, 'running'), lt(outbox.updatedAt, sql`now() - make_interval(secs => ${leaseMs / 1000})`)),
          ),
        )
        .returning();
      if (row) return { kind: 'claimed', row };
      const [current] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.jobId, jobId));
      if (!current) return { kind: 'untracked' };
      return current.status === 'running' ? { kind: 'busy' } : { kind: 'finished', status: current.status };
    },
    /** Gives a claimed row back without an outcome (the job waits, e.g. for a rate limit). */
    async release(jobId: string): Promise<void> {
      await db.update(outbox).set({ status: 'pending', updatedAt: new Date() }).where(and(eq(outbox.jobId, jobId), eq(outbox.status, 'running')));
    },
    async get(jobId: string): Promise<OutboxRow | null> {
      const [row] = await db.select().from(outbox).where(eq(outbox.jobId, jobId));
      return row ?? null;
    },
    async statuses(jobIds: string[]): Promise<Map<string, string>> {
      if (jobIds.length === 0) return new Map();
      const rows = await db.select({ jobId: outbox.jobId, status: outbox.status }).from(outbox).where(inArray(outbox.jobId, jobIds));
      return new Map(rows.map((r) => [r.jobId, r.status]));
    },
    async markEnqueued(jobIds: string[]): Promise<void> {
      if (jobIds.length === 0) return;
      await db
        .update(outbox)
        .set({ status: 'enqueued', updatedAt: new Date() })
        .where(and(inArray(outbox.jobId, jobIds), eq(outbox.status, 'pending')));
    },
    async markDone(jobId: string): Promise<void> {
      await db.update(outbox).set({ status: 'done', lastError: null, updatedAt: new Date() }).where(eq(outbox.jobId, jobId));
    },
    async markFailed(jobId: string, error: string): Promise<void> {
      await db.update(outbox).set({ status: 'failed', lastError: error.slice(0, 2_000), updatedAt: new Date() }).where(eq(outbox.jobId, jobId));
    },
    async markParked(jobId: string): Promise<void> {
      await db.update(outbox).set({ status: 'parked', updatedAt: new Date() }).where(eq(outbox.jobId, jobId));
    },
    /** One more failed attempt; the row stays live (and its updatedAt moves, so the sweeper leaves it be). */
    async recordAttempt(jobId: string, error: string): Promise<void> {
      await db
        .update(outbox)
        .set({ status: 'pending', attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 2_000), updatedAt: new Date() })
        .where(eq(outbox.jobId, jobId));
    },
    /**
     * Live rows not touched since `before` (pending, enqueued), or whose run's lease ended
     * before `runningBefore` (the worker may be gone), oldest first.
     */
    async stale(before: Date, runningBefore: Date, limit: number): Promise<OutboxRow[]> {
      return db
        .select()
        .from(outbox)
        .where(
          or(
            and(inArray(outbox.status, ['pending', 'enqueued']), lt(outbox.updatedAt, before)),
            and(eq(outbox.status, 'running'), lt(outbox.updatedAt, runningBefore)),
          ),
        )
        .orderBy(outbox.updatedAt)
        .limit(limit);
    },
    /** Marks rows as checked by the sweeper, so the next sweep moves on to others (never a running one: its time is its lease). */
    async touch(jobIds: string[]): Promise<void> {
      if (jobIds.length === 0) return;
      await db.update(outbox).set({ updatedAt: new Date() }).where(and(inArray(outbox.jobId, jobIds), ne(outbox.status, 'running')));
    },
    async prune(olderThan: Date): Promise<number> {
      const rows = await db
        .delete(outbox)
        .where(and(inArray(outbox.status, ['done', 'failed']), lt(outbox.updatedAt, olderThan)))
        .returning({ jobId: outbox.jobId });
      return rows.length;
    },
    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db.select({ status: outbox.status, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.status);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
