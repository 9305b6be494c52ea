/**
 * Reliability: Redis restarted (without persistence) mid-run → the pipeline recovers from the
 * outbox in PostgreSQL: every report filed once, confirmed once. Uses a private redis-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobSystem } from '../../src/jobs/index.js';
import { RecordingTransport, report, settled, sleep, startRecordingSystem, waitFor, type Harness } from './helpers.js';
import { describeWith } from '../helpers/services.js';
import { freePort } from '../helpers/net.js';

const N = 30;
let h: Harness;
let chat: RecordingTransport;
let jobs: JobSystem;
let port: number;
let redisProc: ChildProcess | null = null;


async function startRedis(): Promise<void> {
  redisProc = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitFor('redis up', async () => {
    const { Redis } = await import('ioredis');
    const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } finally {
      r.disconnect();
    }
  }, 10_000, 50);
}

async function stopRedis(): Promise<void> {
  const p = redisProc;
  redisProc = null;
  if (!p || p.exitCode !== null) return;
  p.kill('SIGKILL');
  await new Promise((r) => p.once('exit', r));
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  ({ h, chat, jobs } = await startRecordingSystem({ options: { concurrency: { atlas: 4 } } }, { redisUrl: `redis://127.0.0.1:${port}` }));
});
afterAll(async () => {
  await h?.close().catch(() => undefined);
  await stopRedis();
});

describeWith(['postgres', 'redis'], 'Redis restarted mid-run', () => {
  it(`${N} reports: the outbox refills the queues; none lost, none doubled`, async () => {
    h.atlasFake.faults.latencyMs = 20;
    const cmds = Array.from({ length: N }, (_, i) => report(h, { chat: { channel: 'telegram', chatId: String(4000 + (i % 6)) } }));
    for (const c of cmds) await jobs.dispatcher.createWorkOrder(c);
    await waitFor('some filed', () => h.atlasFake.state.workOrders.size >= 8, 20_000, 10);

    await stopRedis(); // every queued job is gone with it
    const during = report(h, { chat: { channel: 'telegram', chatId: '4099' } });
    await jobs.dispatcher.createWorkOrder(during); // accepted while Redis is down: PostgreSQL holds it
    await sleep(500);
    await startRedis();

    const all = [...cmds, during];
    await waitFor('all confirmed', () => chat.sent.filter((m) => m.idempotencyKey.endsWith('/filed')).length >= all.length, 40_000, 100);
    await settled(h, jobs); // a second confirmation would have gone out by now
    const descriptions = [...h.atlasFake.state.workOrders.values()].map((w) => String(w.description));
    for (const c of all) expect(descriptions.filter((d) => d.includes(`rivet-ref:${c.idempotencyKey}`)), c.idempotencyKey).toHaveLength(1);
    expect(h.atlasFake.state.workOrders.size).toBe(all.length);
    const filed = chat.sent.filter((m) => m.idempotencyKey.endsWith('/filed'));
    expect(new Set(filed.map((m) => m.idempotencyKey)).size).toBe(all.length);
    expect(filed.length).toBe(all.length);
    expect(h.logLines.some((l) => l.msg === 're-enqueued jobs missing from Redis')).toBe(true);
  }, 60_000);
});
