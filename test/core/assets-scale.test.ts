import { describe, expect, it } from 'vitest';
import { buildAssetIndex } from '../../src/core/assets/index.js';
import { scaledRegistry } from '../../bench/understanding.bench.js';
import { loadAssets, loadMessages } from './helpers.js';

describe('a larger registry (corpus cloned to other sites: the common-feature path)', () => {
  const assets = loadAssets();
  const big = scaledRegistry(assets, 6000);
  const index = buildAssetIndex(big);
  const mentions = loadMessages()
    .filter((m) => m.asset !== null)
    .map((m) => m.asset!);

  it('finds codes of the original site exactly', () => {
    for (const m of ['P-301', 'PR-404', 'FLT-07', 'RTU-4', 'MCC-P1', 'EPJ-08']) {
      const r = index.resolve(m);
      expect(r.decision, m).toBe('resolved');
      expect(r.candidates[0]!.asset.id, m).toBeLessThan(100_000);
    }
  });

  it('is never confidently wrong on the corpus mentions, and the site hint restores top-1', () => {
    let wrong = 0;
    let top1 = 0;
    let uniques = 0;
    for (const m of mentions) {
      const r = index.resolve(m.mention);
      if (r.decision === 'resolved' && !m.expected.includes(r.candidates[0]!.asset.id)) wrong++;
      if (m.expected.length === 1) {
        uniques++;
        const site = assets.find((a) => a.id === m.expected[0])!.location!.name.split(' - ')[0]!;
        if (index.resolve(m.mention, { siteHint: site }).candidates[0]?.asset.id === m.expected[0]) top1++;
      }
    }
    expect(wrong / mentions.length).toBeLessThanOrEqual(0.02);
    expect(top1 / uniques).toBeGreaterThanOrEqual(0.95);
  });
});
