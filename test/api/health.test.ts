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

const KEY = 'health-admin-key-0123456789';
const detailed = { headers: { authorization: `Bearer ${KEY}` } };

function app(redis: Redis, extra: Parameters<typeof createApp>[0]['health']['checks'] = {}) {
  return createApp({
    logger: memoryLogger().logger,
    apiKey: KEY,
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
    const res = await app(redisUp).request('/health', detailed);
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
    const res = await app(redisDown).request('/health', detailed);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string; error?: string }> };
    expect(body.status).toBe('down');
    expect(body.checks.redis!.status).toBe('down');
    expect(body.checks.redis!.error).toBeTruthy();
    expect(body.checks.database!.status).toBe('up');
  });

  it('never hangs on an outside service: a stuck check reports down after its deadline', async () => {
    const started = Date.now();
    const res = await app(redisUp, { atlas: () => new Promise(() => {}) }).request('/health', detailed);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.status).toBe(200); // Atlas down does not stop Rivet taking reports
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string; error?: string }> };
    expect(body.status).toBe('degraded');
    expect(body.checks.atlas).toMatchObject({ status: 'down', error: expect.stringMatching(/timed out/) });
  });
});

describeWith(['postgres', 'redis'], 'GET /health without the key', () => {
  const atlasDetails = { authMode: 'password', account: 'bot@plant.example', licenceLimits: { users: 5 } };

  it('is minimal: overall status and each check up/down, no account, version, errors or details', async () => {
    const a = app(redisDown, { atlas: async () => atlasDetails, telegram: async () => { throw new Error('401 Unauthorized: bot token rejected for @plant_bot'); } });
    const res = await a.request('/health');
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toEqual({
      status: 'down',
      checks: { database: { status: 'up' }, redis: { status: 'down' }, atlas: { status: 'up' }, telegram: { status: 'down' }, stripe: { status: 'disabled' }, slack: { status: 'disabled' } },
    });
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/plant|bot@|Unauthorized|licence|9\.9\.9/);
    // The key shows the details.
    const full = (await (await a.request('/health', detailed)).json()) as { checks: { atlas: { details: unknown }; telegram: { error: string } } };
    expect(full.checks.atlas.details).toEqual(atlasDetails);
    expect(full.checks.telegram.error).toMatch(/Unauthorized/);
    expect((await (await a.request('/health', { headers: { authorization: 'Bearer wrong-key-0000000000000' } })).json())).not.toHaveProperty('version');
  });

  it('costs no outside call per hit: 50 hits call Atlas and Telegram once each', async () => {
    let atlasCalls = 0;
    let telegramCalls = 0;
    const a = app(redisUp, { atlas: async () => void atlasCalls++, telegram: async () => void telegramCalls++ });
    const answers = await Promise.all(Array.from({ length: 50 }, () => a.request('/health')));
    for (let i = 0; i < 10; i++) answers.push(await a.request('/health'));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(atlasCalls).toBe(1);
    expect(telegramCalls).toBe(1);
  });
});
