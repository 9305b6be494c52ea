import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAssetDirectory, type AssetDirectory } from '../../../src/integrations/atlas/index.js';
import type { FakeAtlas } from '../../fakes/atlas/index.js';
import { clientFor, corpusAssets, countRequests, fakeWithCorpus, manualClock, silent, syntheticAssets } from './helpers.js';

let fake: FakeAtlas | null = null;
let dir: AssetDirectory | null = null;
afterEach(async () => {
  dir?.stop();
  dir = null;
  await fake?.close();
  fake = null;
});

describe('asset directory (contract §5)', () => {
  it('§5.1 loads the corpus: mini list + locations + full records, as core AssetRecords', async () => {
    fake = await fakeWithCorpus();
    dir = createAssetDirectory({ client: clientFor(fake), logger: silent });
    await dir.start();
    expect(dir.stats()).toMatchObject({ assets: 602, locations: 32, lastError: null });
    expect(dir.version()).toBe(1);
    expect(dir.get(1740)).toEqual({
      id: 1740, customId: 'A001740', name: 'Centrifugal Pump P-301', description: 'Boiler feed pump, 15 kW',
      location: { id: 112, name: 'Riverside Plant - Boiler Room' }, category: { id: 4, name: 'Pumps' },
      area: 'Utilities', model: 'Grundfos CR 32-4', serialNumber: 'GF-99812', barCode: 'P301-BB', parentId: null,
    });
    expect(dir.get(1401)?.category?.name).toBe('Motors & Drives'); // §1.2 stored as &amp;, shown as &
    const legacy = (corpusAssets as Record<string, unknown>[]).find((a) => !('area' in a))!;
    expect(dir.get(legacy.id as number)?.area).toBeNull();
    expect(dir.all()).toBe(dir.all()); // same array until the next refresh
  });

  it('§5.1 loads 5,000 assets through paged /assets/search (pageSize 500)', async () => {
    fake = await fakeWithCorpus({ seedAssets: syntheticAssets(5_000) });
    dir = createAssetDirectory({ client: clientFor(fake), logger: silent });
    const t0 = performance.now();
    await dir.start();
    const ms = performance.now() - t0;
    expect(dir.all()).toHaveLength(5_000);
    expect(countRequests(fake, 'POST', '/assets/search')).toBe(10);
    expect(dir.get(14_999)?.location?.name).toBeTruthy();
    expect(ms).toBeLessThan(5_000);
  });

  it('keeps serving the last good copy when a refresh fails, and reports the error', async () => {
    fake = await fakeWithCorpus();
    dir = createAssetDirectory({ client: clientFor(fake, { retry: { attempts: 1 } }), logger: silent });
    await dir.start();
    const before = dir.all();
    fake.faults.failUntil(new Date(Date.now() + 60_000), 503);
    expect(await dir.refresh('test')).toBe(false);
    expect(dir.all()).toBe(before);
    expect(dir.version()).toBe(1);
    expect(dir.stats().lastError).toMatch(/503/);
    fake.faults.failUntil(null);
    expect(await dir.refresh('test')).toBe(true);
    expect(dir.version()).toBe(2);
    expect(dir.stats().lastError).toBeNull();
  });

  it('start() does not throw when Atlas is down; the directory is empty until a refresh works', async () => {
    fake = await fakeWithCorpus();
    fake.faults.failUntil(new Date(Date.now() + 60_000), 503);
    dir = createAssetDirectory({ client: clientFor(fake, { retry: { attempts: 1 } }), logger: silent });
    await dir.start();
    expect(dir.stats()).toMatchObject({ assets: 0, loadedAt: null });
    expect(dir.stats().lastError).toBeTruthy();
  });

  it('a lookup miss asks for a reload, at most once per minRefreshGapMs', async () => {
    const clock = manualClock();
    fake = await fakeWithCorpus();
    dir = createAssetDirectory({ client: clientFor(fake), logger: silent, clock, minRefreshGapMs: 30_000 });
    await dir.start();
    const added = { ...(fake.store.assets[0]!), id: 99_999, customId: 'A099999', name: 'New Pump' };
    fake.store.assets.push(added);
    fake.store.assetsById.set(added.id, added);
    dir.requestRefresh('miss: new pump'); // too soon after start: ignored
    await new Promise((r) => setTimeout(r, 50));
    expect(dir.get(99_999)).toBeUndefined();
    clock.advance(31_000);
    dir.requestRefresh('miss: new pump');
    await dir.refresh(); // joins the reload in flight
    expect(dir.get(99_999)?.name).toBe('New Pump');
    expect(dir.version()).toBe(2);
  });

  it('refreshes periodically (refreshIntervalMs)', async () => {
    fake = await fakeWithCorpus();
    dir = createAssetDirectory({ client: clientFor(fake), logger: silent, refreshIntervalMs: 60 });
    await dir.start();
    await vi.waitFor(() => expect(dir!.version()).toBeGreaterThanOrEqual(3), { timeout: 5_000, interval: 20 });
  });

  it('§5.1 an account that may not search assets still gets the mini list with location names', async () => {
    fake = await fakeWithCorpus({ users: [{ email: 'req@rivet.test', password: 'requester-pass-1', role: 'REQUESTER' }] });
    dir = createAssetDirectory({ client: clientFor(fake), logger: silent });
    await dir.start();
    expect(dir.stats().assets).toBe(602);
    expect(dir.get(1740)).toMatchObject({ name: 'Centrifugal Pump P-301', location: { id: 112, name: 'Riverside Plant - Boiler Room' }, category: null });
  });
});
