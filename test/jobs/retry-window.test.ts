/** Transient failures stop only when the retry window is spent; then the technician hears why. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIdFor, type JobSystem } from '../../src/jobs/index.js';
import { finishedRow, RecordingTransport, report, startRecordingSystem, waitFor, type Harness , describeEachRunner } from './helpers.js';

describeEachRunner('%s runner', (mode) => {
  let h: Harness;
  let chat: RecordingTransport;
  let jobs: JobSystem;

  beforeAll(async () => {
    ({ h, chat, jobs } = await startRecordingSystem({ atlas: null, options: { retryWindowMs: 1_200 } }, { mode }));
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('retry window and missing Atlas', () => {
    it('Atlas not configured: the report fails at once with a clear notice', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '1201' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      const text = await waitFor('notice', () => chat.texts('1201')[0]);
      expect(text).toContain('not connected to Atlas');
    });

    it('Atlas down past the retry window: gives up with a notice a supervisor can act on', async () => {
      await jobs.close();
      // The notice needs a second failure inside the window: 2 s leaves room for a starved machine
      // (the second attempt comes ~50 ms after the first).
      const down = h.system({ transports: { telegram: chat }, options: { retryWindowMs: 2_000, delayedNoticeAfter: 2 } });
      await down.startWorkers();
      h.atlasFake.faults.failUntil(new Date(Date.now() + 60_000), 503);
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '1202' } });
      await down.dispatcher.createWorkOrder(cmd);
      const gaveUp = await waitFor('gave up', () => chat.texts('1202').find((t) => t.includes('stopped trying')), 20_000);
      expect(gaveUp).toContain('could not be filed');
      expect(chat.texts('1202').filter((t) => t.startsWith("Atlas isn't answering"))).toHaveLength(1);
      expect((await finishedRow(h, jobIdFor('createWorkOrder', cmd.idempotencyKey))).lastError).toContain('gave up');
      if (down.queues) {
        const failed = await down.queues.atlas.getFailed();
        expect(failed.find((j) => j.data.cmd.idempotencyKey === cmd.idempotencyKey)?.failedReason).toContain('gave up');
      }
      h.atlasFake.faults.reset();
    });
  });
});
