/**
 * Worker identity and heartbeat, on both runners: a claim whose holder is gone is freed at once
 * (a silent heartbeat, or a pid that ended on this machine), health() shows the jobs waiting on
 * a gone holder, and a live holder's long job is never taken from it.
 */
import { spawnSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jobWorkers, outbox } from '../../src/db/schema.js';
import { jobIdFor, type JobHandler, type JobSystem } from '../../src/jobs/index.js';
import { machineId } from '../../src/jobs/presence.js';
import { jobRow, startHarness, waitFor, type Harness , describeEachRunner } from './helpers.js';

describeEachRunner('worker presence (%s runner)', (mode) => {
  let h: Harness;
  const runs = new Map<string, number>();
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  const handlers = {
    provisioning: {
      quick: { run: async (_: unknown, ctx) => void runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1) } as JobHandler,
      slow: {
        run: async (_: unknown, ctx) => {
          runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
          await held;
        },
      } as JobHandler,
    },
  };
  const timings = { heartbeatMs: 200, deadAfterMs: 1_000, claimLeaseMs: 1_000 };

  beforeAll(async () => {
    h = await startHarness({ mode });
  });
  afterAll(async () => {
    release();
    await h?.close();
  });

  /** A job left running by `holder`, as a worker that died mid-run leaves it. */
  async function leftRunning(jobs: JobSystem, key: string, holder: string): Promise<string> {
    await jobs.enqueue({ queue: 'provisioning', name: 'quick', key, payload: {} });
    const jobId = jobIdFor('quick', key);
    await h.tdb.database.db.update(outbox).set({ status: 'running', claimedBy: holder, claimedAt: new Date(), leaseUntil: new Date(Date.now() + 60_000) }).where(eq(outbox.jobId, jobId));
    return jobId;
  }

  it('a holder that stopped beating: health lists the job, and the first beat of a worker frees and runs it', async () => {
    const jobs = h.system({ handlers, options: timings });
    await h.tdb.database.db.insert(jobWorkers).values({ id: 'silent-worker', machine: 'elsewhere', host: 'elsewhere', pid: 1, mode, heartbeatAt: new Date(Date.now() - 60_000) });
    const jobId = await leftRunning(jobs, 'silent', 'silent-worker');
    const before = await jobs.health({ detailed: true });
    expect(before.mode).toBe(mode);
    expect(before.waitingOnGoneWorker).toBe(1);
    expect(before.jobsWaitingOnGoneWorker).toEqual([{ jobId, heldBy: 'silent-worker' }]);
    expect(before.workers.list?.map((w) => w.id) ?? []).not.toContain('silent-worker');

    await jobs.startWorkers();
    await waitFor('run again', async () => (await jobRow(h, jobId))?.status === 'done');
    expect(runs.get(jobId)).toBe(1);
    const after = await jobs.health({ detailed: true });
    expect(after.waitingOnGoneWorker).toBe(0);
    expect(after.workers.list?.map((w) => w.id)).toContain(jobs.workerId);
    await jobs.close();
  });

  it('a holder on this machine whose process ended is gone at once, heartbeat or not', async () => {
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(ended.stdout);
    // A fresh heartbeat: only the pid says it is gone. (deadAfterMs is an hour here.)
    await h.tdb.database.db.insert(jobWorkers).values({ id: 'killed-worker', machine: machineId(), host: 'here', pid: deadPid, mode, heartbeatAt: new Date() });
    const jobs = h.system({ handlers, options: { ...timings, deadAfterMs: 3_600_000 } });
    const jobId = await leftRunning(jobs, 'killed', 'killed-worker');
    await jobs.startWorkers();
    await waitFor('run again', async () => (await jobRow(h, jobId))?.status === 'done');
    const [ghost] = await h.tdb.database.db.select().from(jobWorkers).where(eq(jobWorkers.id, 'killed-worker'));
    expect(ghost).toMatchObject({ stopReason: 'process ended' });
    expect(ghost!.stoppedAt).not.toBeNull();
    await jobs.close();
  });

  it("a live holder's long job is never taken from it, however long it runs", async () => {
    const holder = h.system({ handlers, options: timings });
    const other = h.system({ handlers, options: timings });
    await holder.startWorkers();
    await holder.enqueue({ queue: 'provisioning', name: 'slow', key: 'long', payload: {} });
    const jobId = jobIdFor('slow', 'long');
    await waitFor('running', async () => (await jobRow(h, jobId))?.claimedBy === holder.workerId);
    await other.startWorkers();
    // Several leases and dead-after times pass while it runs, with another worker looking on.
    const claimedAt = (await jobRow(h, jobId))!.claimedAt!.getTime();
    await waitFor('long past the lease', async () => {
      const [w] = await h.tdb.database.db.select().from(jobWorkers).where(eq(jobWorkers.id, other.workerId));
      return w && w.heartbeatAt.getTime() - claimedAt > 3 * timings.claimLeaseMs;
    }, 20_000);
    expect(await jobRow(h, jobId)).toMatchObject({ status: 'running', claimedBy: holder.workerId });
    expect(runs.get(jobId)).toBe(1);
    expect((await other.health()).waitingOnGoneWorker).toBe(0);
    release();
    await waitFor('done', async () => (await jobRow(h, jobId))?.status === 'done');
    expect(runs.get(jobId)).toBe(1);
  });
});
