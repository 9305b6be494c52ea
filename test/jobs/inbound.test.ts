/**
 * Reliability: duplicate deliveries are processed once; a failing processor is retried; one
 * chat's updates run one after another in the order they arrived, even with two worker
 * processes taking them — on both runners.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobSystem } from '../../src/jobs/index.js';
import { finishedRow, settled, sleep, startHarness, waitFor, type Harness , describeEachRunner } from './helpers.js';

type Update = { update_id: number; message?: { chat: { id: number }; text?: string } };
const chatOf = (payload: unknown) => {
  const id = (payload as Update).message?.chat.id;
  return typeof id === 'number' ? String(id) : null;
};

describeEachRunner('inbound deliveries (%s runner)', (mode) => {
  let h: Harness;
  let jobs: JobSystem;
  let other: JobSystem;
  const seen: { payload: unknown; jobId: string }[] = [];
  /** Per chat: each update's start and end, in the order they started. */
  const runs = new Map<string, { id: number; start: number; end: number }[]>();
  let failFirst = 0;

  const processor = async (payload: unknown, ctx: { jobId: string }) => {
    const u = payload as Update;
    if (u.update_id >= 8000) {
      const chat = chatOf(u)!;
      const run = { id: u.update_id, start: performance.now(), end: Infinity };
      runs.set(chat, [...(runs.get(chat) ?? []), run]);
      // Some updates take longer, so a later one would overtake it if nothing kept the order.
      await sleep(u.update_id % 3 === 0 ? 40 : 5);
      run.end = performance.now();
      return;
    }
    if (failFirst > 0) {
      failFirst--;
      throw new Error('bot hiccup');
    }
    seen.push({ payload, jobId: ctx.jobId });
  };

  beforeAll(async () => {
    h = await startHarness({ mode });
    const deps = { inbound: { telegram: processor }, orderingKeyOf: { telegram: chatOf }, options: { concurrency: { inbound: 8 } } };
    jobs = h.system(deps);
    // A second worker process on the same database (and Redis): the order must hold across both.
    other = h.system(deps);
    await jobs.startWorkers();
    await other.startWorkers();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a delivery is processed once however often it arrives', async () => {
    const update = { update_id: 7001, message: { chat: { id: 1 }, text: 'pump leaking' } };
    expect(await jobs.inbound.accept('telegram', '7001', update)).toBe('accepted');
    expect(await jobs.inbound.accept('telegram', '7001', update)).toBe('duplicate');
    expect(await other.inbound.accept('telegram', '7001', update)).toBe('duplicate');
    await waitFor('processed', () => seen.some((s) => (s.payload as Update).update_id === 7001));
    expect(await jobs.inbound.accept('telegram', '7001', update)).toBe('duplicate');
    await settled(h, jobs);
    expect(seen.filter((s) => (s.payload as Update).update_id === 7001)).toHaveLength(1);
    expect(seen.find((s) => (s.payload as Update).update_id === 7001)!.jobId).toBe('inbound.telegram%2f7001');
  });

  it('a failing processor is retried until it succeeds', async () => {
    failFirst = 2;
    await jobs.inbound.accept('telegram', '7002', { update_id: 7002 });
    await waitFor('processed after retries', () => seen.some((s) => (s.payload as Update).update_id === 7002));
    expect(failFirst).toBe(0);
  });

  it('a source without a processor is accepted and dropped, not retried forever', async () => {
    expect(await jobs.inbound.accept('stripe', 'evt_1', { id: 'evt_1' })).toBe('accepted');
    const row = await finishedRow(h, 'inbound.stripe%2fevt_1');
    expect(row).toMatchObject({ status: 'done', attempts: 0 });
  });

  it("one chat's updates run one at a time, in arrival order, across two workers; other chats run alongside", async () => {
    const chats = [31, 32, 33];
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) for (const chat of chats) ids.push(8000 + i * chats.length + chats.indexOf(chat));
    // Arrive alternately through both processes' acceptors, as webhooks behind a load balancer would.
    for (const id of ids) {
      const chat = chats[(id - 8000) % chats.length]!;
      await (id % 2 ? jobs : other).inbound.accept('telegram', String(id), { update_id: id, message: { chat: { id: chat }, text: `msg ${id}` } });
    }
    await waitFor('all processed', () => chats.every((c) => runs.get(String(c))?.filter((r) => r.end < Infinity).length === 12), 30_000);
    for (const chat of chats) {
      const list = runs.get(String(chat))!;
      expect(list.map((r) => r.id), `chat ${chat}`).toEqual([...list.map((r) => r.id)].sort((a, b) => a - b));
      for (let i = 1; i < list.length; i++) expect(list[i]!.start, `chat ${chat}: update ${list[i]!.id} started before ${list[i - 1]!.id} ended`).toBeGreaterThanOrEqual(list[i - 1]!.end);
    }
    // Different chats were not queued behind each other.
    const all = [...runs.values()].flat();
    const overlapping = all.some((a) => all.some((b) => a !== b && a.start < b.end && b.start < a.end));
    expect(overlapping).toBe(true);
  });
});
