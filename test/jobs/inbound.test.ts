import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSystem } from '../../src/jobs/index.js';
import { startHarness, waitFor, sleep, type Harness } from './helpers.js';

let h: Harness;
let jobs: JobSystem;
const seen: { payload: unknown; jobId: string }[] = [];
let failFirst = 0;

beforeAll(async () => {
  h = await startHarness();
  jobs = h.system({
    inbound: {
      telegram: async (payload, ctx) => {
        if (failFirst > 0) {
          failFirst--;
          throw new Error('bot hiccup');
        }
        seen.push({ payload, jobId: ctx.jobId });
      },
    },
  });
  await jobs.startWorkers();
});
afterAll(async () => {
  await h?.close();
});

describe('InboundAcceptor', () => {
  it('a delivery is processed once however often it arrives', async () => {
    const update = { update_id: 7001, message: { text: 'pump leaking' } };
    expect(await jobs.inbound.accept('telegram', '7001', update)).toBe('accepted');
    expect(await jobs.inbound.accept('telegram', '7001', update)).toBe('duplicate');
    await waitFor('processed', () => seen.some((s) => (s.payload as { update_id: number }).update_id === 7001));
    expect(await jobs.inbound.accept('telegram', '7001', update)).toBe('duplicate');
    await sleep(200);
    expect(seen.filter((s) => (s.payload as { update_id: number }).update_id === 7001)).toHaveLength(1);
    expect(seen[0]!.jobId).toBe('inbound.telegram%2f7001');
  });

  it('a failing processor is retried until it succeeds', async () => {
    failFirst = 2;
    await jobs.inbound.accept('telegram', '7002', { update_id: 7002 });
    await waitFor('processed after retries', () => seen.some((s) => (s.payload as { update_id: number }).update_id === 7002));
    expect(failFirst).toBe(0);
  });

  it('a source without a processor is accepted and dropped, not retried forever', async () => {
    expect(await jobs.inbound.accept('stripe', 'evt_1', { id: 'evt_1' })).toBe('accepted');
    await waitFor('done', async () => (await jobs.queues.inbound.getJob('inbound.stripe%2fevt_1'))?.finishedOn);
  });
});
