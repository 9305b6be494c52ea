/**
 * Deliveries arriving together are written by one statement (group commit), yet each is answered
 * for itself: accepted once, a duplicate however it repeats (in the same batch, or seen before),
 * a chat's updates kept in arrival order, and one unstorable delivery never takes the others down.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import type { OutboxEntry } from '../../src/db/repositories/outbox.js';
import { createInboundAcceptor } from '../../src/jobs/inbound.js';
import type { Enqueuer } from '../../src/jobs/enqueue.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { describeWith } from '../helpers/services.js';

describeWith(['postgres'], 'accepting deliveries together', () => {
  let t: TestDatabase;
  let organizationId: string;
  const pushed: OutboxEntry[] = [];
  const enqueuer: Enqueuer = { enqueue: async () => {}, write: async () => {}, push: async (entries) => void pushed.push(...entries), pushWritten: async () => {} };
  const chatOf = (p: unknown) => String((p as { chat: number }).chat);

  beforeAll(async () => {
    t = await createTestDatabase();
    organizationId = (await t.repos.organizations.ensure({ slug: 'default', name: 'Test' })).id;
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  const rows = async () => {
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    try {
      return (await c.query<{ job_id: string; ordering_key: string | null }>(`select job_id, ordering_key from outbox where queue = 'inbound' order by seq`)).rows;
    } finally {
      await c.end();
    }
  };

  it('each of many concurrent deliveries gets its own answer; repeats are duplicates; a chat keeps its order', async () => {
    const acceptor = createInboundAcceptor({ db: t.database.db, enqueuer, organizationId, orderingKeyOf: { telegram: chatOf } });
    expect(await acceptor.accept('telegram', '1', { chat: 1, n: 0 })).toBe('accepted');
    const ids = Array.from({ length: 60 }, (_, i) => String(100 + i));
    const answers = await Promise.all([
      ...ids.map((id, i) => acceptor.accept('telegram', id, { chat: i % 3, n: i })),
      acceptor.accept('telegram', '100', { chat: 0, n: 0 }),
      acceptor.accept('telegram', '1', { chat: 1, n: 0 }),
    ]);
    expect(answers.slice(0, 60)).toEqual(ids.map(() => 'accepted'));
    expect(answers.slice(60)).toEqual(['duplicate', 'duplicate']);
    const written = await rows();
    expect(written).toHaveLength(61);
    expect(pushed.map((e) => e.jobId).sort()).toEqual(written.map((r) => r.job_id).sort());
    // Chat 2's updates, in the order they were handed over.
    const chat2 = written.filter((r) => r.ordering_key === 'telegram:2').map((r) => Number(/(\d+)$/.exec(r.job_id)![1]));
    expect(chat2).toEqual(ids.map(Number).filter((_, i) => i % 3 === 2));
  });

  it('a delivery PostgreSQL refuses fails alone; the ones written with it are accepted', async () => {
    const acceptor = createInboundAcceptor({ db: t.database.db, enqueuer, organizationId });
    const answers = await Promise.allSettled([
      acceptor.accept('telegram', '500', { n: 1 }),
      acceptor.accept('telegram', '501', { text: 'nul \u0000 inside' }),
      acceptor.accept('telegram', '502', { n: 3 }),
    ]);
    expect(answers[0]).toEqual({ status: 'fulfilled', value: 'accepted' });
    expect(answers[1]!.status).toBe('rejected');
    expect(answers[2]).toEqual({ status: 'fulfilled', value: 'accepted' });
    expect(await acceptor.accept('telegram', '502', { n: 3 })).toBe('duplicate');
  });
});
