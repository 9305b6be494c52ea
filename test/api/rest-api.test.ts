import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { atlasErrorMapper } from '../../src/api/atlas-errors.js';
import { assetRoutes } from '../../src/api/routes/assets.js';
import { workOrderRoutes } from '../../src/api/routes/work-orders.js';
import { createAssetLookup } from '../../src/core/asset-lookup.js';
import { createAssetDirectory, createAtlasClient, type AssetDirectory } from '../../src/integrations/atlas/index.js';
import type { Organization } from '../../src/db/repositories/organizations.js';
import { startFakeAtlas, type FakeAtlas } from '../fakes/atlas/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { memoryLogger } from '../helpers/logger.js';
import { describeWith } from '../helpers/services.js';

const KEY = 'admin-key-for-tests-0123456789';
const seedAssets = JSON.parse(readFileSync(new URL('../fixtures/corpus/assets.json', import.meta.url), 'utf8')) as unknown[];
const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

let t: TestDatabase;
let atlas: FakeAtlas;
let directory: AssetDirectory;
let org: Organization;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  [t, atlas] = await Promise.all([createTestDatabase(), startFakeAtlas({ seedAssets })]);
  org = await t.repos.organizations.ensure({ slug: 'default', name: 'Norvik' });
  const { logger } = memoryLogger('silent');
  const client = createAtlasClient({ baseUrl: atlas.url, auth: { kind: 'password', ...atlas.credentials }, logger, timeoutMs: 2_000, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } });
  directory = createAssetDirectory({ client, logger });
  await directory.start();
  app = createApp({
    logger,
    apiKey: KEY,
    health: { version: '0', startedAt: new Date(), checks: {} },
    apiRoutes: [assetRoutes({ lookup: createAssetLookup(directory) }), workOrderRoutes({ atlas: client, repos: t.repos, organizationId: org.id })],
    errorMappers: [atlasErrorMapper],
  });
});
afterAll(async () => {
  directory?.stop();
  await atlas?.close();
  await t?.drop();
});

describeWith('postgres', 'GET /api/assets', () => {
  it('finds assets loaded from Atlas, best first, with their location and a score', async () => {
    const res = await app.request('/api/assets?q=pump%20P-301&limit=3', { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: number; customId: string; name: string; location: { name: string }; score: number }[];
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThanOrEqual(3);
    expect(body[0]).toMatchObject({ id: 1740, customId: 'A001740', name: 'Centrifugal Pump P-301' });
    expect(body[0]!.location.name).toMatch(/Boiler Room/);
    for (let i = 1; i < body.length; i++) expect(body[i]!.score).toBeLessThanOrEqual(body[i - 1]!.score);
  });
  it('orders results by the score it shows, also when adjectives and places only rank', async () => {
    for (const q of ['big press hall b', 'main compressor', 'pump boiler room', 'north ahu']) {
      const res = await app.request(`/api/assets?q=${encodeURIComponent(q)}&limit=20`, { headers: auth });
      const body = (await res.json()) as { score: number }[];
      expect(body.length, q).toBeGreaterThan(1);
      for (const r of body) expect(r.score).toBeGreaterThan(0);
      for (let i = 1; i < body.length; i++) expect(body[i]!.score, q).toBeLessThanOrEqual(body[i - 1]!.score);
      expect(body[0]!.score).toBeGreaterThan(body[body.length - 1]!.score);
    }
  });
  it('names the field when the query is bad', async () => {
    const res = await app.request('/api/assets?limit=5', { headers: auth });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^q:/);
    const bad = await app.request('/api/assets?q=pump&limit=lots', { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^limit:/);
  });
});

describeWith('postgres', '/api/work-orders', () => {
  it('creates a work order in Atlas, records it, and lists it for its requester', async () => {
    const user = await t.repos.users.create({ organizationId: org.id, displayName: 'Ana', telegramId: 9001 });
    const res = await app.request('/api/work-orders', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'Pump P-301 leaking oil', description: 'pretty bad', priority: 'HIGH', assetId: 1740, requesterId: user.id }),
    });
    expect(res.status).toBe(200);
    const wo = (await res.json()) as { id: number; customId: string; title: string; priority: string; asset: { id: number } };
    expect(wo).toMatchObject({ title: 'Pump P-301 leaking oil', priority: 'HIGH', asset: { id: 1740 } });
    expect(wo.customId).toMatch(/^WO\d{6}$/);
    expect(atlas.state.workOrders.has(wo.id)).toBe(true);
    expect(await t.repos.workOrderLinks.byAtlasId(org.id, wo.id)).toMatchObject({ requesterId: user.id, atlasCustomId: wo.customId, lastKnownStatus: 'OPEN' });

    const one = await app.request(`/api/work-orders/${wo.id}`, { headers: auth });
    expect(((await one.json()) as { id: number }).id).toBe(wo.id);
    const list = await app.request(`/api/work-orders?requester=${user.id}`, { headers: auth });
    expect(((await list.json()) as { id: number }[]).map((w) => w.id)).toEqual([wo.id]);
  });

  it('files once for a repeated Idempotency-Key', async () => {
    const before = atlas.state.workOrders.size;
    const send = () => app.request('/api/work-orders', { method: 'POST', headers: { ...auth, 'idempotency-key': 'retry-me-1' }, body: JSON.stringify({ title: 'Door 3 stuck' }) });
    const a = (await (await send()).json()) as { id: number };
    const b = (await (await send()).json()) as { id: number };
    expect(b.id).toBe(a.id);
    expect(atlas.state.workOrders.size).toBe(before + 1);
  });

  it('the same Idempotency-Key with a different body → 422, and nothing more is filed', async () => {
    const before = atlas.state.workOrders.size;
    const send = (title: string) => app.request('/api/work-orders', { method: 'POST', headers: { ...auth, 'idempotency-key': 'reuse-me-2' }, body: JSON.stringify({ title }) });
    expect((await send('Valve V-12 dripping')).status).toBe(200);
    const again = await send('Something else entirely');
    expect(again.status).toBe(422);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    expect(atlas.state.workOrders.size).toBe(before + 1);
    // A key that only starts the same is another key.
    expect((await app.request('/api/work-orders', { method: 'POST', headers: { ...auth, 'idempotency-key': 'reuse-me-2:b' }, body: JSON.stringify({ title: 'Other' }) })).status).toBe(200);
  });

  it('an unknown assetId → 400 naming the field, and nothing is filed', async () => {
    const before = atlas.state.workOrders.size;
    const res = await app.request('/api/work-orders', { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Leak', assetId: 987654321 }) });
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { message: string } }).error;
    expect(err.message).toMatch(/^assetId:/);
    expect(err.message).not.toMatch(/java|Exception/i);
    expect(atlas.state.workOrders.size).toBe(before);
  });

  it("Rivet's idempotency marker is not shown in the description it returns", async () => {
    const res = await app.request('/api/work-orders', { method: 'POST', headers: { ...auth, 'idempotency-key': 'marker-hidden-1' }, body: JSON.stringify({ title: 'Fan noisy', description: 'Rattles at speed 3' }) });
    const wo = (await res.json()) as { id: number; description: string };
    expect(wo.description).toBe('Rattles at speed 3');
    const one = (await (await app.request(`/api/work-orders/${wo.id}`, { headers: auth })).json()) as { description: string };
    expect(one.description).toBe('Rattles at speed 3');
    // Still there in Atlas, where the retry looks for it.
    expect(atlas.state.workOrders.get(wo.id)!.description).toMatch(/rivet-ref:api:marker-hidden-1:/);
  });

  it('validates input, naming the field', async () => {
    const res = await app.request('/api/work-orders', { method: 'POST', headers: auth, body: JSON.stringify({ title: '', priority: 'urgent' }) });
    expect(res.status).toBe(400);
    const msg = ((await res.json()) as { error: { message: string } }).error.message;
    expect(msg).toMatch(/title/);
    expect(msg).toMatch(/priority/);
    expect((await app.request('/api/work-orders/abc', { headers: auth })).status).toBe(400);
    expect((await app.request('/api/work-orders?requester=bob', { headers: auth })).status).toBe(400);
  });

  it('answers 404 for a work order Atlas does not have', async () => {
    const res = await app.request('/api/work-orders/999999', { headers: auth });
    expect(res.status).toBe(404);
  });

  it('answers 503 with the reason when Atlas is down', async () => {
    atlas.faults.failNext(10, 503);
    const down = await app.request('/api/work-orders/1', { headers: auth });
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'atlas_unavailable' });
    atlas.faults.reset();
  });
});
