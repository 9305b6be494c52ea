/**
 * bull-board at /admin/queues over a real BullMQ queue: people with the admin key may look,
 * retry a failed job and remove one; nothing else changes the queues (no adding jobs, pausing,
 * cleaning, promoting, emptying, editing job data).
 */
import { Queue, Worker } from 'bullmq';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQueuesRoutes } from '../../../src/api/routes/admin-queues.js';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis.js';

const KEY = 'admin-key-0123456789abcdef';
const prefix = uniquePrefix('rivet-admin-queues');
let queue: Queue;
let app: Hono;

beforeAll(async () => {
  queue = new Queue('outbound', { connection: { url: TEST_REDIS_URL }, prefix });
  app = new Hono();
  app.route('/admin/queues', adminQueuesRoutes({ queues: [queue], apiKey: KEY }) as unknown as Hono);
});
afterAll(async () => {
  await queue.close();
  await clearPrefix(prefix);
});

const call = (method: string, path: string, body?: unknown) =>
  app.request(`/admin/queues${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('the queue dashboard', () => {
  it('lists queues and jobs', async () => {
    await queue.add('send', { text: 'hello' }, { jobId: 'look-1' });
    expect((await call('GET', '/api/queues')).status).toBe(200);
    expect((await call('GET', '/api/queues/outbound/look-1')).status).toBe(200);
  });

  it('refuses every change but retry and remove, and the queue stays as it was', async () => {
    await queue.add('send', { text: 'later' }, { jobId: 'delayed-1', delay: 60_000 });
    const before = await queue.getJobCounts();
    const refused = [
      ['POST', '/api/queues/outbound/add', { name: 'send', data: { chatId: 1, text: 'spam' } }],
      ['PUT', '/api/queues/pause'],
      ['PUT', '/api/queues/outbound/pause'],
      ['PUT', '/api/queues/outbound/clean/completed'],
      ['PUT', '/api/queues/outbound/promote'],
      ['PUT', '/api/queues/outbound/delayed-1/promote'],
      ['PUT', '/api/queues/outbound/empty'],
      ['PUT', '/api/queues/outbound/obliterate'],
      ['PUT', '/api/queues/outbound/concurrency', { concurrency: 1 }],
      ['PATCH', '/api/queues/outbound/delayed-1/update-data', { data: { text: 'changed' } }],
      ['PATCH', '/api/queues/outbound/delayed-1/delay', { delay: 0 }],
      ['PUT', '/api/queues/outbound/clean/retry'],
    ] as const;
    for (const [method, path, body] of refused) {
      const res = await call(method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    expect(await queue.getJobCounts()).toEqual(before);
    expect(await queue.isPaused()).toBe(false);
    expect((await queue.getJob('delayed-1'))?.data).toEqual({ text: 'later' });
  });

  it('still retries a failed job and removes one', async () => {
    const failing = new Worker('outbound', async () => { throw new Error('boom'); }, { connection: { url: TEST_REDIS_URL }, prefix });
    const failed = new Promise((r) => failing.once('failed', r));
    await queue.add('send', { text: 'broken' }, { jobId: 'failed-1' });
    await failed;
    await failing.close();
    expect(await queue.getJobState('failed-1')).toBe('failed');
    expect((await call('PUT', '/api/queues/outbound/failed-1/retry')).status).toBe(204);
    expect(await queue.getJobState('failed-1')).toBe('waiting');
    const removed = await call('PUT', '/api/queues/outbound/delayed-1/clean');
    expect(removed.status).toBe(204);
    expect(await queue.getJob('delayed-1')).toBeUndefined();
  });
});
