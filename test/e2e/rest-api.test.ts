import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

const KEY = 'e2e-admin-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
let e: E2E;

beforeAll(async () => {
  e = await startE2E({ env: { RIVET_API_KEY: KEY } });
});
afterAll(() => e?.close());

describeWith(['postgres', 'redis'], 'the REST API served by a running Rivet', () => {
  it('searches the asset directory loaded from Atlas at start-up', async () => {
    const res = await fetch(`${e.rivet.url}/api/assets?q=boiler%20feed%20pump&limit=5`, { headers: auth });
    expect(res.status).toBe(200);
    const ids = ((await res.json()) as { id: number }[]).map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([1740, 1743]));
  });

  it('files a work order in Atlas and serves it back', async () => {
    const created = await fetch(`${e.rivet.url}/api/work-orders`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'Cooling tower 2 vibrating', priority: 'MEDIUM', assetId: 1721 }),
    });
    expect(created.status).toBe(200);
    const wo = (await created.json()) as { id: number; customId: string };
    expect(e.atlas.state.workOrders.get(wo.id)?.title).toBe('Cooling tower 2 vibrating');
    const got = await fetch(`${e.rivet.url}/api/work-orders/${wo.id}`, { headers: auth });
    expect(((await got.json()) as { customId: string }).customId).toBe(wo.customId);
  });

  it('keeps the API and the queue dashboard behind the admin key', async () => {
    expect((await fetch(`${e.rivet.url}/api/assets?q=pump`)).status).toBe(401);
    expect((await fetch(`${e.rivet.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${e.rivet.url}/admin/queues`, { headers: auth })).status).toBe(200);
  });
});
