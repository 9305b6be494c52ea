import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { AssetRecord } from '../../src/core/model.js';
import { buildAssetIndex, type LocatingAssetIndex } from '../../src/core/assets/index.js';
import type { LabelledMessage } from '../../src/core/understanding/evaluation.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function loadAssets(dir = 'corpus'): AssetRecord[] {
  return JSON.parse(readFileSync(join(root, 'test/fixtures', dir, 'assets.json'), 'utf8')) as AssetRecord[];
}

export function loadMessages(dir = 'corpus'): LabelledMessage[] {
  return readFileSync(join(root, 'test/fixtures', dir, 'messages.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledMessage);
}

let cached: LocatingAssetIndex | null = null;
export function corpusIndex(): LocatingAssetIndex {
  cached ??= buildAssetIndex(loadAssets());
  return cached;
}
