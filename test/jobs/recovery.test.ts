/**
 * Crash recovery in seconds (issue 16), on both runners, with the production lock and stalled
 * settings: technicians' reports are being filed while Atlas takes 2 s to answer creates, and a
 * worker process is SIGKILLed 0.8 s into them; later creates have their answers dropped after
 * Atlas filed them. Queue mode: two worker processes, one killed, the survivor finishes.
 * Embedded mode: the process is killed and started again on the same database.
 * Every report must be in Atlas within 30 s of the restart (the kill, with a survivor) — before,
 * each waited out a 2-minute claim lease — exactly once, and each technician whose report was in
 * flight is told once, with one number.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.js';
import type { JobSystem, RunnerMode } from '../../src/jobs/index.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { readSentLog, spawnWorker } from './fixtures/spawn-worker.js';
import { report, sleep, startHarness, waitFor, type Harness , describeEachRunner } from './helpers.js';

const TECHNICIANS = 4;
const PER_TECHNICIAN = 3;
const N = TECHNICIANS * PER_TECHNICIAN;
const RECOVERY_DEADLINE_MS = 30_000;

describeEachRunner('a worker SIGKILLed with creates in flight (%s runner)', (mode: RunnerMode) => {
  let h: Harness;
  let producer: JobSystem;
  let sentLog: string;
  const children: ChildProcess[] = [];

  const spawn = (atlasConcurrency: number) => {
    const w = spawnWorker({
      MODE: mode, DATABASE_URL: h.tdb.url, REDIS_URL: TEST_REDIS_URL, PREFIX: h.prefix, ORG_ID: h.organizationId,
      ATLAS_URL: h.atlasFake.url, ATLAS_EMAIL: h.atlasFake.credentials.email, ATLAS_PASSWORD: h.atlasFake.credentials.password,
      SENT_LOG: sentLog, OUTBOUND_CONCURRENCY: '4', ATLAS_CONCURRENCY: String(atlasConcurrency),
      // What a deployment runs with: a 30 s BullMQ lock, the stalled check every 3 s, a 2 s heartbeat.
      LOCK_MS: '30000', STALLED_MS: '3000', HEARTBEAT_MS: '2000',
    });
    children.push(w.child);
    return w;
  };

  beforeAll(async () => {
    h = await startHarness({ mode });
    sentLog = join(mkdtempSync(join(tmpdir(), 'rivet-recovery-')), 'sent.jsonl');
    producer = h.system(); // the API side: enqueues only
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.close();
  });

  it(`${N} reports: all in Atlas within 30 s of the restart, none twice, each in-flight technician told once`, async () => {
    // Two workers share the burst in queue mode; in embedded mode one runs it and a spare is the restart.
    const first = spawn(mode === 'queue' ? 2 : 4);
    const second = spawn(mode === 'queue' ? 2 : 4);
    await Promise.all([first.loaded, second.loaded]);
    const firstId = await first.go();
    if (mode === 'queue') await second.go();

    // The first creates take Atlas 2 s; later ones are filed but their answers are lost.
    h.atlasFake.faults.delayNext(4, 2_000, { method: 'POST', path: '/work-orders' });
    h.atlasFake.faults.dropNext(3, { method: 'POST', path: '/work-orders' });
    const cmds = Array.from({ length: N }, (_, i) => report(h, { chat: { channel: 'telegram', chatId: String(6000 + (i % TECHNICIANS)) } }));
    for (const c of cmds) await producer.dispatcher.createWorkOrder(c);

    // The killed worker's creates in flight: claimed by it, not yet filed.
    const heldByFirst = () =>
      h.tdb.database.db.select({ jobId: outbox.jobId, payload: outbox.payload }).from(outbox)
        .where(and(eq(outbox.status, 'running'), eq(outbox.claimedBy, firstId), eq(outbox.name, 'createWorkOrder')));
    await waitFor('creates in flight on the first worker', async () => (await heldByFirst()).length >= 2, 20_000, 20);
    await sleep(800);
    const inFlight = (await heldByFirst()).map((r) => (r.payload as { cmd: { idempotencyKey: string } }).cmd.idempotencyKey);
    await first.kill();

    // Queue mode: the survivor carries on from the kill. Embedded mode: a restart.
    if (mode === 'embedded') await second.go();
    const restartedAt = Date.now();
    const markerCount = (key: string) => [...h.atlasFake.state.workOrders.values()].filter((w) => String(w.description).includes(`rivet-ref:${key}`)).length;
    await waitFor('every report in Atlas', () => cmds.every((c) => markerCount(c.idempotencyKey) >= 1), RECOVERY_DEADLINE_MS, 50);
    const recoveredInMs = Date.now() - restartedAt;
    await waitFor('every report confirmed', () => new Set(readSentLog(sentLog).filter((m) => m.key.endsWith('/filed')).map((m) => m.key)).size === N, 20_000, 50);
    await waitFor('every job done', async () => (await h.tdb.database.db.select({ jobId: outbox.jobId }).from(outbox).where(eq(outbox.status, 'running'))).length === 0
      && (await h.tdb.database.db.select({ jobId: outbox.jobId }).from(outbox).where(eq(outbox.status, 'pending'))).length === 0, 20_000);

    expect(recoveredInMs).toBeLessThan(RECOVERY_DEADLINE_MS);
    for (const c of cmds) expect(markerCount(c.idempotencyKey), c.idempotencyKey).toBe(1);
    expect(h.atlasFake.state.workOrders.size).toBe(N);
    const confirmations = readSentLog(sentLog).filter((m) => m.key.endsWith('/filed'));
    for (const c of cmds) {
      const texts = confirmations.filter((m) => m.key === `${c.idempotencyKey}/filed`).map((m) => m.text);
      // One number per report, whoever filed it.
      expect(new Set(texts).size, c.idempotencyKey).toBe(1);
    }
    // A report in flight at the kill had not been confirmed yet: it is confirmed once, after the restart.
    for (const key of inFlight) expect(confirmations.filter((m) => m.key === `${key}/filed`), key).toHaveLength(1);
  }, 90_000);
});
