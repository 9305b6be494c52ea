/**
 * A slow Atlas must not stall every chat (review finding: Atlas reads inside inbound jobs, 8 at a
 * time, 3 × 10 s each, delayed an unrelated "hello" by ~47 s). With the fake Atlas answering
 * work-order searches slowly and ten status queries waiting on it, a "hello" from another chat
 * is answered while they still wait; they are answered afterwards. Both job modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import { person, startE2E, until, type E2E } from '../e2e/harness.js';

describe.each([
  ['queue (BullMQ)', {}],
  ['embedded', { REDIS_URL: '' }],
] as const)('%s mode', (_mode, env) => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ env: { ...env } });
  }, 60_000);
  afterAll(() => e?.close());

  it('answers a "hello" from another chat while status queries wait for a slow Atlas', async () => {
    const SLOW_MS = 4_000;
    e.atlas.faults.delayNext(10, SLOW_MS, { path: /^\/work-orders\/search/ });
    const askers = Array.from({ length: 10 }, () => person('Asker'));
    for (const [i, p] of askers.entries()) expect((await e.post(textUpdate(p, `/status ${900 + i}`))).status).toBe(200);
    // The status queries are inside their inbound jobs, waiting on Atlas.
    await until(() => e.atlas.inFlight() >= 8, 10_000, 'status lookups waiting on Atlas');

    const ana = person('Ana');
    expect((await e.post(textUpdate(ana, 'hello'))).status).toBe(200);
    await e.waitForText(ana.id, /./, 10_000);
    // Answered while every status query was still waiting.
    expect(askers.filter((p) => e.texts(p.id).length > 0)).toEqual([]);

    // The status queries are answered too, once Atlas is.
    for (const p of askers) await e.waitForText(p.id, /./, 20_000);
  }, 60_000);
});
