import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createApp } from '../../src/api/app.js';
import { pingRedis } from '../../src/queue/redis.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import { memoryLogger } from '../helpers/logger.js';
import { describeWith } from '../helpers/services.js';

let t: TestDatabase;
let redisUp: Redis;
// Nothing listens on port 1: this is Redis being unreachable.
const redisDown = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, lazyConnect: true });
redisDown.on('error', () => {});

beforeAll(async () => {
  redisUp = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0, enableOfflineQueue: false });
  t = await createTestDatabase();
  if (redisUp.status !== 'ready') await new Promise((ready) => redisUp.once('ready', ready));
});
afterAll(async () => {
  redisUp?.disconnect();
  redisDown.disconnect();
  await t?.drop();
});

function app(redis: Redis, extra: Parameters<typeof createApp>[0]['health']['checks'] = {}) {
  return createApp({
    logger: memoryLogger().logger,
    apiKey: null,
    health: {
      version: '9.9.9',
      startedAt: new Date(Date.now() - 5_000),
      timeoutMs: 300,
      checks: { database: () => t.database.ping(), redis: () => pingRedis(redis), ...extra },
    },
  });
}

describeWith(['postgres', 'redis'], 'GET /health', () => {
  it('is 200 with every check listed when the database and Redis answer', async () => {
    const res = await app(redisUp).request('/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; version: string; uptimeS: number; checks: Record<string, { status: string; latencyMs: number }> };
    expect(body.status).toBe('ok');
    expect(body.version).toBe('9.9.9');
    expect(body.uptimeS).toBeGreaterThanOrEqual(5);
    expect(Object.keys(body.checks).sort()).toEqual(['atlas', 'database', 'redis', 'slack', 'stripe', 'telegram']);
    expect(body.checks.database!.status).toBe('up');
    expect(body.checks.redis!.status).toBe('up');
    expect(body.checks.atlas).toEqual({ status: 'disabled', latencyMs: 0 });
  });

  it('turns 503 and names Redis when Redis is unreachable', async () => {
    const res = await app(redisDown).request('/health');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string; error?: string }> };
    expect(body.status).toBe('down');
    expect(body.checks.redis!.status).toBe('down');
    expect(body.checks.redis!.error).toBeTruthy();
    expect(body.checks.database!.status).toBe('up');
  });

  it('never hangs on an outside service: a stuck check reports down after its deadline', async () => {
    const started = Date.now();
    const res = await app(redisUp, { atlas: () => new Promise(() => {}) }).request('/health');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.status).toBe(200); // Atlas down does not stop Rivet taking reports
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string; error?: string }> };
    expect(body.status).toBe('degraded');
    expect(body.checks.atlas).toMatchObject({ status: 'down', error: expect.stringMatching(/timed out/) });
  });
});
