/**
 * Crash recovery (issue 16): four technicians confirm reports while Atlas takes 2 s to answer
 * creates; 0.8 s later the worker process is SIGKILLed and a new one is started on the same
 * database (and Redis). Prints, per mode, the time from the restart (the new process spawned,
 * so Node and tsx loading count) to the last report filed — Rivet has its Atlas number recorded
 * (work_order_links) — and to the last technician told, and checks that none was filed twice. Queue mode also runs the two-worker case: one is
 * killed, the survivor (already running) finishes. Real PostgreSQL and Redis, the fake Atlas,
 * production settings (30 s BullMQ lock, 3 s stalled check, 2 s heartbeat, 10 s Atlas timeout).
 * Before: about 120 s (the dead process's claims waited out a 2-minute lease).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { noOversight, type CreateWorkOrderCommand } from '../src/core/ports.js';
import { outbox } from '../src/db/schema.js';
import { createJobSystem, type RunnerMode } from '../src/jobs/index.js';
import { createRedisFactory } from '../src/queue/redis.js';
import { loadCorpusAssets, startFakeAtlas } from '../test/fakes/atlas/index.js';
import { createTestDatabase } from '../test/helpers/db.js';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../test/helpers/redis.js';
import { readSentLog, spawnWorker, type WorkerProc } from '../test/jobs/fixtures/spawn-worker.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TECHNICIANS = 4;
const logger = pino({ level: 'silent' });

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Result { filedMs: number; toldMs: number; startMs: number; doubled: number }

async function once(mode: RunnerMode, survivor: boolean): Promise<Result> {
  const tdb = await createTestDatabase('rivet_bench_recovery');
  const fake = await startFakeAtlas({ seedAssets: loadCorpusAssets(), licensed: true });
  const org = await tdb.repos.organizations.ensure({ slug: 'default', name: 'Bench' });
  const user = await tdb.repos.users.create({ organizationId: org.id, telegramId: 1, displayName: 'Bench' });
  const prefix = uniquePrefix('rivet-bench-recovery');
  const dir = mkdtempSync(join(tmpdir(), 'rivet-bench-recovery-'));
  const sentLog = join(dir, 'sent.jsonl');
  const redis = mode === 'queue' ? createRedisFactory(TEST_REDIS_URL, logger) : null;
  const producer = createJobSystem({ redis, prefix, repos: tdb.repos, db: tdb.database.db, organizationId: org.id, atlas: null, transports: {}, oversight: noOversight, inbound: {}, logger });
  const workers: WorkerProc[] = [];
  const spawn = () => {
    const w = spawnWorker({
      MODE: mode, DATABASE_URL: tdb.url, REDIS_URL: TEST_REDIS_URL, PREFIX: prefix, ORG_ID: org.id,
      ATLAS_URL: fake.url, ATLAS_EMAIL: fake.credentials.email, ATLAS_PASSWORD: fake.credentials.password,
      SENT_LOG: sentLog, OUTBOUND_CONCURRENCY: '16', LOG_LEVEL: process.env.BENCH_WORKER_LOG ?? 'error', LOCK_MS: '30000', STALLED_MS: '3000', HEARTBEAT_MS: '2000',
    });
    workers.push(w);
    return w;
  };
  try {
    const first = spawn();
    const other = survivor ? spawn() : null;
    const firstId = await first.go();
    if (other) await other.go();
    fake.faults.delayNext(TECHNICIANS, 2_000, { method: 'POST', path: '/work-orders' });
    const cmds: CreateWorkOrderCommand[] = Array.from({ length: TECHNICIANS }, (_, i) => ({
      idempotencyKey: `bench:recovery:${i}`, organizationId: org.id, requesterId: user.id, conversationId: null,
      chat: { channel: 'telegram', chatId: String(7000 + i) }, title: `Pump P-30${i} leaking`, description: 'bench',
      priority: 'HIGH', assetId: null, locationId: null,
    }));
    for (const c of cmds) await producer.dispatcher.createWorkOrder(c);
    // The creates are with Atlas (claimed by the first worker); 0.8 s later it is killed.
    await until('creates in flight', async () => (await tdb.database.db.select({ id: outbox.jobId }).from(outbox).where(and(eq(outbox.status, 'running'), eq(outbox.claimedBy, firstId)))).length >= (survivor ? 1 : TECHNICIANS));
    await new Promise((r) => setTimeout(r, 800));
    await first.kill();
    const restartedAt = Date.now();
    const restarted = survivor ? Promise.resolve(restartedAt) : spawn().go().then(() => Date.now());
    const marker = (key: string) => [...fake.state.workOrders.values()].filter((w) => String(w.description).includes(`rivet-ref:${key}`)).length;
    await until('all filed', async () => {
      const links = await Promise.all(cmds.map((c) => tdb.repos.workOrderLinks.byIdempotencyKey(c.idempotencyKey)));
      return links.every((l) => l !== null);
    });
    const filedMs = Date.now() - restartedAt;
    await until('all told', () => new Set(readSentLog(sentLog).filter((m) => m.key.endsWith('/filed')).map((m) => m.key)).size === TECHNICIANS);
    const toldMs = Date.now() - restartedAt;
    const startMs = (await restarted) - restartedAt;
    return { filedMs, toldMs, startMs, doubled: cmds.filter((c) => marker(c.idempotencyKey) > 1).length };
  } finally {
    for (const w of workers) await w.kill();
    await producer.close();
    await redis?.closeAll();
    await fake.close();
    await tdb.drop();
    if (mode === 'queue') await clearPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function recoveryBench(): Promise<void> {
  const cases: { mode: RunnerMode; survivor: boolean; label: string }[] = [
    { mode: 'queue', survivor: false, label: 'queue mode, process restarted' },
    { mode: 'queue', survivor: true, label: 'queue mode, 2 workers, one killed' },
    { mode: 'embedded', survivor: false, label: 'embedded mode, process restarted' },
  ];
  // BENCH_CASE=embedded (a part of the label) runs only the matching cases.
  for (const c of cases.filter((x) => !process.env.BENCH_CASE || x.label.includes(process.env.BENCH_CASE))) {
    const results: Result[] = [];
    for (let i = 0; i < RUNS; i++) results.push(await once(c.mode, c.survivor));
    const filed = results.map((r) => r.filedMs);
    const told = results.map((r) => r.toldMs);
    const start = results.map((r) => r.startMs);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `${c.label}: restart → last report filed ${s(median(filed))} (runs ${filed.map(s).join(', ')}), ` +
        `→ last technician told ${s(median(told))} (runs ${told.map(s).join(', ')}; of which starting the new process ${s(median(start))}); ` +
        `filed twice: ${results.reduce((n, r) => n + r.doubled, 0)}`,
    );
  }
}
