/**
 * `npx tsx scripts/dump-interpret.ts [out.jsonl] [src-dir]`: interpret() of every dev message (the
 * corpus, the held-out other sites and the eight sites' dev parts, each with its own registry, and
 * without one), variants of each (shouted, with a work-order number, with "!!"), plus the model's
 * feature lists, one JSON line per message. A refactoring for speed must leave this file
 * byte-identical: dump the old tree (a copy of src/, as src-dir) and this one, and compare. Never
 * reads the sealed set.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { AssetRecord } from '../src/core/model.js';
import type * as Assets from '../src/core/assets/index.js';
import type * as Understanding from '../src/core/understanding/index.js';
import type * as Analyse from '../src/core/understanding/analyse.js';
import type * as Features from '../src/core/understanding/model/features.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? '/tmp/interpret-dump.jsonl';
const src = process.argv[3] ?? join(root, 'src');
const { buildAssetIndex } = (await import(join(src, 'core/assets/index.ts'))) as typeof Assets;
const { interpret, detectLanguage } = (await import(join(src, 'core/understanding/index.ts'))) as typeof Understanding;
const { analyse } = (await import(join(src, 'core/understanding/analyse.ts'))) as typeof Analyse;
const { featuresOf, priorityFeaturesOf } = (await import(join(src, 'core/understanding/model/features.ts'))) as typeof Features;
/** The message and a few variants that take other paths (shouting, a work-order number, emphasis, accents). */
const variantsOf = (t: string) => [t, t.toUpperCase(), `WO 4711 ${t}`, `${t}!!`, ` ${t.replace(/e/g, 'é')} ?`];
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
for (const text of ['', '   ', '👍', '/help', 'cancel', 'Straße kaputt!!!', 'ÉCLAIR DOWN', '¿y la 219?', 'status #1234?', 'ok', '?!¿']) {
  const r = interpret(text);
  lines.push(JSON.stringify({ set: 'edge', text, r }));
}
for (const [name, dir] of sets) {
  const d = join(root, dir);
  if (!existsSync(join(d, 'messages.jsonl'))) continue;
  const index = buildAssetIndex(JSON.parse(readFileSync(join(d, 'assets.json'), 'utf8')) as AssetRecord[]);
  for (const m of jsonl(join(d, 'messages.jsonl'))) {
    for (const text of variantsOf(m.text)) {
      for (const assets of [index, undefined]) {
        const r = interpret(text, { assets });
        const a = analyse(text, assets);
        const feats = featuresOf(a, detectLanguage(text));
        lines.push(JSON.stringify({ set: name, reg: assets !== undefined, text, r, feats, pfeats: priorityFeaturesOf(a, feats) }));
      }
    }
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} interpretations → ${out}, sha256 ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`);
