/** The runner's own promises, on both runners: a job added with a delay runs once, after it. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jobIdFor, type JobHandler, type JobSystem } from '../../src/jobs/index.js';
import { finishedRow, startHarness, type Harness , describeEachRunner } from './helpers.js';

describeEachRunner('job runner (%s)', (mode) => {
  let h: Harness;
  let jobs: JobSystem;
  const ranAt = new Map<string, number[]>();
  const stamp: JobHandler = { run: async (_, ctx) => void ranAt.set(ctx.jobId, [...(ranAt.get(ctx.jobId) ?? []), Date.now()]) };

  beforeAll(async () => {
    h = await startHarness({ mode });
    jobs = h.system({ handlers: { provisioning: { stamp } } });
    await jobs.startWorkers();
  });
  afterAll(() => h?.close());

  it('a delayed job waits its delay, then runs once', async () => {
    const added = Date.now();
    await jobs.enqueue({ queue: 'provisioning', name: 'stamp', key: 'later', payload: {}, delayMs: 600 });
    await jobs.enqueue({ queue: 'provisioning', name: 'stamp', key: 'now', payload: {} });
    expect(await finishedRow(h, jobIdFor('stamp', 'later'))).toMatchObject({ status: 'done', attempts: 0 });
    const later = ranAt.get(jobIdFor('stamp', 'later'))!;
    expect(later).toHaveLength(1);
    expect(later[0]! - added).toBeGreaterThanOrEqual(550);
    // Not held back behind the delayed one.
    expect(ranAt.get(jobIdFor('stamp', 'now'))![0]!).toBeLessThan(later[0]!);
  });
});
