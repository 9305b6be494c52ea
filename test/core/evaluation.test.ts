import { describe, expect, it } from 'vitest';
import { buildAssetIndex } from '../../src/core/assets/index.js';
import { evaluate, meetsTargets, rate, splitOf } from '../../src/core/understanding/evaluation.js';
import { corpusIndex, loadAssets, loadMessages } from './helpers.js';
import { combine } from '../../scripts/eval/combine.js';

describe('evaluation against the labelled corpus', () => {
  const corpus = loadMessages();

  it('meets the issue targets on the full corpus', () => {
    const rep = evaluate(corpus, corpusIndex());
    expect(meetsTargets(rep), rep.failures.join('\n')).toEqual([]);
  });

  it('keeps reasonable floors on the held-out split', () => {
    const held = corpus.filter((m) => splitOf(m.text) === 'heldout');
    expect(held.length).toBeGreaterThan(50);
    const rep = evaluate(held, corpusIndex());
    expect(rate(rep.intent)).toBeGreaterThanOrEqual(0.9);
    expect(rate(rep.priority)).toBeGreaterThanOrEqual(0.85);
    expect(rate(rep.unique)).toBeGreaterThanOrEqual(0.9);
    expect(rate(rep.ambiguous)).toBeGreaterThanOrEqual(0.85);
    expect(rate(rep.wrongConfident)).toBeLessThanOrEqual(0.05);
  });

  it.each(['heldout', 'heldout/hotel', 'heldout/food'])('keeps reasonable floors on other kinds of site (%s)', (dir) => {
    const rep = evaluate(loadMessages(dir), buildAssetIndex(loadAssets(dir)));
    expect(rate(rep.intent)).toBeGreaterThanOrEqual(0.85);
    expect(rate(rep.priority)).toBeGreaterThanOrEqual(0.75);
    expect(rate(rep.unique)).toBeGreaterThanOrEqual(0.85);
    expect(rate(rep.wrongConfident)).toBeLessThanOrEqual(0.05);
  });

  it('keeps the asset floors on the eight new sites (development part)', { timeout: 60_000 }, () => {
    const sites = ['airport', 'cold-storage', 'data-centre', 'pharma-plant', 'retail-chain', 'school-district', 'university', 'water-treatment'];
    const reps = sites.map((s) => evaluate(loadMessages(`sites/${s}`), buildAssetIndex(loadAssets(`sites/${s}`))));
    const all = combine(reps);
    // measured 85.5 %, 88.0 %, 51.3 %, 0.9 % (feat/asset, December 2026); floors a few points below
    expect(rate(all.unique)).toBeGreaterThanOrEqual(0.82);
    expect(rate(all.ambiguous)).toBeGreaterThanOrEqual(0.83);
    expect(rate(all.notFound)).toBeGreaterThanOrEqual(0.46);
    expect(rate(all.wrongConfident)).toBeLessThanOrEqual(0.015);
  });

  it('splits deterministically, about one in five held out', () => {
    const held = corpus.filter((m) => splitOf(m.text) === 'heldout').length;
    expect(held / corpus.length).toBeGreaterThan(0.12);
    expect(held / corpus.length).toBeLessThan(0.28);
    expect(splitOf('pump 301 in the boiler room is leaking oil, pretty bad')).toBe(splitOf('pump 301 in the boiler room is leaking oil, pretty bad'));
  });
});
