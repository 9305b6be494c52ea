import { describe, expect, it } from 'vitest';
import { buildAssetIndex } from '../../src/core/assets/index.js';
import type { AssetRecord } from '../../src/core/model.js';
import { corpusIndex } from './helpers.js';

describe('ties broken by context', () => {
  it('the technician location picks among equal names', () => {
    const r = corpusIndex().resolve('AHU-1', { locationIds: [/* Hall B */ 0] });
    expect(r.decision).toBe('ambiguous');
    const hallB = corpusIndex().resolve('AHU-1').candidates.find((c) => c.asset.id === 1478)!.asset.location!.id;
    const r2 = corpusIndex().resolve('AHU-1', { locationIds: [hallB] });
    expect(r2.decision).toBe('resolved');
    expect(r2.candidates[0]!.asset.id).toBe(1478);
  });
  it('a site hint picks the site', () => {
    const r = corpusIndex().resolve('compressor 2', { siteHint: 'Eastgate DC' });
    expect(r.decision).toBe('resolved');
    expect(r.candidates[0]!.asset.id).toBe(2826);
  });
  it('assets reported recently win ties', () => {
    const r = corpusIndex().resolve('the chiller', { recentAssetIds: [1816] });
    expect(r.decision).toBe('resolved');
    expect(r.candidates[0]!.asset.id).toBe(1816);
  });
  it('context never overrides a clear winner', () => {
    const r = corpusIndex().resolve('P-301', { recentAssetIds: [1743] });
    expect(r.candidates[0]!.asset.id).toBe(1740);
  });
  it('context never makes one of several recent assets the pick', () => {
    const r = corpusIndex().resolve('AHU-1', { recentAssetIds: [1235, 1478] });
    expect(r.decision).toBe('ambiguous');
    expect(r.candidates.map((c) => c.asset.id).sort()).toEqual([1235, 1478]);
  });
  it('words elsewhere in the message break ties ("offices are roasting")', () => {
    const r = corpusIndex().locate('is anyone looking at the chiller? offices are roasting');
    expect(r?.resolution.decision).toBe('resolved');
    expect(r?.resolution.candidates[0]!.asset.id).toBe(1816);
  });
});

describe('registry edge cases', () => {
  it('accepts legacy records without optional keys and an empty registry', () => {
    const legacy = [{ id: 7, customId: 'A000007', name: 'Boiler Feed Pump BFP-1' }] as AssetRecord[];
    const idx = buildAssetIndex(legacy);
    expect(idx.size).toBe(1);
    expect(idx.resolve('bfp 1').candidates[0]!.asset.id).toBe(7);
    expect(buildAssetIndex([]).resolve('pump').decision).toBe('not_found');
  });
  it('finds the mention span inside a message, and no asset in places alone', () => {
    const idx = corpusIndex();
    const text = 'pump 301 in the boiler room is leaking oil, pretty bad';
    const m = idx.locate(text)!;
    expect(m.mention).toBe('pump 301 in the boiler room');
    expect(text.slice(m.start, m.end)).toBe(m.mention);
    expect(idx.locate('show me all open work orders for hall b')).toBeNull();
    expect(idx.locate('broken window in the hall b locker room')).toBeNull();
    expect(idx.locate('mens room at the dc has no hot water')).toBeNull();
  });
});
