/**
 * "Node is the only prerequisite": no DATABASE_URL and no REDIS_URL — the embedded database
 * (PGlite) and the embedded job runner. A report goes from a Telegram update to an Atlas work
 * order and back to the technician, and /health says which mode runs the jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import { DETAILED, person, startE2E, type E2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ env: { DATABASE_URL: '', REDIS_URL: '' } });
}, 120_000);
afterAll(() => e?.close());

describe('embedded mode: no PostgreSQL server, no Redis', () => {
  it('files a report in Atlas and confirms it in the chat', async () => {
    expect(e.rivet.database.kind).toBe('pglite');
    expect(e.rivet.jobs.mode).toBe('embedded');
    const quin = person('Quin');
    expect((await e.post(textUpdate(quin, 'Pump P-501 leaking oil'))).status).toBe(200);
    await e.waitForText(quin.id, /New work order/, 20_000);
    await e.tap(quin, quin.id, /Create/);
    const filed = await e.waitForText(quin.id, /^Filed WO\d{6}/, 20_000);
    const mine = [...e.atlas.state.workOrders.values()].filter((w) => filed.text?.includes(w.customId));
    expect(mine).toHaveLength(1);
  });

  it('/health is ok without Redis and says the jobs run embedded', async () => {
    const res = await fetch(`${e.rivet.url}/health`, DETAILED);
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string }>; jobs: { mode: string; workers: { alive: number } } };
    expect(res.status).toBe(200);
    expect(body.checks.redis!.status).toBe('disabled');
    expect(body.jobs.mode).toBe('embedded');
    expect(body.jobs.workers.alive).toBe(1);
  });
});
