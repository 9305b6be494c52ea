/**
 * What the Telegram bench drives: Rivet as real `rivet` processes (the load generator must not
 * share their event loop) on a fresh PostgreSQL database, in queue mode (Redis) or embedded mode,
 * a webhook poster that, like Telegram, uses at most 40 keep-alive connections, and the counts
 * the bench reads back from the outbox.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { createTestDatabase } from '../../test/helpers/db.js';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/helpers/redis.js';

export const SECRET = 'bench-secret_0123456789';
/** setWebhook's max_connections default. */
export const TELEGRAM_MAX_CONNECTIONS = 40;

export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');
export const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Fakes { tgRoot: string; token: string; atlasUrl: string; email: string; password: string }

export interface RivetUnderTest {
  url: string;
  /** inbound rows done (the update handled: its replies and commands written down). */
  inboundDone(): Promise<number>;
  /** inbound rows not yet done. */
  inboundLeft(): Promise<number>;
  /**
   * CPU time (ms) used so far by the Rivet processes and by the PostgreSQL backends serving this
   * database: on a machine shared with other work, CPU per update is steadier than wall time.
   */
  cpu(): Promise<{ rivet: number; pg: number; xacts: number }>;
  /** Starts more processes against the same database and queues (e.g. a second `rivet worker`). */
  spawnMore(args: string[]): void;
  stop(): Promise<void>;
}

/**
 * Starts `rivet <args>` once per command. `queue`: with Redis (else embedded mode). With
 * RIVET_BENCH_PROFILE=<dir> every process writes a V8 CPU profile there when it stops.
 */
export async function startRivet(commands: string[][], fakes: Fakes, opts: { queue: boolean; root?: string }): Promise<RivetUnderTest> {
  const tdb = await createTestDatabase('rivet_bench');
  const prefix = uniquePrefix('rivet-bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'rivet-bench-'));
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp',
    PORT: String(port), DATABASE_URL: tdb.url, RIVET_QUEUE_PREFIX: prefix, RIVET_DATA_DIR: dataDir, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error', RIVET_SIGNUP: 'open',
    TELEGRAM_BOT_TOKEN: fakes.token, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fakes.tgRoot,
    ATLAS_URL: fakes.atlasUrl, ATLAS_EMAIL: fakes.email, ATLAS_PASSWORD: fakes.password,
    ...(opts.queue ? { REDIS_URL: TEST_REDIS_URL } : {}),
  };
  const profile = process.env.RIVET_BENCH_PROFILE;
  const execArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const children: ChildProcess[] = [];
  // `root`: another checkout of Rivet (e.g. the commit before a change, for an A/B run).
  const cwd = opts.root ?? process.cwd();
  const launch = (args: string[]) => children.push(spawn(process.execPath, [...execArgs, 'bin/rivet.mjs', ...args], { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] }));
  commands.forEach(launch);
  const url = `http://127.0.0.1:${port}`;
  const pool = new pg.Pool({ connectionString: tdb.url, max: 2 });
  const count = async (where: string) => Number((await pool.query(`select count(*)::int n from outbox where queue = 'inbound' and ${where}`)).rows[0].n);
  try {
    await waitHealthy(url, children);
  } catch (err) {
    await stopAll(children);
    throw err;
  }
  const pgSeen = new Map<number, number>();
  return {
    url,
    async cpu() {
      const rivet = children.reduce((sum, c) => sum + (c.pid ? cpuOf(c.pid) : 0), 0);
      const pids = (await pool.query(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)).rows.map((r) => Number(r.pid));
      // Backends that have gone keep the time they had when last seen.
      for (const pid of pids) pgSeen.set(pid, cpuOf(pid) || (pgSeen.get(pid) ?? 0));
      // Transactions committed in the bench's database: with autocommit, one per statement that Rivet sends alone.
      const xacts = Number((await pool.query(`select xact_commit::bigint n from pg_stat_database where datname = current_database()`)).rows[0]?.n ?? 0);
      return { rivet, pg: [...pgSeen.values()].reduce((a, b) => a + b, 0), xacts };
    },
    inboundDone: () => count(`status = 'done'`),
    inboundLeft: () => count(`status not in ('done', 'failed')`),
    spawnMore: launch,
    async stop() {
      await stopAll(children);
      await pool.end();
      await tdb.drop();
      if (opts.queue) await clearPrefix(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** utime + stime of a process (all its threads), in ms; 0 when it is gone. */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // fields 14 and 15; USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
  })));
}

async function waitHealthy(url: string, children: ChildProcess[]): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (children.some((c) => c.exitCode !== null)) throw new Error('rivet exited during start-up');
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res?.status === 200) return;
    await sleep(200);
  }
  throw new Error('rivet did not become healthy');
}

/** Posts updates to the webhook over at most 40 keep-alive connections; resolves true on a 200. */
export function webhookPoster(url: string): { post(update: unknown): Promise<boolean>; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: TELEGRAM_MAX_CONNECTIONS });
  return {
    post(update) {
      const body = JSON.stringify(update);
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
    },
    close: () => agent.destroy(),
  };
}

/**
 * Open loop: `rate` updates a second for `seconds`, each timed from its scheduled start (a stall
 * counts against every request it delays). Returns the sorted latencies, non-200s, and when each
 * update was acknowledged (epoch ms, by index).
 */
export async function openLoop(post: (u: unknown) => Promise<boolean>, make: (i: number) => unknown, rate: number, seconds: number): Promise<{ latencies: number[]; errors: number; ackedAt: number[] }> {
  const latencies: number[] = [];
  const ackedAt: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const update = make(k);
    inflight.push(post(update).then(
      (ok) => {
        if (!ok) errors++;
        latencies.push(performance.now() - due);
        ackedAt[k] = Date.now();
      },
      () => void errors++,
    ));
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  return { latencies, errors, ackedAt };
}

/** Waits until `done()` reaches `target` (or `timeoutMs` passes); returns the seconds it took from `since`. */
export async function until(done: () => Promise<number>, target: number, since: number, timeoutMs: number): Promise<{ seconds: number; reached: number }> {
  const deadline = Date.now() + timeoutMs;
  let reached = 0;
  while (Date.now() < deadline) {
    reached = await done();
    if (reached >= target) break;
    await sleep(50);
  }
  return { seconds: (performance.now() - since) / 1000, reached };
}
