import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../src/core/ports.js';
import type { JobSystem } from '../../src/jobs/index.js';
import { RecordingTransport, report, startRecordingSystem, waitFor, RUNNERS, type Harness } from './helpers.js';

/** A file as Rivet keeps it (files/<yyyy-mm>/<uuid>.<ext> under the data dir): the only kind a job reads. */
const LEAK_PATH = 'files/2026-11/00000000-0000-4000-8000-00000000a1e4.jpg';

describe.each(RUNNERS)('%s runner', (mode) => {
  let h: Harness;
  let chat: RecordingTransport;
  let jobs: JobSystem;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rivet-files-'));
    mkdirSync(join(dataDir, 'files', '2026-11'), { recursive: true });
    writeFileSync(join(dataDir, LEAK_PATH), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    ({ h, chat, jobs } = await startRecordingSystem({ options: { dataDir, technicianQuestionTtlMs: 400 } }, { mode }));
  });
  afterAll(async () => {
    await h?.close();
  });

  const photo: AttachmentRef = { storedAt: LEAK_PATH, fileName: 'leak.jpg', mimeType: 'image/jpeg', kind: 'image' };

  describe('attachments of a report', () => {
    it('licensed Atlas: uploaded and attached to the work order', async () => {
      const cmd = report(h, { attachments: [photo], chat: { channel: 'telegram', chatId: '1301' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      await waitFor('filed', () => chat.texts('1301')[0]);
      const link = (await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey))!;
      await waitFor('attached', () => (h.atlasFake.state.workOrders.get(link.atlasWorkOrderId)?.fileIds?.length ?? 0) > 0);
      expect(h.atlasFake.state.files.some((f) => String(f.name) === 'leak.jpg')).toBe(true);
    });

    it('unlicensed for files: a comment on the work order names the file Rivet keeps, and the technician hears it', async () => {
      h.atlasFake.setLicensed(false);
      try {
        const cmd = report(h, { attachments: [photo], chat: { channel: 'telegram', chatId: '1302' } });
        await jobs.dispatcher.createWorkOrder(cmd);
        const kept = await waitFor('kept notice', () => chat.texts('1302').find((t) => t.includes('kept by Rivet')));
        expect(kept).toContain('leak.jpg');
        const link = (await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey))!;
        const comments = h.atlasFake.state.comments.filter((c) => c.workOrderId === link.atlasWorkOrderId);
        expect(comments.map((c) => String(c.content))).toEqual([expect.stringContaining('leak.jpg')]);
      } finally {
        h.atlasFake.setLicensed(true);
      }
    });

    it('an unanswered asset question does not lose the report: it is filed without the asset', async () => {
      const cmd = report(h, { assetId: 999_997, chat: { channel: 'telegram', chatId: '1303' } });
      await jobs.dispatcher.createWorkOrder(cmd);
      const filed = await waitFor('filed after expiry', () => chat.texts('1303').find((t) => t.startsWith('Filed')), 20_000);
      expect(filed).toContain('without the asset');
    });
  });
});
