/**
 * Retries must not repeat what Atlas already did (review finding): with Atlas slower than the
 * client's timeout, a comment, a status change, an attachment and the "kept by Rivet" comment
 * each land once — the comment is found by its marker, the status is compared first, the
 * uploaded file's id is kept and the work order checked before uploading again.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../src/core/ports.js';
import { createAtlasClient } from '../../src/integrations/atlas/index.js';
import type { JobSystem } from '../../src/jobs/index.js';
import { RecordingTransport, report, RUNNERS, settled, startHarness, waitFor, type Harness } from './helpers.js';

/** A file as Rivet keeps it (files/<yyyy-mm>/<uuid>.<ext> under the data dir): the only kind a job reads. */
const LEAK_PATH = 'files/2026-11/00000000-0000-4000-8000-00000000a1e4.jpg';

/** Atlas answers these after 500 ms; the client gives up after 300 ms. */
const TIMEOUT_MS = 300;
const SLOW_MS = 500;

describe.each(RUNNERS)('side effects under a slow Atlas (%s runner)', (mode) => {
  let h: Harness;
  let chat: RecordingTransport;
  let jobs: JobSystem;
  let dataDir: string;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness({ mode });
    dataDir = mkdtempSync(join(tmpdir(), 'rivet-slow-'));
    mkdirSync(join(dataDir, 'files', '2026-11'), { recursive: true });
    writeFileSync(join(dataDir, LEAK_PATH), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    chat = new RecordingTransport();
    const atlas = createAtlasClient({
      baseUrl: h.atlasFake.url,
      auth: { kind: 'password', email: h.atlasFake.credentials.email, password: h.atlasFake.credentials.password },
      logger: h.logger,
      timeoutMs: TIMEOUT_MS,
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    });
    jobs = h.system({ atlas, transports: { telegram: chat }, options: { dataDir } });
    await jobs.startWorkers();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Nothing left to happen: no job to run, and Atlas has handled every request it received (the slow ones too). */
  async function quiet() {
    await settled(h, jobs);
    await waitFor('atlas idle', () => h.atlasFake.inFlight() === 0);
  }

  async function filed(attachments?: AttachmentRef[]) {
    const chatId = String(1500 + ++n);
    const cmd = report(h, { chat: { channel: 'telegram', chatId }, ...(attachments ? { attachments } : {}) });
    await jobs.dispatcher.createWorkOrder(cmd);
    await waitFor('filed', () => chat.texts(chatId).find((t) => t.startsWith('Filed')));
    const link = (await h.tdb.repos.workOrderLinks.byIdempotencyKey(cmd.idempotencyKey))!;
    return { cmd, chatId, workOrderId: link.atlasWorkOrderId };
  }

  it('a comment is posted once', async () => {
    const { cmd, chatId, workOrderId } = await filed();
    h.atlasFake.faults.delayNext(1, SLOW_MS, { method: 'POST', path: '/comments' });
    await jobs.dispatcher.addComment({ idempotencyKey: `${cmd.idempotencyKey}/c1`, organizationId: h.organizationId, requesterId: h.userId, chat: cmd.chat, workOrderId, authorName: 'Ana', text: 'gasket replaced' });
    await waitFor('confirmed', () => chat.texts(chatId).find((t) => /comment/i.test(t)));
    await quiet();
    const comments = h.atlasFake.state.comments.filter((c) => c.workOrderId === workOrderId);
    expect(comments.map((c) => String(c.content))).toEqual([expect.stringContaining('Ana (chat): gasket replaced')]);
  });

  it('a status change is made once', async () => {
    const { cmd, chatId, workOrderId } = await filed();
    const path = `/work-orders/${workOrderId}/change-status`;
    h.atlasFake.faults.delayNext(1, SLOW_MS, { method: 'PATCH', path });
    await jobs.dispatcher.changeStatus({ idempotencyKey: `${cmd.idempotencyKey}/s1`, organizationId: h.organizationId, requesterId: h.userId, chat: cmd.chat, workOrderId, status: 'IN_PROGRESS' });
    await waitFor('confirmed', () => chat.texts(chatId).find((t) => t.endsWith('is now IN_PROGRESS')));
    await quiet();
    expect(h.atlasFake.state.requests.filter((r) => r.method === 'PATCH' && r.path === path && r.status === 200)).toHaveLength(1);
  });

  it('a photo is uploaded and attached once', async () => {
    h.atlasFake.faults.delayNext(2, SLOW_MS, { method: 'PATCH', path: /^\/work-orders\/files\/\d+\/add$/ });
    const photo: AttachmentRef = { storedAt: LEAK_PATH, fileName: `leak-${mode}.jpg`, mimeType: 'image/jpeg', kind: 'image' };
    const { workOrderId } = await filed([photo]);
    await waitFor('attached', () => (h.atlasFake.state.workOrders.get(workOrderId)?.fileIds?.length ?? 0) > 0);
    await quiet();
    expect(h.atlasFake.state.workOrders.get(workOrderId)!.fileIds).toHaveLength(1);
    expect(h.atlasFake.state.files.filter((f) => String(f.name) === photo.fileName)).toHaveLength(1);
  });

  it('the "kept by Rivet" comment of an unlicensed Atlas is posted once', async () => {
    h.atlasFake.setLicensed(false);
    try {
      h.atlasFake.faults.delayNext(1, SLOW_MS, { method: 'POST', path: '/comments' });
      const photo: AttachmentRef = { storedAt: LEAK_PATH, fileName: 'kept.jpg', mimeType: 'image/jpeg', kind: 'image' };
      const { chatId, workOrderId } = await filed([photo]);
      await waitFor('kept notice', () => chat.texts(chatId).find((t) => t.includes('kept by Rivet')));
      await quiet();
      const comments = h.atlasFake.state.comments.filter((c) => c.workOrderId === workOrderId);
      expect(comments.map((c) => String(c.content))).toEqual([expect.stringContaining('kept.jpg')]);
      expect(chat.texts(chatId).filter((t) => t.includes('kept by Rivet'))).toHaveLength(1);
    } finally {
      h.atlasFake.setLicensed(true);
    }
  });
});
