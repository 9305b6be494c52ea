/**
 * Reliability: the worker process is SIGKILLed mid-run and started again → every report is
 * filed exactly once and confirmed exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSystem } from '../../src/jobs/index.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { report, startHarness, waitFor, type Harness } from './helpers.js';

const WORKER = fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url));
const N = 50;
let h: Harness;
let producer: JobSystem;
let sentLog: string;
const children: ChildProcess[] = [];

interface WorkerProc { child: ChildProcess; loaded: Promise<void>; go(): Promise<void> }

/** Spawns a worker process; it loads and connects, then waits for go() to take jobs. */
function spawnWorker(): WorkerProc {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: {
      ...process.env,
      DATABASE_URL: h.tdb.url, REDIS_URL: TEST_REDIS_URL, PREFIX: h.prefix, ORG_ID: h.organizationId,
      ATLAS_URL: h.atlasFake.url, ATLAS_EMAIL: h.atlasFake.credentials.email, ATLAS_PASSWORD: h.atlasFake.credentials.password,
      SENT_LOG: sentLog, LOG_LEVEL: 'error',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes(word)) resolve();
      });
    });
  const loaded = said('loaded');
  const ready = said('ready');
  loaded.catch(() => undefined);
  ready.catch(() => undefined);
  return {
    child,
    loaded,
    async go() {
      await loaded;
      child.stdin!.write('go\n');
      await ready;
    },
  };
}

const sent = () => (existsSync(sentLog) ? readFileSync(sentLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { key: string; text: string }) : []);

beforeAll(async () => {
  h = await startHarness();
  sentLog = join(mkdtempSync(join(tmpdir(), 'rivet-crash-')), 'sent.jsonl');
  producer = h.system(); // enqueues only; the workers live in the child process
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await h?.close();
});

describe('worker process killed mid-run', () => {
  it(`${N} reports: none lost, none doubled`, async () => {
    h.atlasFake.faults.latencyMs = 15;
    const cmds = Array.from({ length: N }, (_, i) => report(h, { chat: { channel: 'telegram', chatId: String(2000 + (i % 10)) } }));
    for (const c of cmds) await producer.dispatcher.createWorkOrder(c);

    const first = spawnWorker();
    const spare = spawnWorker(); // warms up meanwhile; takes over after the kill
    await first.go();
    await waitFor('some filed', () => h.atlasFake.state.workOrders.size >= 12, 20_000, 10);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const filedAtKill = h.atlasFake.state.workOrders.size;
    expect(filedAtKill).toBeLessThan(N);

    await spare.go();
    await waitFor('all confirmed', () => sent().filter((m) => m.key.endsWith('/filed')).length >= N, 40_000, 100);
    await new Promise((r) => setTimeout(r, 500));

    const keys = cmds.map((c) => c.idempotencyKey);
    const filed = [...h.atlasFake.state.workOrders.values()];
    for (const k of keys) expect(filed.filter((w) => String(w.description).includes(`rivet-ref:${k}`)).length, k).toBe(1);
    expect(filed).toHaveLength(N);
    const confirmations = sent().filter((m) => m.key.endsWith('/filed'));
    expect(new Set(confirmations.map((m) => m.key)).size).toBe(N);
    // Only a message sent in the instant between send and "done" at the kill may go out twice (at-least-once to the chat).
    expect(confirmations.length).toBeLessThanOrEqual(N + 2);
  }, 60_000);
});
