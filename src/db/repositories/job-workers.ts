/**
 * Worker processes and their heartbeats (job_workers), and the short leases that let one process
 * at a time run a periodic task (job_locks). A claim on an outbox row is as good as its holder's
 * heartbeat here.
 */
import { and, eq, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { jobLocks, jobWorkers } from '../schema.js';

export type JobWorkerRow = typeof jobWorkers.$inferSelect;
export interface JobWorkerInfo extends JobWorkerRow {
  /** No heartbeat for longer than the dead-after time (by the database's clock). */
  silent: boolean;
  lastBeatMsAgo: number;
}

const secs = (ms: number) => sql`make_interval(secs => ${Math.max(0, ms) / 1000})`;

export function createJobWorkerRepository(db: Db) {
  return {
    async register(w: { id: string; machine: string; host: string; pid: number; mode: string; queues: string[]; queueWorkerIds: string[] }): Promise<void> {
      await db
        .insert(jobWorkers)
        .values({ ...w, queues: w.queues as never, queueWorkerIds: w.queueWorkerIds as never })
        .onConflictDoUpdate({ target: jobWorkers.id, set: { queues: w.queues as never, queueWorkerIds: w.queueWorkerIds as never, heartbeatAt: sql`now()`, stoppedAt: null, stopReason: null } });
    },
    /**
     * One beat. 'revived': another process had taken this worker for gone (its claims may have
     * been taken over); 'missing': the row is gone and must be registered again.
     */
    async beat(id: string): Promise<'alive' | 'revived' | 'missing'> {
      const [before] = await db.select({ stoppedAt: jobWorkers.stoppedAt }).from(jobWorkers).where(eq(jobWorkers.id, id));
      if (!before) return 'missing';
      await db.update(jobWorkers).set({ heartbeatAt: sql`now()`, stoppedAt: null, stopReason: null }).where(eq(jobWorkers.id, id));
      return before.stoppedAt === null ? 'alive' : 'revived';
    },
    /** Workers not known to be stopped, other than `self`, with how long since they beat. */
    async others(self: string, deadAfterMs: number): Promise<JobWorkerInfo[]> {
      const rows = await db
        .select({
          w: jobWorkers,
          silent: sql<boolean>`${jobWorkers.heartbeatAt} < now() - ${secs(deadAfterMs)}`,
          ago: sql<number>`(extract(epoch from now() - ${jobWorkers.heartbeatAt}) * 1000)::int`,
        })
        .from(jobWorkers)
        .where(and(isNull(jobWorkers.stoppedAt), ne(jobWorkers.id, self)));
      return rows.map((r) => ({ ...r.w, silent: !!r.silent, lastBeatMsAgo: Number(r.ago) }));
    },
    async get(id: string): Promise<JobWorkerRow | null> {
      const [row] = await db.select().from(jobWorkers).where(eq(jobWorkers.id, id));
      return row ?? null;
    },
    /** Marks workers gone (their claims become free at once); returns the ones this call stopped. */
    async markStopped(ids: string[], reason: string): Promise<JobWorkerRow[]> {
      if (ids.length === 0) return [];
      return db.update(jobWorkers).set({ stoppedAt: sql`now()`, stopReason: reason }).where(and(inArray(jobWorkers.id, ids), isNull(jobWorkers.stoppedAt))).returning();
    },
    /** Forgets workers stopped long ago. */
    async prune(olderThan: Date): Promise<void> {
      await db.delete(jobWorkers).where(and(isNotNull(jobWorkers.stoppedAt), lt(jobWorkers.stoppedAt, olderThan)));
    },
    /** Takes (or keeps) the lease on a periodic task for `ms`; false when another process holds it. */
    async tryLock(name: string, holder: string, ms: number): Promise<boolean> {
      const rows = await db
        .insert(jobLocks)
        .values({ name, holder, until: sql`now() + ${secs(ms)}` })
        .onConflictDoUpdate({
          target: jobLocks.name,
          set: { holder, until: sql`now() + ${secs(ms)}` },
          setWhere: sql`${jobLocks.until} < now() or ${jobLocks.holder} = ${holder}`,
        })
        .returning({ name: jobLocks.name });
      return rows.length === 1;
    },
  };
}
export type JobWorkerRepository = ReturnType<typeof createJobWorkerRepository>;
