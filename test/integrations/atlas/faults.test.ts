import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AtlasApiError, AtlasNetworkError, AtlasResponseError, createAtlasClient, httpStatusForAtlasError, type AtlasError,
} from '../../../src/integrations/atlas/index.js';
import type { FakeAtlas } from '../../fakes/atlas/index.js';
import { clientFor, countRequests, fakeWithCorpus, silent } from './helpers.js';

let fake: FakeAtlas | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function ready() {
  fake = await fakeWithCorpus();
  const delays: number[] = [];
  const client = clientFor(fake, {
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
  });
  await client.me();
  return { fake, client, delays };
}

describe('retries, timeouts and bad answers (contract §1.5, §8.2)', () => {
  for (const status of [503, 429, 502, 504] as const) {
    it(`§1.5/§8.2 retries ${status} with exponential backoff and jitter, then succeeds`, async () => {
      const { fake, client, delays } = await ready();
      fake.faults.failNext(2, status, { path: '/locations/mini' });
      const locs = await client.listLocations();
      expect(locs.length).toBe(32);
      expect(countRequests(fake, 'GET', '/locations/mini')).toBe(3);
      expect(delays).toEqual([75, 150]); // ceiling 100·2^(n-1), half fixed + half jitter
    });
  }

  it('§1.5 gives up after the configured attempts with a retryable AtlasApiError carrying the rate-limit message', async () => {
    const { fake, client } = await ready();
    fake.faults.failNext(10, 429);
    const err = (await client.listAssets().catch((e: unknown) => e)) as AtlasApiError;
    expect(err).toBeInstanceOf(AtlasApiError);
    expect(err).toMatchObject({ status: 429, atlasMessage: 'Too many requests. Please try again later.', retryable: true });
    expect(countRequests(fake, 'GET', '/assets/mini')).toBe(3);
    expect(httpStatusForAtlasError(err).status).toBe(503);
  });

  it('§8.2 never retries a 500, 404 or 406', async () => {
    const { fake, client } = await ready();
    await expect(client.getWorkOrder(777)).rejects.toMatchObject({ status: 404 });
    expect(countRequests(fake, 'GET', '/work-orders/777')).toBe(1);
    await expect(client.searchWorkOrders({ filterFields: [], sortField: 'nope' })).rejects.toMatchObject({ status: 500 });
    expect(countRequests(fake, 'POST', '/work-orders/search')).toBe(1);
  });

  it('§8.1 an unknown search field is a 400 "Invalid search field"', async () => {
    const { client } = await ready();
    await expect(client.searchAssets({ filterFields: [{ field: 'password', operation: 'eq', value: 'x' }] })).rejects.toMatchObject({ status: 400, atlasMessage: 'Invalid search field' });
  });

  it('§8.2 a 502 from nginx (HTML body) becomes AtlasApiError with a readable message', async () => {
    const { fake, client } = await ready();
    fake.faults.failNext(5, 502);
    const err = (await client.listAssets().catch((e: unknown) => e)) as AtlasApiError;
    expect(err.atlasMessage).toContain('502 Bad Gateway');
    expect(err.atlasMessage).not.toContain('<');
  });

  it('times out a slow call (default 10 s, here 100 ms) and reports AtlasNetworkError(timeout) → 503', async () => {
    const { fake } = await ready();
    const client = clientFor(fake, { timeoutMs: 100, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    fake.faults.latencyMs = 250;
    const err = (await client.health().then(() => client.listLocations()).catch((e: unknown) => e)) as AtlasNetworkError;
    expect(err).toBeInstanceOf(AtlasNetworkError);
    expect(err.failure).toBe('timeout');
    expect(httpStatusForAtlasError(err)).toEqual({ status: 503, reason: 'Atlas unavailable: timeout' });
  });

  it('reports an unreachable Atlas as AtlasNetworkError(unreachable); health() says so without throwing', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const client = createAtlasClient({ baseUrl: `http://127.0.0.1:${port}/api`, auth: { kind: 'password', email: 'a@b.c', password: 'x' }, logger: silent, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const err = (await client.listAssets().catch((e: unknown) => e)) as AtlasNetworkError;
    expect(err).toBeInstanceOf(AtlasNetworkError);
    expect(err.failure).toBe('unreachable');
    const h = await client.health();
    expect(h).toMatchObject({ reachable: false, authenticated: false });
    expect(h.error).toMatch(/could not reach Atlas/);
  });

  it('malformed JSON in a 200 becomes AtlasResponseError → 502', async () => {
    const { fake, client } = await ready();
    fake.faults.malformNext(1, 'invalid-json');
    const err = (await client.listLocations().catch((e: unknown) => e)) as AtlasResponseError;
    expect(err).toBeInstanceOf(AtlasResponseError);
    expect(err.detail).toBe('body is not JSON');
    expect(httpStatusForAtlasError(err).status).toBe(502);
  });

  it('unexpected JSON shape becomes AtlasResponseError naming the bad path', async () => {
    const { fake, client } = await ready();
    fake.faults.malformNext(1, 'wrong-shape');
    const err = (await client.getAsset(1740).catch((e: unknown) => e)) as AtlasResponseError;
    expect(err).toBeInstanceOf(AtlasResponseError);
    expect(err.detail).toMatch(/^id: /);
  });

  it('a non-idempotent call (comment) is not repeated after a dropped connection, so no duplicate', async () => {
    const { fake, client } = await ready();
    const wo = await client.createWorkOrder({ title: 'x' }, { idempotencyKey: 'c:1' });
    fake.faults.dropNext(1, { method: 'POST', path: '/comments' });
    const err = (await client.addComment(wo.id, 'hello').catch((e: unknown) => e)) as AtlasNetworkError;
    expect(err).toBeInstanceOf(AtlasNetworkError);
    expect(err.failure).toBe('dropped');
    expect(fake.state.comments).toHaveLength(1);
  });

  it('an idempotent call (GET) is retried after a dropped connection', async () => {
    const { fake, client } = await ready();
    fake.faults.dropNext(1, { path: '/assets/1740' });
    expect((await client.getAsset(1740)).name).toBe('Centrifugal Pump P-301');
    expect(countRequests(fake, 'GET', '/assets/1740')).toBe(2);
  });

  it('failUntil keeps failing until the clock passes, then recovers; errors serialize without secrets', async () => {
    const { fake, client } = await ready();
    fake.faults.failUntil(new Date(Date.now() + 60_000), 503);
    const err = (await client.listCategories().catch((e: unknown) => e)) as AtlasError;
    expect(err.toJSON()).toMatchObject({ name: 'AtlasApiError', code: 'api', status: 503, method: 'GET', path: '/work-order-categories', retryable: true });
    fake.faults.failUntil(null);
    expect((await client.listCategories()).map((c) => c.name)).toContain('Repair');
  });
});
