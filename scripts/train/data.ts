/**
 * The labelled messages the model learns from, grouped by where they come from (one group per
 * site, with that site's asset registry): the Norvik corpus, the first other sites (hospital,
 * hotel, food plant) and the development part of the eight new sites. Never the sealed part.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetRecord } from '../../src/core/model.js';
import { buildAssetIndex, type AssetIndex } from '../../src/core/assets/index.js';
import type { LabelledMessage } from '../../src/core/understanding/evaluation.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Group {
  name: string;
  /** 'site' for the eight new sites (scored leave-one-site-out), 'own' for the earlier sets. */
  kind: 'site' | 'own';
  messages: LabelledMessage[];
  assets: AssetIndex;
}

export const parseJsonl = (text: string): LabelledMessage[] =>
  text
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabelledMessage);
export const readJsonl = (p: string) => parseJsonl(readFileSync(p, 'utf8'));
export const readAssets = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as AssetRecord[];

const indexes = new Map<string, AssetIndex>();
export function indexFor(assetsFile: string): AssetIndex {
  let ix = indexes.get(assetsFile);
  if (!ix) {
    ix = buildAssetIndex(readAssets(assetsFile));
    indexes.set(assetsFile, ix);
  }
  return ix;
}

export const SITES_DIR = join(root, 'test/fixtures/sites');

export function siteNames(): string[] {
  return existsSync(SITES_DIR) ? readdirSync(SITES_DIR).filter((s) => existsSync(join(SITES_DIR, s, 'assets.json'))).sort() : [];
}

export function loadGroups(): Group[] {
  const groups: Group[] = [];
  const own = (name: string, dir: string) => {
    const d = join(root, dir);
    if (existsSync(join(d, 'messages.jsonl'))) groups.push({ name, kind: 'own', messages: readJsonl(join(d, 'messages.jsonl')), assets: indexFor(join(d, 'assets.json')) });
  };
  own('corpus', 'test/fixtures/corpus');
  own('hospital', 'test/fixtures/heldout');
  own('hotel', 'test/fixtures/heldout/hotel');
  own('food plant', 'test/fixtures/heldout/food');
  for (const site of siteNames()) {
    groups.push({ name: site, kind: 'site', messages: readJsonl(join(SITES_DIR, site, 'messages.jsonl')), assets: indexFor(join(SITES_DIR, site, 'assets.json')) });
  }
  return groups;
}
