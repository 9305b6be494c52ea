/**
 * Who runs an outbox row now. A run claims its row (status running, claimed_by = its worker,
 * a lease its worker's heartbeat keeps renewing), so the same job never runs twice at once. A
 * claim can be taken over only when its holder is gone: the holder stopped heartbeating (or was
 * found dead by a process on the same machine), or stopped renewing this lease. A live holder's
 * long run (a slow Atlas) is never taken from it.
 *
 * Rows with the same ordering key (a chat) run one at a time in write order: a row waits while an
 * earlier row of its key is running, or waits its first run. An earlier row that has failed once
 * no longer holds the others back (it retries with backoff; a chat is not frozen for a day).
 */
import { and, eq, gt, inArray, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { batched } from '../batch.js';
import { outbox } from '../schema.js';
import { unclaimed, type OutboxRow } from './outbox.js';

export type Claim =
  | { kind: 'claimed'; row: OutboxRow }
  | { kind: 'finished'; status: string }
  /** A live worker runs it. */
  | { kind: 'busy' }
  /** An earlier job with the same ordering key goes first. */
  | { kind: 'blocked' }
  | { kind: 'untracked' };

export interface ClaimTimings {
  /** How long a claim lasts without renewal. */
  leaseMs: number;
  /** A worker whose heartbeat is older than this is gone. */
  deadAfterMs: number;
}

export interface ReleasedClaim { jobId: string; queue: string; heldBy: string | null; orderingKey: string | null }

const secs = (ms: number) => sql`make_interval(secs => ${Math.max(0, ms) / 1000})`;

/** The row's holder is a worker that is still heartbeating. */
function holderAlive(deadAfterMs: number): SQL {
  return sql`exists (select 1 from job_workers w where w.id = ${outbox.claimedBy} and w.stopped_at is null and w.heartbeat_at > now() - ${secs(deadAfterMs)})`;
}

/** A running row whose claim may be taken: its holder is gone or let the lease lapse. */
function takeable(t: ClaimTimings): SQL {
  return sql`((${outbox.claimedBy} is not null and (${outbox.leaseUntil} < now() or not ${holderAlive(t.deadAfterMs)}))
    or (${outbox.claimedBy} is null and ${outbox.updatedAt} < now() - ${secs(t.leaseMs)}))`;
}

/** No earlier row with the same key is running or waiting for its first run. */
const orderingClear = sql`(${outbox.orderingKey} is null or not exists (
  select 1 from outbox e where e.ordering_key = ${outbox.orderingKey} and e.seq < ${outbox.seq}
    and (e.status = 'running' or (e.status in ('pending', 'enqueued') and e.attempts = 0))))`;

/** For a running row given up by its holder: when it was last alive, if it had begun a write (else null). */
function interruptedWriting(leaseMs: number): SQL {
  return sql`case when ${outbox.writingAt} is not null then coalesce(${outbox.leaseUntil} - ${secs(leaseMs)}, ${outbox.claimedAt}) end`;
}

function claimed(holder: string | SQL, leaseMs: number) {
  return {
    status: 'running',
    claimedBy: holder,
    claimedAt: sql`now()`,
    leaseUntil: sql`now() + ${secs(leaseMs)}`,
    // Taken from a holder that never finished while it was writing: when that run was last known
    // alive (its last lease renewal), since the write may still land.
    interruptedAt: sql`case when ${outbox.status} = 'running' then ${interruptedWriting(leaseMs)} else ${outbox.interruptedAt} end`,
    writingAt: null,
    // A failed job run again (an admin's retry) gets a fresh retry window.
    attempts: sql`case when ${outbox.status} = 'failed' then 0 else ${outbox.attempts} end`,
    retryingSince: sql`case when ${outbox.status} = 'failed' then null else ${outbox.retryingSince} end`,
    updatedAt: sql`now()`,
  } as const;
}

export function createOutboxClaims(db: Db, t: ClaimTimings) {
  const mine = (jobId: string, holder: string) => and(eq(outbox.jobId, jobId), eq(outbox.status, 'running'), eq(outbox.claimedBy, holder));
  /**
   * Claims of the jobs handed to this worker at the same time go in one statement (db/batch.ts);
   * each job is claimed, or not, exactly as if alone. One batch per holder.
   */
  const claimers = new Map<string, (jobId: string) => Promise<OutboxRow | null>>();
  const claimerOf = (holder: string) => {
    let c = claimers.get(holder);
    if (!c) {
      c = batched(async (jobIds: string[]) => {
        const rows = await db
          .update(outbox)
          .set(claimed(holder, t.leaseMs))
          .where(and(inArray(outbox.jobId, jobIds), notInArray(outbox.status, ['done', 'parked']), or(ne(outbox.status, 'running'), takeable(t)), orderingClear))
          .returning();
        const byId = new Map(rows.map((r) => [r.jobId, r]));
        // The same job twice in one batch: claimed once (the other finds it running).
        return jobIds.map((id) => {
          const row = byId.get(id) ?? null;
          byId.delete(id);
          return row;
        });
      });
      claimers.set(holder, c);
    }
    return c;
  };
  return {
    /** Claims one row for a run (queue mode: BullMQ handed us its job). */
    async claim(jobId: string, holder: string): Promise<Claim> {
      const row = await claimerOf(holder)(jobId);
      if (row) return { kind: 'claimed', row };
      const [current] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.jobId, jobId));
      if (!current) return { kind: 'untracked' };
      if (current.status === 'done' || current.status === 'parked') return { kind: 'finished', status: current.status };
      return current.status === 'running' ? { kind: 'busy' } : { kind: 'blocked' };
    },
    /**
     * Claims up to `n` runnable rows of a queue, first by priority then by write order (embedded
     * mode). SKIP LOCKED: several processes on one database never claim the same row.
     */
    async claimReady(queue: string, holder: string, n: number): Promise<OutboxRow[]> {
      if (n <= 0) return [];
      const next = db.$with('next').as(
        db
          .select({ jobId: outbox.jobId })
          .from(outbox)
          .where(and(eq(outbox.queue, queue), inArray(outbox.status, ['pending', 'enqueued']), lte(outbox.runAt, sql`now()`), orderingClear))
          .orderBy(outbox.priority, outbox.seq)
          .limit(n)
          .for('update', { skipLocked: true }),
      );
      const rows = await db
        .with(next)
        .update(outbox)
        .set(claimed(holder, t.leaseMs))
        .where(inArray(outbox.jobId, db.select({ jobId: next.jobId }).from(next)))
        .returning();
      return rows.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    },
    /** A failed attempt: back to waiting until `delayMs` from now, one attempt more. */
    async retryLater(jobId: string, holder: string, r: { error: string; delayMs: number; retryingSince: Date }): Promise<void> {
      await db
        .update(outbox)
        .set({
          status: 'pending',
          attempts: sql`${outbox.attempts} + 1`,
          lastError: r.error.slice(0, 2_000),
          runAt: sql`now() + ${secs(r.delayMs)}`,
          retryingSince: sql`coalesce(${outbox.retryingSince}, ${r.retryingSince.toISOString()}::timestamptz)`,
          ...unclaimed,
          updatedAt: sql`now()`,
        })
        .where(mine(jobId, holder));
    },
    /** Not now (a rate limit): waits `delayMs` without spending an attempt. */
    async postpone(jobId: string, holder: string, delayMs: number): Promise<void> {
      await db
        .update(outbox)
        .set({ status: 'pending', runAt: sql`now() + ${secs(delayMs)}`, ...unclaimed, updatedAt: sql`now()` })
        .where(mine(jobId, holder));
    },
    /** The run is about to make a write it cannot take back: if it is cut short, the next run looks first. */
    async beginWrite(jobId: string, holder: string): Promise<void> {
      await db.update(outbox).set({ writingAt: sql`now()` }).where(mine(jobId, holder));
    },
    /** Saves a running job's payload (its progress), so a later run starts from there. */
    async saveProgress(jobId: string, holder: string, payload: unknown): Promise<void> {
      await db.update(outbox).set({ payload: payload as never }).where(mine(jobId, holder));
    },
    /** The holder's heartbeat: its runs keep their claims. */
    async renewLeases(holder: string, jobIds: string[]): Promise<void> {
      if (jobIds.length === 0) return;
      await db
        .update(outbox)
        .set({ leaseUntil: sql`now() + ${secs(t.leaseMs)}` })
        .where(and(inArray(outbox.jobId, jobIds), eq(outbox.status, 'running'), eq(outbox.claimedBy, holder)));
    },
    /** Claims whose holder is gone go back to waiting, now; returns them (and who held them). */
    async releaseAbandoned(): Promise<ReleasedClaim[]> {
      const result = await db.execute(sql`
        with gone as (
          select job_id, claimed_by from outbox
          where status = 'running' and ${takeable(t)}
          for update skip locked
        )
        update outbox o set status = 'pending',
          interrupted_at = case when o.writing_at is not null then coalesce(o.lease_until - ${secs(t.leaseMs)}, o.claimed_at) end,
          writing_at = null, claimed_by = null, lease_until = null, updated_at = now()
        from gone where o.job_id = gone.job_id
        returning o.job_id, o.queue, o.ordering_key, gone.claimed_by`);
      const rows = ((result as unknown as { rows?: Record<string, unknown>[] }).rows ?? (result as unknown as Record<string, unknown>[])) as Record<string, unknown>[];
      return rows.map((r) => ({ jobId: String(r.job_id), queue: String(r.queue), orderingKey: (r.ordering_key as string | null) ?? null, heldBy: (r.claimed_by as string | null) ?? null }));
    },
    /** Running rows whose holder is gone (not yet released). */
    async heldByTheGone(limit = 100): Promise<{ jobId: string; heldBy: string | null }[]> {
      return db.select({ jobId: outbox.jobId, heldBy: outbox.claimedBy }).from(outbox).where(and(eq(outbox.status, 'running'), takeable(t))).limit(limit);
    },
    /**
     * The row of this key waiting behind `afterSeq` for its first run, if any (one that failed
     * before waits out its own backoff and is not woken early).
     */
    async nextInLine(orderingKey: string, afterSeq: number): Promise<{ jobId: string; queue: string } | null> {
      const [row] = await db
        .select({ jobId: outbox.jobId, queue: outbox.queue })
        .from(outbox)
        .where(and(eq(outbox.orderingKey, orderingKey), gt(outbox.seq, afterSeq), inArray(outbox.status, ['pending', 'enqueued']), eq(outbox.attempts, 0)))
        .orderBy(outbox.seq)
        .limit(1);
      return row ?? null;
    },
  };
}
export type OutboxClaims = ReturnType<typeof createOutboxClaims>;
