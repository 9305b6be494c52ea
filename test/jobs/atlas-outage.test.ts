/** Reliability: 200 reports while Atlas answers 503 for a stretch → exactly 200 work orders after it recovers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { workOrderLinks } from '../../src/db/schema.js';
import type { JobSystem } from '../../src/jobs/index.js';
import { RecordingTransport, report, settled, startRecordingSystem, waitFor, type Harness , describeEachRunner } from './helpers.js';

const N = 200;
describeEachRunner('%s runner', (mode) => {
  let h: Harness;
  let chat: RecordingTransport;
  let jobs: JobSystem;

  beforeAll(async () => {
    ({ h, chat, jobs } = await startRecordingSystem({ options: { concurrency: { atlas: 16, outbound: 32 }, delayedNoticeAfter: 1 } }, { mode }));
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('Atlas answering 503 for a stretch', () => {
    it(`${N} reports → exactly ${N} work orders, each confirmed once, each told once it was delayed`, async () => {
      // Atlas stays down until reports have met it and technicians heard of the delay, however
      // slow the machine (a fixed outage length assumed the reports reach Atlas within it).
      h.atlasFake.faults.failUntil(new Date(Date.now() + 60_000), 503);
      const cmds = Array.from({ length: N }, (_, i) => report(h, { chat: { channel: 'telegram', chatId: String(3000 + (i % 20)) } }));
      await Promise.all(cmds.map((c) => jobs.dispatcher.createWorkOrder(c)));
      await waitFor('delayed notices', () => chat.sent.filter((m) => m.idempotencyKey.endsWith('/delayed')).length >= 10, 30_000, 50);
      h.atlasFake.faults.failUntil(null);
      await waitFor('all confirmed', () => chat.sent.filter((m) => m.idempotencyKey.endsWith('/filed')).length >= N, 40_000, 100);
      await settled(h, jobs); // a second confirmation or notice would have gone out by now

      expect(h.atlasFake.state.workOrders.size).toBe(N);
      const descriptions = [...h.atlasFake.state.workOrders.values()].map((w) => String(w.description));
      for (const c of cmds) expect(descriptions.filter((d) => d.includes(`rivet-ref:${c.idempotencyKey}`))).toHaveLength(1);
      const [links] = await h.tdb.database.db.select({ n: count() }).from(workOrderLinks);
      expect(links!.n).toBe(N);
      const filed = chat.sent.filter((m) => m.idempotencyKey.endsWith('/filed'));
      expect(new Set(filed.map((m) => m.idempotencyKey)).size).toBe(N);
      expect(filed).toHaveLength(N);
      const delayed = chat.sent.filter((m) => m.idempotencyKey.endsWith('/delayed'));
      expect(new Set(delayed.map((m) => m.idempotencyKey)).size).toBe(delayed.length);
      expect(delayed.length).toBeGreaterThan(0);
      expect(h.atlasFake.state.requests.some((r) => r.status === 503)).toBe(true);
    }, 60_000);
  });
});
