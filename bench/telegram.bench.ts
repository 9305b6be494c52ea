/**
 * Webhook acknowledgement: how fast POST /telegram/webhook answers Telegram (secret check,
 * dedupe, outbox write, enqueue) while the real workers handle the updates behind it.
 *   1. latency p50/p99 at 500 updates/s sustained (open loop: each request timed from its
 *      scheduled start, so a stall counts against every request it delays);
 *   2. updates/s at saturation (closed loop, 64 in flight).
 * Like Telegram, the generator uses at most 40 keep-alive connections (setWebhook max_connections).
 * Rivet runs as real `rivet` processes (the load generator must not share its event loop):
 * once as `rivet start` (webhook and workers in one process), once as `rivet start --no-workers`
 * plus one `rivet worker`. Real PostgreSQL and Redis, the fake Telegram and fake Atlas.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { Redis } from 'ioredis';
import { startFakeAtlas, loadCorpusAssets } from '../test/fakes/atlas/index.js';
import { startFakeTelegram } from '../test/fakes/telegram/index.js';
import { textUpdate } from '../test/fakes/telegram/updates.js';
import { createTestDatabase } from '../test/helpers/db.js';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../test/helpers/redis.js';

const SECRET = 'bench-secret_0123456789';
const RATE = 500;
const SUSTAIN_S = 10;
const SATURATE_S = 5;
const IN_FLIGHT = 64;
const TELEGRAM_MAX_CONNECTIONS = 40;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

type Scenario = { name: string; commands: string[][]; workers: boolean };
const SCENARIOS: Scenario[] = [
  { name: 'rivet start (webhook + workers, one process)', commands: [['start']], workers: true },
  { name: 'rivet start --no-workers + rivet worker', commands: [['start', '--no-workers'], ['worker']], workers: true },
  { name: 'rivet start --no-workers alone (the acknowledgement path only)', commands: [['start', '--no-workers']], workers: false },
];

async function waitHealthy(url: string, children: ChildProcess[]): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (children.some((c) => c.exitCode !== null)) throw new Error('rivet exited during start-up');
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('rivet did not become healthy');
}

async function queueDepth(prefix: string): Promise<number> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    return (await redis.llen(`${prefix}:inbound:wait`)) + (await redis.zcard(`${prefix}:inbound:prioritized`));
  } finally {
    redis.disconnect();
  }
}

async function runScenario(scenario: Scenario, fakes: { tgRoot: string; token: string; atlasUrl: string; email: string; password: string }): Promise<void> {
  const tdb = await createTestDatabase('rivet_bench');
  const prefix = uniquePrefix('rivet-bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'rivet-bench-'));
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const env = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp',
    PORT: String(port), DATABASE_URL: tdb.url, REDIS_URL: TEST_REDIS_URL, RIVET_QUEUE_PREFIX: prefix, RIVET_DATA_DIR: dataDir, LOG_LEVEL: 'error', RIVET_SIGNUP: 'open',
    TELEGRAM_BOT_TOKEN: fakes.token, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fakes.tgRoot,
    ATLAS_URL: fakes.atlasUrl, ATLAS_EMAIL: fakes.email, ATLAS_PASSWORD: fakes.password,
  };
  const children = scenario.commands.map((args) => spawn(process.execPath, ['bin/rivet.mjs', ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
  const url = `http://127.0.0.1:${port}`;
  const people = Array.from({ length: 300 }, (_, i) => ({ id: 90_000_000 + i, first_name: `Tech${i}` }));
  const texts = ['hello', 'my work orders', 'help', 'Pump P-501 leaking oil', 'thanks'];
  let n = 0;
  // Telegram delivers a bot's webhooks over at most max_connections (40, as set by
  // telegram:set-webhook) keep-alive connections; the load generator does the same.
  const agent = new Agent({ keepAlive: true, maxSockets: TELEGRAM_MAX_CONNECTIONS });
  const post = (): Promise<boolean> => {
    const i = n++;
    const body = JSON.stringify(textUpdate(people[i % people.length]!, texts[i % texts.length]!));
    return new Promise((resolve, reject) => {
      const req = request(
        `${url}/telegram/webhook`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
  console.log(`\n-- ${scenario.name} (host load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${cpus().length} CPUs)`);
  try {
    await waitHealthy(url, children);
    // Warm-up: connections, JIT, and a first message from each person (user rows exist).
    await Promise.all(Array.from({ length: 20 }, async () => {
      for (let i = 0; i < 50; i++) await post();
    }));
    await new Promise((r) => setTimeout(r, 2_000));

    // 1. Sustained open-loop load.
    const latencies: number[] = [];
    let errors = 0;
    const total = RATE * SUSTAIN_S;
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    for (let k = 0; k < total; k++) {
      const due = start + (k * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inflight.push(
        post().then(
          (ok) => {
            if (!ok) errors++;
            latencies.push(performance.now() - due);
          },
          () => void errors++,
        ),
      );
    }
    await Promise.all(inflight);
    const took = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(`sustained ${RATE} updates/s for ${SUSTAIN_S} s: ${total} sent in ${took.toFixed(1)} s, ${errors} non-200`);
    console.log(`  ack latency p50 ${ms(pct(latencies, 50))}  p90 ${ms(pct(latencies, 90))}  p99 ${ms(pct(latencies, 99))}  max ${ms(latencies[latencies.length - 1]!)}`);
    const backlog = await queueDepth(prefix);
    if (scenario.workers) {
      await new Promise((r) => setTimeout(r, 5_000));
      const drained = backlog - (await queueDepth(prefix));
      console.log(`  inbound backlog after: ${backlog} updates; workers then take about ${(drained / 5).toFixed(0)} updates/s off the inbound queue`);
    } else {
      console.log(`  inbound backlog after: ${backlog} updates (no workers in this run)`);
    }

    // 2. Saturation: as many as the webhook will take with 64 requests in flight.
    let done = 0;
    let satErrors = 0;
    const satLat: number[] = [];
    const until = performance.now() + SATURATE_S * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() < until) {
          const s = performance.now();
          if (await post().catch(() => false)) done++;
          else satErrors++;
          satLat.push(performance.now() - s);
        }
      }),
    );
    const satS = (performance.now() - t0) / 1000;
    satLat.sort((a, b) => a - b);
    console.log(`saturation (${IN_FLIGHT} requests in flight over ${TELEGRAM_MAX_CONNECTIONS} connections, ${SATURATE_S} s): ${(done / satS).toFixed(0)} updates/s acknowledged, ${satErrors} non-200, p50 ${ms(pct(satLat, 50))} p99 ${ms(pct(satLat, 99))}`);
  } finally {
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
    })));
    agent.destroy();
    await tdb.drop();
    await clearPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<void> {
  const tg = await startFakeTelegram();
  const atlas = await startFakeAtlas({ seedAssets: loadCorpusAssets(), licensed: true });
  try {
    const only = process.env.TELEGRAM_BENCH_SCENARIO;
    for (const [i, s] of SCENARIOS.entries()) {
      if (only !== undefined && String(i) !== only) continue;
      await runScenario(s, { tgRoot: tg.apiRoot, token: tg.token, atlasUrl: atlas.url, email: atlas.credentials.email, password: atlas.credentials.password });
    }
  } finally {
    await Promise.all([tg.close(), atlas.close()]);
  }
}
