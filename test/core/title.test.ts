import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAssetIndex } from '../../src/core/assets/index.js';
import { interpret, makeTitle } from '../../src/core/understanding/index.js';
import { assetTag, TITLE_MAX } from '../../src/core/understanding/title.js';
import { titleStats } from '../../scripts/eval/titles.js';
import { corpusIndex, loadAssets, loadMessages, root } from './helpers.js';

const sites = readdirSync(join(root, 'test/fixtures/sites')).filter((s) => existsSync(join(root, 'test/fixtures/sites', s, 'assets.json')));
const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

describe('work-order titles', () => {
  it('name the asset by its tag and say the problem, without the story', () => {
    const assets = corpusIndex();
    expect(interpret('pump 301 in the boiler room is leaking oil, urgent', { assets }).title).toBe('P-301 leaking oil');
    expect(interpret('P-501 spraying water everywhere, the whole floor is wet and someone slipped', { assets }).title).toBe('P-501 spraying water everywhere');
    const depal = { name: 'Depalletizer DEP-1', location: { id: 1, name: 'Plant - Line 1' } };
    expect(makeTitle('Depalletizer DEP-1 on line 1 keeps dropping layers of bottles, the sweep arm is bent and the line backs up', { asset: depal, mention: 'Depalletizer DEP-1 on line 1' }))
      .toBe('DEP-1 dropping layers of bottles');
  });

  it('name an untagged asset shortly, with where it is when it fits', () => {
    const ice = { name: 'Ice Machine', location: { id: 4, name: 'Hospital - 4 West' } };
    expect(makeTitle('the ice machine on 4 west is leaking all over the floor', { asset: ice, mention: 'the ice machine on 4 west' })).toBe('Ice Machine leaking all over the floor – 4 West');
    expect(makeTitle('smoke coming from the kitchen exhaust fan', { asset: { name: 'Kitchen Exhaust Fan KEF-1' }, mention: 'kitchen exhaust fan' })).toBe('Smoke coming from KEF-1');
  });

  it('keep a machine that ran on into the symptom apart from it', () => {
    expect(makeTitle("exit gate arm in the garage won't lift, cars backing up", { asset: { name: 'Gate Arm GA-2' }, mention: "exit gate arm in the garage won't lift" }))
      .toBe("GA-2 won't lift, cars backing up");
  });

  it('find tags in names, not in locations or descriptions in brackets', () => {
    expect(assetTag('Pump P-504 (PT Stage 4 Rinse)')).toBe('P-504');
    expect(assetTag('Air Handling Unit AHU-N4-11')).toBe('AHU-N4-11');
    expect(assetTag('Robot R2 - WC-6')).toBeNull();
    expect(assetTag('Walk-in Cooler - Produce')).toBeNull();
  });

  it('never cut a word, and stay within 60 characters for at least 90 % of reports on the corpus and every dev site', () => {
    const sets = [{ name: 'corpus', messages: loadMessages(), assets: loadAssets() }, ...sites.map((s) => ({ name: s, messages: loadMessages(`sites/${s}`), assets: loadAssets(`sites/${s}`) }))];
    for (const set of sets) {
      const index = buildAssetIndex(set.assets);
      const stats = titleStats(set.messages, index);
      expect(stats.withinMax, set.name).toBeGreaterThanOrEqual(0.9);
      expect(stats.namesAsset / Math.max(1, stats.resolved), set.name).toBeGreaterThanOrEqual(0.9);
      for (const m of set.messages.filter((x) => x.intent === 'create_work_order')) {
        const i = interpret(m.text, { assets: index });
        if (!i.title) continue;
        expect(i.title.length, m.text).toBeLessThanOrEqual(TITLE_MAX);
        const known = new Set([...words(m.text), ...words(i.asset?.resolution?.candidates.map((c) => `${c.asset.name} ${c.asset.location?.name ?? ''}`).join(' ') ?? '')]);
        // every word of the title is a whole word of the message or of the asset: nothing cut in half
        for (const w of words(i.title)) expect(known.has(w), `${w} in “${i.title}”`).toBe(true);
      }
    }
  });

  it('leave the full message as the description', () => {
    const text = 'Depalletizer DEP-1 on line 1 keeps dropping layers of bottles, the sweep arm is bent and the whole line is backing up';
    const i = interpret(text, { assets: corpusIndex() });
    expect(i.description).toBe(text);
    expect(i.title!.length).toBeLessThanOrEqual(TITLE_MAX);
  });
});
