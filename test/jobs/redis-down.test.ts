/**
 * Queue mode with Redis unreachable at start-up (review finding): Rivet must still start and
 * answer /health, say once — in one line that says what to do — that Redis is away, keep what it
 * accepts in PostgreSQL rather than in memory behind a dead connection (an API-only process took
 * 164 MB → 755 MB for 12,000 updates), and run all of it once Redis is back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { outbox } from '../../src/db/schema.js';
import { startRivet, type Rivet } from '../../src/main.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { memoryLogger } from '../helpers/logger.js';
import { uniquePrefix } from '../helpers/redis.js';
import { FAST, waitFor } from './helpers.js';
import { describeWith } from '../helpers/services.js';
import { freePort } from '../helpers/net.js';

let tdb: TestDatabase;
let port: number;
let redisProc: ChildProcess | null = null;
let dataDir: string;
const rivets: Rivet[] = [];


beforeAll(async () => {
  tdb = await createTestDatabase('rivet_redis_down');
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'rivet-redis-down-'));
});
afterAll(async () => {
  for (const r of rivets) await r.shutdown('test done').catch(() => undefined);
  if (redisProc && redisProc.exitCode === null) redisProc.kill('SIGKILL');
  await tdb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describeWith('postgres', 'Redis unreachable at start-up (queue mode)', () => {
  it('starts and answers /health, says so once, keeps accepted updates in PostgreSQL only, and runs them when Redis is back', async () => {
    const { logger, lines } = memoryLogger('debug');
    const config = loadConfig({ PORT: '0', DATABASE_URL: tdb.url, REDIS_URL: `redis://127.0.0.1:${port}`, RIVET_DATA_DIR: dataDir, LOG_LEVEL: 'debug', RIVET_API_KEY: 'redis-down-admin-key-0123456789' });
    const prefix = uniquePrefix('rivet-redis-down');
    // An API-only process (`rivet start --no-workers`) and a worker process (`rivet worker`).
    const api = await startRivet(config, logger, { queuePrefix: prefix, workers: false, jobOptions: FAST });
    rivets.push(api);
    const worker = await startRivet(config, logger, { queuePrefix: prefix, http: false, jobOptions: FAST });
    rivets.push(worker);

    // The detailed view (behind the key) names what is down and the job mode.
    const res = await fetch(`${api.url}/health`, { headers: { authorization: 'Bearer redis-down-admin-key-0123456789' } });
    const body = (await res.json()) as { checks: Record<string, { status: string }>; jobs: { mode: string; redis: string } };
    expect(res.status).toBe(503);
    expect(body.checks.database!.status).toBe('up');
    expect(body.checks.redis!.status).toBe('down');
    expect(body.jobs).toMatchObject({ mode: 'queue', redis: 'unreachable' });

    // Updates accepted meanwhile are written down; none waits in memory for Redis.
    const N = 500;
    for (let i = 0; i < N; i++) expect(await api.jobs.inbound.accept('telegram', String(90_000 + i), { update_id: 90_000 + i, message: { text: 'pump leaking' } })).toBe('accepted');
    expect((await api.jobs.health()).addsInFlight).toBe(0);
    const [pending] = await tdb.database.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
    expect(pending!.n).toBe(N);

    // Many reconnect attempts later (every connection retries on its own), still one line.
    await waitFor('reconnect attempts', () => lines.filter((l) => l.msg === 'redis connection error').length >= 30, 30_000, 100);
    const loud = lines.filter((l) => Number(l.level) >= 40 && /redis|queue error|worker error|ECONNREFUSED/i.test(`${String(l.msg)} ${String(l.err ?? '')}`));
    expect(loud).toHaveLength(1);
    expect(String(loud[0]!.msg)).toMatch(/unreachable/);
    expect(String(loud[0]!.msg)).toMatch(/REDIS_URL/);
    expect(String(loud[0]!.msg)).toMatch(/embedded mode/);

    // Redis comes back: the worker attaches and the sweeper hands it everything (inbound updates
    // without a Telegram processor are dropped once, which is enough to show they ran).
    redisProc = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor('all run', async () => {
      const [left] = await tdb.database.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
      const [done] = await tdb.database.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'done'));
      return left!.n === 0 && done!.n === N;
    }, 60_000, 200);
    expect(lines.some((l) => l.msg === 'Redis is reachable again')).toBe(true);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  }, 120_000);
});
