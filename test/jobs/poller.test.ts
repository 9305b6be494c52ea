import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncCursorRepository } from '../../src/db/repositories/sync-cursors.js';
import { POLL_CURSOR } from '../../src/jobs/poller.js';
import type { JobSystem } from '../../src/jobs/index.js';
import { RecordingTransport, report, settled, startRecordingSystem, waitFor, type Harness , describeEachRunner } from './helpers.js';

describeEachRunner('%s runner', (mode) => {
  let h: Harness;
  let chat: RecordingTransport;
  let jobs: JobSystem;

  beforeAll(async () => {
    // Unlicensed Atlas sends no webhooks: Rivet polls.
    ({ h, chat, jobs } = await startRecordingSystem({ options: { atlasWebhookSecret: null, pollIntervalMs: 200 } }, { mode, atlas: { licensed: false } }));
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('Atlas status polling (no webhooks)', () => {
    it('a status changed in Atlas reaches the requester once, and the cursor moves', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '1101' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      await waitFor('filed', () => chat.texts('1101')[0]);
      const link = (await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey))!;
      await h.atlasFake.setStatusExternally(link.atlasWorkOrderId, 'IN_PROGRESS');
      expect(await waitFor('notice', () => chat.texts('1101')[1])).toBe(`${link.atlasCustomId} is now IN_PROGRESS`);
      // More polls see the same work order (run here rather than waited for: a sleep proves nothing on a starved machine).
      expect(await jobs.pollAtlas()).toBe(0);
      expect(await jobs.pollAtlas()).toBe(0);
      await settled(h, jobs);
      expect(chat.texts('1101')).toHaveLength(2);
      const cursor = await createSyncCursorRepository(h.tdb.database.db).get(POLL_CURSOR);
      expect(cursor).not.toBeNull();
    });

    it('Rivet\'s own status change is confirmed once, and the poll stays quiet about it', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '1102' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      await waitFor('filed', () => chat.texts('1102')[0]);
      const link = (await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey))!;
      await jobs.dispatcher.changeStatus({ idempotencyKey: `tg:cb:status-${link.id}`, organizationId: h.organizationId, requesterId: h.userId, chat: cmd.chat, workOrderId: link.atlasWorkOrderId, status: 'COMPLETE' });
      expect(await waitFor('confirmation', () => chat.texts('1102')[1])).toBe(`${link.atlasCustomId} is now COMPLETE`);
      expect(await jobs.pollAtlas()).toBe(0);
      await settled(h, jobs);
      expect(chat.texts('1102')).toHaveLength(2);
    });

    it('a poll that sees Rivet\'s own change before its job has confirmed it stays quiet: told once', async () => {
      const cmd = report(h, { chat: { channel: 'telegram', chatId: '1103' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      await waitFor('filed', () => chat.texts('1103')[0]);
      const link = (await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey))!;
      // The change is queued, Atlas already has it (a slow job, a fast poll), and a poll sees it first.
      await jobs.close();
      const later = h.system({ transports: { telegram: chat }, options: { atlasWebhookSecret: null, pollIntervalMs: 200 } });
      await later.dispatcher.changeStatus({ idempotencyKey: `tg:cb:status2-${link.id}`, organizationId: h.organizationId, requesterId: h.userId, chat: cmd.chat, workOrderId: link.atlasWorkOrderId, status: 'COMPLETE' });
      await h.atlasFake.setStatusExternally(link.atlasWorkOrderId, 'COMPLETE');
      expect(await later.pollAtlas()).toBe(1);
      await later.startWorkers();
      expect(await waitFor('confirmation', () => chat.texts('1103')[1])).toBe(`${link.atlasCustomId} is now COMPLETE`);
      await settled(h, later);
      expect(chat.texts('1103')).toHaveLength(2);
      jobs = later;
    });
  });
});
