/**
 * The outbox: every job is a row written before anything runs it (in the caller's transaction
 * when there is one). In queue mode BullMQ carries the job and the row is its record (the sweeper
 * re-adds rows Redis lost); in embedded mode the row is the queue. A row marked done is never run
 * again. Claims (who runs a row now) live in outbox-claims.ts; accepting webhook deliveries (seen
 * once, written together) in outbox-accept.ts.
 */
import { and, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { batched, rowsOf } from '../batch.js';
import { prepared } from '../prepared.js';
import { outbox } from '../schema.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = 'pending' | 'enqueued' | 'running' | 'done' | 'failed' | 'parked';

export interface OutboxEntry {
  jobId: string;
  organizationId: string | null;
  queue: string;
  name: string;
  payload: unknown;
  /** 0 first, then 1, 2, 3. */
  priority: number;
  /** Jobs with the same key run one at a time, in the order they were written (e.g. one chat's updates). */
  orderingKey?: string | null;
  /** Not before this many ms from now. */
  delayMs?: number;
  /** The trace this job continues (set by the enqueuer when tracing is on). */
  trace?: unknown;
}

/** Anything drizzle can run a query on: the Db itself or a transaction of it. */
export type DbLike = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

const secs = (ms: number) => sql`make_interval(secs => ${Math.max(0, ms) / 1000})`;

const p = (name: string) => sql.placeholder(name);

export function createOutboxRepository(db: DbLike) {
  const writeOne = prepared(() =>
    (db as Db)
      .insert(outbox)
      .values({
        jobId: p('jobId'),
        organizationId: p('organizationId'),
        queue: p('queue'),
        name: p('name'),
        payload: sql`${p('payload')}::jsonb`,
        priority: p('priority'),
        orderingKey: p('orderingKey'),
        trace: sql`${p('trace')}::jsonb`,
        runAt: sql`now() + make_interval(secs => ${p('delaySecs')}::double precision)`,
      })
      .onConflictDoNothing()
      .returning({ jobId: outbox.jobId })
      .prepare('rivet_outbox_write_one'),
  );
  /**
   * Marks rows done and reads, for each row with an ordering key, the row of that key waiting
   * behind it for its first run: the jobs finishing at the same time share one statement and one
   * commit (db/batch.ts).
   */
  const finish = batched(async (items: { jobId: string; orderingKey: string | null; seq: number; entries?: OutboxEntry[] }[]) => {
    // The rows the jobs enqueued while running (their replies), written in the same statement.
    const entries = items.flatMap((i) => i.entries ?? []).map((e) => ({
      jobId: e.jobId, organizationId: e.organizationId, queue: e.queue, name: e.name, payload: e.payload ?? null, priority: e.priority,
      orderingKey: e.orderingKey ?? null, trace: e.trace ?? null, delaySecs: Math.max(0, e.delayMs ?? 0) / 1000,
    }));
    const result = await db.execute(sql`
      with items as (
        select x."jobId" as job_id, x."orderingKey" as ordering_key, x.seq from jsonb_to_recordset(${JSON.stringify(items.map(({ jobId, orderingKey, seq }) => ({ jobId, orderingKey, seq })))}::jsonb) as x("jobId" text, "orderingKey" text, seq bigint)
      ), written as (
        insert into outbox (job_id, organization_id, queue, name, payload, priority, ordering_key, trace, run_at)
        select e."jobId", e."organizationId", e.queue, e.name, e.payload, e.priority, e."orderingKey", e.trace, now() + make_interval(secs => e."delaySecs")
        from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e("jobId" text, "organizationId" uuid, queue text, name text, payload jsonb, priority int, "orderingKey" text, trace jsonb, "delaySecs" double precision)
        on conflict do nothing
        returning job_id
      ), done as (
        update outbox o set status = 'done', last_error = null, claimed_by = null, lease_until = null, interrupted_at = null, writing_at = null, updated_at = now()
        from items i where o.job_id = i.job_id
        returning 1
      )
      select i.job_id as done_id, n.job_id, n.queue from items i
      left join lateral (
        select e.job_id, e.queue from outbox e
        where i.ordering_key is not null and e.ordering_key = i.ordering_key and e.seq > i.seq and e.status in ('pending', 'enqueued') and e.attempts = 0
        order by e.seq
        limit 1
      ) n on true
      union all
      select null, w.job_id, 'written' from written w`);
    const next = new Map<string, { jobId: string; queue: string } | null>();
    const fresh = new Set<string>();
    for (const r of rowsOf(result)) {
      if (r.done_id == null) fresh.add(String(r.job_id));
      else next.set(String(r.done_id), r.job_id == null ? null : { jobId: String(r.job_id), queue: String(r.queue) });
    }
    // Each job learns which of its rows are new (a job id twice: the first job's).
    return items.map((i) => ({ next: next.get(i.jobId) ?? null, fresh: new Set((i.entries ?? []).filter((e) => fresh.delete(e.jobId)).map((e) => e.jobId)) }));
  });
  return {
    /** Inserts the entries not written before; returns the job ids that are new. */
    async write(entries: OutboxEntry[]): Promise<Set<string>> {
      if (entries.length === 0) return new Set();
      if (entries.length === 1) {
        const e = entries[0]!;
        const rows = await writeOne().execute({
          jobId: e.jobId, organizationId: e.organizationId, queue: e.queue, name: e.name, payload: JSON.stringify(e.payload), priority: e.priority,
          orderingKey: e.orderingKey ?? null, trace: e.trace ? JSON.stringify(e.trace) : null, delaySecs: Math.max(0, e.delayMs ?? 0) / 1000,
        });
        return new Set(rows.map((r) => r.jobId));
      }
      const rows = await db
        .insert(outbox)
        .values(
          entries.map((e) => ({
            jobId: e.jobId,
            organizationId: e.organizationId,
            queue: e.queue,
            name: e.name,
            payload: e.payload as never,
            priority: e.priority,
            orderingKey: e.orderingKey ?? null,
            ...(e.trace ? { trace: e.trace as never } : {}),
            ...(e.delayMs ? { runAt: sql`now() + ${secs(e.delayMs)}` } : {}),
          })),
        )
        .onConflictDoNothing()
        .returning({ jobId: outbox.jobId });
      return new Set(rows.map((r) => r.jobId));
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
    /** Done for good: whoever holds it, a later run skips it. */
    async markDone(jobId: string): Promise<void> {
      await finish({ jobId, orderingKey: null, seq: 0 });
    },
    /**
     * markDoneThenNext, writing in the same statement the rows the job enqueued while it ran
     * (`entries`); `fresh`: the ones not written before.
     */
    async markDoneWith(jobId: string, orderingKey: string | null, seq: number, entries: OutboxEntry[]): Promise<{ next: { jobId: string; queue: string } | null; fresh: Set<string> }> {
      return finish({ jobId, orderingKey, seq, entries });
    },
    /**
     * markDone, and in the same round trip the row of its ordering key waiting behind it for its
     * first run (what `OutboxClaims.nextInLine` answers), so the next job of a chat starts at once.
     */
    async markDoneThenNext(jobId: string, orderingKey: string, seq: number): Promise<{ jobId: string; queue: string } | null> {
      return (await finish({ jobId, orderingKey, seq })).next;
    },
    async markFailed(jobId: string, error: string): Promise<void> {
      await db.update(outbox).set({ status: 'failed', lastError: error.slice(0, 2_000), ...unclaimed, updatedAt: new Date() }).where(eq(outbox.jobId, jobId));
    },
    /** Waiting for a person's answer; the answer writes a job of its own. */
    async markParked(jobId: string): Promise<void> {
      await db.update(outbox).set({ status: 'parked', ...unclaimed, updatedAt: new Date() }).where(eq(outbox.jobId, jobId));
    },
    /**
     * Live rows not touched since `before` (pending, enqueued), oldest first: the sweeper checks
     * that their job is still in Redis. Running rows are the claims' business (a dead holder's are
     * released at once by the worker heartbeat).
     */
    async stale(before: Date, limit: number): Promise<OutboxRow[]> {
      return db
        .select()
        .from(outbox)
        .where(and(inArray(outbox.status, ['pending', 'enqueued']), lt(outbox.updatedAt, before)))
        .orderBy(outbox.updatedAt)
        .limit(limit);
    },
    /** Marks rows as checked by the sweeper, so the next sweep moves on to others (never a running one). */
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
    /** Per queue: waiting (runnable now), delayed (not before a time), active (claimed), failed. */
    async countsByQueue(): Promise<Record<string, { waiting: number; active: number; delayed: number; failed: number }>> {
      const rows = await db
        .select({
          queue: outbox.queue,
          waiting: sql<number>`count(*) filter (where ${outbox.status} in ('pending', 'enqueued') and ${outbox.runAt} <= now())::int`,
          delayed: sql<number>`count(*) filter (where ${outbox.status} in ('pending', 'enqueued') and ${outbox.runAt} > now())::int`,
          active: sql<number>`count(*) filter (where ${outbox.status} = 'running')::int`,
          failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')::int`,
        })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'enqueued', 'running', 'failed']))
        .groupBy(outbox.queue);
      return Object.fromEntries(rows.map((r) => [r.queue, { waiting: Number(r.waiting), active: Number(r.active), delayed: Number(r.delayed), failed: Number(r.failed) }]));
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

/** The claim columns of a row nobody runs. */
export const unclaimed = { claimedBy: null, leaseUntil: null, interruptedAt: null, writingAt: null } as const;
