/**
 * A smaller seeded fuzz than `npm run fuzz`: 600 correctly signed, hostile bodies (NUL, lone
 * surrogates, deep nesting, huge strings, wrong types, broken JSON, chunked oversize) to every
 * webhook and /api route of the real service. None gets a 5xx, no connection is dropped, and the
 * service still answers and files a normal report afterwards.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.js';
import { textUpdate } from '../fakes/telegram/updates.js';
import { person } from '../e2e/harness.js';
import { startEdge, type Edge } from './edge-harness.js';
import { fuzzCases } from './fuzz-cases.js';
import { runFuzz } from './fuzz-runner.js';
import { describeWith } from '../helpers/services.js';

let e: Edge;
beforeAll(async () => {
  e = await startEdge();
}, 60_000);
afterAll(async () => {
  await e?.close();
});

describeWith(['postgres', 'redis'], 'seeded fuzz of the edge', () => {
  it('600 hostile bodies: zero 5xx, zero dropped connections, and the service still works', async () => {
    const cases = fuzzCases(20261206, 600, { now: e.clock.now().getTime(), oversizeEvery: 100, oversizeBytes: 4 * 1024 * 1024 });
    const all = Array.from({ length: cases.count }, (_, i) => cases.at(i));
    expect(new Set(all.map((c) => c.route))).toEqual(new Set(['telegram', 'slack', 'atlas', 'stripe', 'api']));
    expect(new Set(all.map((c) => c.mutation)).size).toBeGreaterThanOrEqual(10);
    const stats = await runFuzz(e, cases, { concurrency: 8 });
    expect(stats.failures).toEqual([]);
    expect(stats.serverErrors).toBe(0);
    expect(stats.dropped).toBe(0);
    expect(stats.sent).toBe(600);
    expect(stats.byStatus['413']).toBeGreaterThanOrEqual(6);

    // Nothing accepted reached PostgreSQL as garbage: no job failed on the database refusing its data.
    const failed = await e.tdb.database.db.select({ name: outbox.name, error: outbox.lastError }).from(outbox).where(eq(outbox.status, 'failed'));
    expect(failed.filter((f) => /SQLSTATE|database refused|invalid input|unsupported Unicode|invalid byte sequence|stack/i.test(f.error ?? ''))).toEqual([]);

    expect((await fetch(`${e.rivet.url}/health`)).status).toBe(200);
    const p = person();
    expect((await e.post(textUpdate(p, 'Pump P-301 is leaking oil'))).status).toBe(200);
    await e.waitForText(p.id, /./, 20_000);
  }, 240_000);
});
