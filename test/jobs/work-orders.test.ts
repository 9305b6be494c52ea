/**
 * Reliability of filing reports, on both runners: duplicate dispatches, lost and garbled Atlas
 * answers, Atlas down, licence refusals, priorities, graceful close.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { outbox, workOrderLinks, messages } from '../../src/db/schema.js';
import { jobIdFor, type JobSystem } from '../../src/jobs/index.js';
import { finishedRow, jobRow, RecordingTransport, report, settled, startRecordingSystem, waitFor, type Harness , describeEachRunner } from './helpers.js';

describeEachRunner('createWorkOrder (%s runner)', (mode) => {
  let h: Harness;
  let chat: RecordingTransport;
  let jobs: JobSystem;

  beforeAll(async () => {
    ({ h, chat, jobs } = await startRecordingSystem({}, { mode }));
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.atlasFake.faults.reset();
  });

  describe('createWorkOrder', () => {
    it('files in Atlas, records the link, then confirms in the chat', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '701' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      const text = await waitFor('confirmation', () => chat.texts('701')[0]);
      const link = await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey);
      expect(link).toMatchObject({ notifyChannel: 'telegram', notifyChatId: '701', lastKnownStatus: 'OPEN', requesterId: h.userId });
      expect(text).toBe(`Filed ${link!.atlasCustomId} — ${cmd.title}`);
      // The chat sees it before it is stored (the record follows the send): wait for the record.
      const stored = await waitFor('stored', async () => {
        const rows = await h.tdb.database.db.select().from(messages).where(eq(messages.platformChatId, '701'));
        return rows.length > 0 && rows;
      });
      await settled(h, jobs);
      expect(await h.tdb.database.db.select().from(messages).where(eq(messages.platformChatId, '701'))).toHaveLength(1);
      expect(stored[0]).toMatchObject({ direction: 'out', senderType: 'bot', text });
    });

    it('the same command dispatched three times files once and confirms once', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '702' } });
      await Promise.all([jobs.dispatcher.createWorkOrder(cmd), jobs.dispatcher.createWorkOrder(cmd)]);
      await waitFor('confirmation', () => chat.texts('702')[0]);
      await jobs.dispatcher.createWorkOrder(cmd);
      await settled(h, jobs);
      expect(chat.texts('702')).toHaveLength(1);
      const filed = [...h.atlasFake.state.workOrders.values()].filter((w) => String(w.description).includes(cmd.idempotencyKey));
      expect(filed).toHaveLength(1);
    });

    it('a crash after Atlas filed but before the link was recorded: the retry finds it by its marker', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '703' } });
      // Atlas files it on the first attempt, but the answer is lost; the job fails and retries.
      h.atlasFake.faults.dropNext(3, { method: 'POST', path: '/work-orders' });
      await jobs.dispatcher.createWorkOrder(cmd);
      await waitFor('confirmation', () => chat.texts('703')[0]);
      const filed = [...h.atlasFake.state.workOrders.values()].filter((w) => String(w.description).includes(cmd.idempotencyKey));
      expect(filed).toHaveLength(1);
    });

    it('Atlas down: retries with backoff, tells the technician once that it is delayed, files when it is back', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '704' } });
      // Atlas stays down until the technician has been told (after 3 failures), however slow the
      // machine: a fixed outage length assumed 3 attempts fit into it.
      h.atlasFake.faults.failUntil(new Date(Date.now() + 60_000), 503);
      await jobs.dispatcher.createWorkOrder(cmd);
      await waitFor('delayed notice', () => chat.texts('704').find((t) => t.startsWith("Atlas isn't answering")), 20_000);
      h.atlasFake.faults.failUntil(null);
      const filed = await waitFor('filed', () => chat.texts('704').find((t) => t.startsWith('Filed')), 20_000);
      await settled(h, jobs);
      const texts = chat.texts('704');
      expect(texts.filter((t) => t.startsWith("Atlas isn't answering"))).toHaveLength(1);
      expect(texts.indexOf(filed)).toBeGreaterThan(texts.findIndex((t) => t.startsWith("Atlas isn't answering")));
      const [row] = await h.tdb.database.db.select().from(outbox).where(eq(outbox.jobId, `createWorkOrder.${cmd.idempotencyKey.replace(/:/g, '%3a')}`));
      expect(row?.status).toBe('done');
      expect(row!.attempts).toBeGreaterThanOrEqual(3);
    });

    it('licence cap of 30 open work orders: fails at once with a clear notice, no retries', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '705' } });
      h.atlasFake.setLicensed(false);
      const before = h.atlasFake.state.requests.length;
      try {
        // Fill the free tier's cap of open work orders.
        for (let i = h.atlasFake.state.workOrders.size; i < 30; i++) await h.atlas.createWorkOrder({ title: `filler ${i}` }, { idempotencyKey: `filler-${i}` });
        await jobs.dispatcher.createWorkOrder(cmd);
        const text = await waitFor('failure notice', () => chat.texts('705')[0]);
        expect(text).toContain('could not be filed');
        expect(text).toContain('30 open work orders');
        await settled(h, jobs);
        expect(chat.texts('705')).toHaveLength(1);
        const posts = h.atlasFake.state.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/work-orders' && r.status !== 201 && r.status !== 200);
        expect(posts.length).toBe(1);
        const row = await finishedRow(h, jobIdFor('createWorkOrder', cmd.idempotencyKey));
        expect(row).toMatchObject({ status: 'failed', attempts: 0 });
        if (jobs.queues) {
          const failed = await jobs.queues.atlas.getFailed();
          expect(failed.some((j) => j.data.cmd?.idempotencyKey === cmd.idempotencyKey)).toBe(true);
        }
      } finally {
        h.atlasFake.setLicensed(true);
      }
    });

    it('HIGH-priority reports are filed before waiting lower ones', async () => {
      const paused = h.system({ transports: { telegram: chat }, options: { concurrency: { atlas: 1 } } });
      await jobs.close();
      const low = Array.from({ length: 5 }, () => report(h, { priority: 'LOW', chat: { channel: 'telegram', chatId: '706' } }));
      const high = report(h, { priority: 'HIGH', chat: { channel: 'telegram', chatId: '706' }, title: 'URGENT boiler' });
      for (const c of low) await paused.dispatcher.createWorkOrder(c);
      await paused.dispatcher.createWorkOrder(high);
      await paused.startWorkers();
      await waitFor('all filed', () => chat.texts('706').length === 6);
      const order = [...h.atlasFake.state.workOrders.values()].filter((w) => /URGENT boiler|Pump/.test(String(w.title))).slice(-6);
      expect(order[0]!.title).toBe('URGENT boiler');
      jobs = paused;
    });

    it('close() is graceful: it stops taking jobs and waits for the running one to finish', async () => {
      h.atlasFake.faults.latencyMs = 300;
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '707' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      await waitFor('running', async () => (await jobRow(h, jobIdFor('createWorkOrder', cmd.idempotencyKey)))?.status === 'running', 15_000, 10);
      await jobs.close();
      h.atlasFake.faults.latencyMs = 0;
      expect(await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey)).not.toBeNull();
      const [row] = await h.tdb.database.db.select().from(outbox).where(eq(outbox.jobId, `createWorkOrder.${cmd.idempotencyKey.replace(/:/g, '%3a')}`));
      expect(row?.status).toBe('done');
      const [c] = await h.tdb.database.db.select({ n: count() }).from(workOrderLinks);
      expect(c!.n).toBeGreaterThan(0);
    });
  });

  describe('createWorkOrder under malformed answers', () => {
    it('a garbled answer to the create is retried, and the retry finds the work order instead of filing again', async () => {
      const fresh = h.system({ transports: { telegram: chat } });
      await fresh.startWorkers();
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '708' } });
      h.atlasFake.faults.malformNext(2, 'invalid-json');
      await fresh.dispatcher.createWorkOrder(cmd);
      await waitFor('filed', () => chat.texts('708').find((t) => t.startsWith('Filed')));
      const filed = [...h.atlasFake.state.workOrders.values()].filter((w) => String(w.description).includes(cmd.idempotencyKey));
      expect(filed).toHaveLength(1);
    });
  });
});
