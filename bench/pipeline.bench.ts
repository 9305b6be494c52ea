/**
 * The job pipeline, end to end on this machine (real PostgreSQL and Redis, the fake Atlas at
 * 20 ms per request, workers in this process):
 *  - reports per second from a Telegram webhook delivery to an Atlas work order;
 *  - acknowledgement latency (p50/p99) of the webhook under an open-loop 500 updates/s, with the
 *    workers stopped (as in an API-only `rivet start` with workers scaled apart), so the figure is
 *    the acknowledgement path itself: dedupe + outbox row in PostgreSQL, job in Redis.
 * The webhook route here is a stand-in for the bot's: verify nothing, accept(), answer.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';
import { noOversight, type ChatTransport } from '../src/core/ports.js';
import { openDatabase } from '../src/db/client.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { createAtlasClient } from '../src/integrations/atlas/index.js';
import { createJobSystem, type JobSystem } from '../src/jobs/index.js';
import { createRedisFactory } from '../src/queue/redis.js';
import { startFakeAtlas, loadCorpusAssets } from '../test/fakes/atlas/index.js';
import { createTestDatabase } from '../test/helpers/db.js';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../test/helpers/redis.js';

const logger = pino({ level: 'silent' });
const THROUGHPUT_N = Number(process.env.BENCH_REPORTS ?? 1_000);
const RATE = 500;
const RATE_SECONDS = 5;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

interface Update { update_id: number; message: { chat: { id: number }; from: { id: number }; text: string } }
const update = (id: number): Update => ({ update_id: id, message: { chat: { id: 10_000 + (id % 2_000) }, from: { id: 10_000 + (id % 2_000) }, text: `pump ${id} is leaking, urgent` } });

export default async function pipelineBench(): Promise<void> {
  const tdb = await createTestDatabase('rivet_bench');
  const database = await openDatabase({ kind: 'postgres', url: tdb.url, poolSize: 20 });
  const repos = createRepositories(database.db);
  const org = await repos.organizations.ensure({ slug: 'default', name: 'Bench' });
  const user = await repos.users.create({ organizationId: org.id, telegramId: 1, displayName: 'Bench' });
  const fake = await startFakeAtlas({ seedAssets: loadCorpusAssets(), licensed: true });
  fake.faults.latencyMs = Number(process.env.BENCH_ATLAS_LATENCY_MS ?? 20);
  const atlas = createAtlasClient({ baseUrl: fake.url, auth: { kind: 'password', ...fake.credentials }, logger });
  const prefix = uniquePrefix('rivet-bench');
  const redis = createRedisFactory(TEST_REDIS_URL, logger);
  const nullChat: ChatTransport = { send: async () => ({ messageId: '1' }) };
  let jobs: JobSystem | null = null;
  const workers = createJobSystem({
    redis, prefix, repos, db: database.db, organizationId: org.id, atlas,
    transports: { telegram: nullChat }, oversight: noOversight, logger,
    inbound: {
      // What the bot does with a report, minus understanding: one work order per update.
      telegram: async (payload) => {
        const u = payload as Update;
        await jobs!.dispatcher.createWorkOrder({
          idempotencyKey: `tg:msg:${u.update_id}`, organizationId: org.id, requesterId: user.id, conversationId: null,
          chat: { channel: 'telegram', chatId: String(u.message.chat.id) }, title: u.message.text, description: u.message.text,
          priority: 'HIGH', assetId: null, locationId: null,
        });
      },
    },
    options: { concurrency: { atlas: 32, inbound: 16, outbound: 32 } },
  });
  jobs = workers;
  await workers.startWorkers();
  // The API side: the same queues, no workers.
  const system = createJobSystem({ redis, prefix, repos, db: database.db, organizationId: org.id, atlas, transports: {}, oversight: noOversight, logger, inbound: {} });

  const app = new Hono();
  app.post('/telegram/webhook', async (c) => {
    const u = (await c.req.json()) as Update;
    await system.inbound.accept('telegram', String(u.update_id), u);
    return c.json({ ok: true });
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  const deliver = async (id: number): Promise<number> => {
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update(id)) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    return performance.now() - t;
  };
  const until = async (n: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (fake.state.workOrders.size < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return fake.state.workOrders.size;
  };

  try {
    // Warm up: sign-in, connections, JIT.
    await Promise.all(Array.from({ length: 20 }, (_, i) => deliver(i + 1)));
    await until(20, 30_000);

    // 1. Throughput: N deliveries as fast as 64 clients send them; until N more work orders exist.
    const base = fake.state.workOrders.size;
    const started = performance.now();
    let next = 1_000;
    const last = next + THROUGHPUT_N;
    await Promise.all(Array.from({ length: 64 }, async () => {
      while (next < last) await deliver(next++);
    }));
    const acked = performance.now() - started;
    const reached = await until(base + THROUGHPUT_N, 120_000);
    const seconds = (performance.now() - started) / 1000;
    console.log(`webhook → Atlas work order: ${THROUGHPUT_N} reports in ${seconds.toFixed(2)} s = ${(THROUGHPUT_N / seconds).toFixed(1)} reports/s (fake Atlas 20 ms/request; all acknowledged after ${(acked / 1000).toFixed(2)} s; filed ${reached - base})`);

    // 2. Acknowledgement latency, open loop at RATE/s (workers stopped: see the header).
    await workers.close();
    const latencies: number[] = [];
    let errors = 0;
    const inflight: Promise<void>[] = [];
    const t0 = performance.now();
    let id = 100_000;
    for (let i = 0; i < RATE * RATE_SECONDS; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inflight.push(deliver(id++).then((ms) => void latencies.push(ms), () => void errors++));
    }
    await Promise.all(inflight);
    const offered = (RATE * RATE_SECONDS) / ((performance.now() - t0) / 1000);
    console.log(`webhook acknowledgement at ${RATE} updates/s (achieved ${offered.toFixed(0)}/s, n=${latencies.length}, errors ${errors}): p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    const depth = await system.health();
    console.log(`queued for the workers after it: inbound ${depth.queues?.inbound.waiting} waiting`);
  } finally {
    await new Promise((r) => server.close(r));
    await system.close();
    await workers.close();
    await redis.closeAll();
    await fake.close();
    await database.close();
    await tdb.drop();
    await clearPrefix(prefix);
  }
}
