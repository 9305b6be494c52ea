/**
 * `npx tsx scripts/dump-interpret.ts [out.jsonl]`: interpret() of every dev message (the corpus,
 * the held-out other sites and the eight sites' dev parts, each with its own registry), plus the
 * model's feature lists, one JSON line per message. A refactoring for speed must leave this file
 * byte-identical (diff the output before and after). Never reads the sealed set.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { AssetRecord } from '../src/core/model.js';
import { buildAssetIndex } from '../src/core/assets/index.js';
import { interpret } from '../src/core/understanding/index.js';
import { analyse } from '../src/core/understanding/analyse.js';
import { detectLanguage } from '../src/core/understanding/language.js';
import { featuresOf, priorityFeaturesOf } from '../src/core/understanding/model/features.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? '/tmp/interpret-dump.jsonl';
const jsonl = (p: string) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { text: string });

const sets: Array<[string, string]> = [
  ['corpus', 'test/fixtures/corpus'],
  ['hospital', 'test/fixtures/heldout'],
  ['hotel', 'test/fixtures/heldout/hotel'],
  ['food', 'test/fixtures/heldout/food'],
];
const sitesDir = join(root, 'test/fixtures/sites');
for (const s of readdirSync(sitesDir).sort()) if (existsSync(join(sitesDir, s, 'messages.jsonl'))) sets.push([s, `test/fixtures/sites/${s}`]);

const lines: string[] = [];
for (const [name, dir] of sets) {
  const d = join(root, dir);
  if (!existsSync(join(d, 'messages.jsonl'))) continue;
  const index = buildAssetIndex(JSON.parse(readFileSync(join(d, 'assets.json'), 'utf8')) as AssetRecord[]);
  for (const m of jsonl(join(d, 'messages.jsonl'))) {
    for (const assets of [index, undefined]) {
      const r = interpret(m.text, { assets });
      const a = analyse(m.text, assets);
      const feats = featuresOf(a, detectLanguage(m.text));
      lines.push(JSON.stringify({ set: name, reg: assets !== undefined, text: m.text, r, feats, pfeats: priorityFeaturesOf(a, feats) }));
    }
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} interpretations → ${out}, sha256 ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`);
