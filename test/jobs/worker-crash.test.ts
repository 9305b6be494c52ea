/**
 * Reliability, on both runners: the worker process is SIGKILLed mid-run and another takes over
 * (a restart) → every report is filed exactly once and confirmed at least once; only a
 * confirmation whose send was in flight at the kill (sent, row not yet marked done) may go out a
 * second time.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.js';
import type { JobSystem, RunnerMode } from '../../src/jobs/index.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { readSentLog, spawnWorker } from './fixtures/spawn-worker.js';
import { report, startHarness, waitFor, type Harness , describeEachRunner } from './helpers.js';

const N = 50;
/** The worker's outbound concurrency: the most sends that can be in flight when it is killed. */
const OUTBOUND_CONCURRENCY = 4;

describeEachRunner('worker process killed mid-run (%s runner)', (mode: RunnerMode) => {
  let h: Harness;
  let producer: JobSystem;
  let sentLog: string;
  const children: ChildProcess[] = [];

  const spawn = () => {
    const w = spawnWorker({
      MODE: mode, DATABASE_URL: h.tdb.url, REDIS_URL: TEST_REDIS_URL, PREFIX: h.prefix, ORG_ID: h.organizationId,
      ATLAS_URL: h.atlasFake.url, ATLAS_EMAIL: h.atlasFake.credentials.email, ATLAS_PASSWORD: h.atlasFake.credentials.password,
      SENT_LOG: sentLog, OUTBOUND_CONCURRENCY: String(OUTBOUND_CONCURRENCY),
      // Atlas answers in 15 ms here: a create cut short mid-POST is waited out for 3 s, not 10.
      ATLAS_TIMEOUT_MS: '3000',
    });
    children.push(w.child);
    return w;
  };
  const sent = () => readSentLog(sentLog);

  beforeAll(async () => {
    h = await startHarness({ mode });
    sentLog = join(mkdtempSync(join(tmpdir(), 'rivet-crash-')), 'sent.jsonl');
    producer = h.system(); // enqueues only; the workers live in the child process
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.close();
  });

  it(`${N} reports: none lost, none filed twice; a confirmation repeats only if in flight at the kill`, async () => {
    h.atlasFake.faults.latencyMs = 15;
    const cmds = Array.from({ length: N }, (_, i) => report(h, { chat: { channel: 'telegram', chatId: String(2000 + (i % 10)) } }));
    for (const c of cmds) await producer.dispatcher.createWorkOrder(c);

    const first = spawn();
    const spare = spawn(); // warms up meanwhile; takes over after the kill
    await first.go();
    await waitFor('some filed', () => h.atlasFake.state.workOrders.size >= 12, 20_000, 10);
    await first.kill();
    const filedAtKill = h.atlasFake.state.workOrders.size;
    expect(filedAtKill).toBeLessThan(N);
    // Confirmations sent whose outbox row is not done: the ones the next run will send again.
    // (An UPDATE the dead worker had already sent may still commit: this can only overcount.)
    const sentAtKill = new Set(sent().map((m) => m.key));
    const notDone = await h.tdb.database.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(notInArray(outbox.status, ['done']))
      .then((rows) => rows.filter((r) => r.payload && typeof r.payload === 'object' && 'message' in r.payload));
    const inWindow = notDone.map((r) => (r.payload as { message: { idempotencyKey: string } }).message.idempotencyKey).filter((k) => sentAtKill.has(k));
    // Only sends in flight at the kill can be in that window.
    expect(inWindow.length).toBeLessThanOrEqual(OUTBOUND_CONCURRENCY);

    await spare.go();
    await waitFor('all confirmed', () => sent().filter((m) => m.key.endsWith('/filed')).length >= N, 40_000, 100);
    // Every re-send happens before its row is marked done: once no row is live, the log is final.
    await waitFor('every job done', async () => {
      const live = await h.tdb.database.db.select({ jobId: outbox.jobId }).from(outbox).where(notInArray(outbox.status, ['done']));
      return live.length === 0;
    }, 20_000);

    const keys = cmds.map((c) => c.idempotencyKey);
    const filed = [...h.atlasFake.state.workOrders.values()];
    for (const k of keys) expect(filed.filter((w) => String(w.description).includes(`rivet-ref:${k}`)).length, k).toBe(1);
    expect(filed).toHaveLength(N);
    const confirmations = sent().filter((m) => m.key.endsWith('/filed'));
    expect(new Set(confirmations.map((m) => m.key)).size).toBe(N);
    // At-least-once to the chat: a confirmation goes out twice only if its send was in flight at
    // the kill — at most once more each, at most OUTBOUND_CONCURRENCY of them.
    const perKey = new Map<string, number>();
    for (const m of confirmations) perKey.set(m.key, (perKey.get(m.key) ?? 0) + 1);
    const doubled = [...perKey].filter(([, n]) => n > 1);
    for (const [k, n] of doubled) expect(n, k).toBe(2);
    for (const [k] of doubled) expect(inWindow, `${k} went out twice but was not in flight at the kill`).toContain(k);
    expect(confirmations.length).toBeLessThanOrEqual(N + OUTBOUND_CONCURRENCY);
  }, 60_000);
});
