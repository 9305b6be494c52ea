/**
 * `npm run eval [-- --split dev|heldout|all|other] [--failures]`: scores the understanding layer
 * against the labelled corpus (dev / held-out split by hash of the text) and our own other-site
 * set (test/fixtures/heldout, a hospital), and prints a table. Exit code 1 if the full corpus
 * misses the targets.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { AssetRecord } from '../src/core/model.js';
import { buildAssetIndex } from '../src/core/assets/index.js';
import { evaluate, formatTable, meetsTargets, splitOf, type EvalReport, type LabelledMessage } from '../src/core/understanding/evaluation.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJsonl = (p: string): LabelledMessage[] =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabelledMessage);

const args = process.argv.slice(2);
const splitArg = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
const showFailures = args.includes('--failures');

const corpus = readJsonl(join(root, 'test/fixtures/corpus/messages.jsonl'));
const assets = JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/assets.json'), 'utf8')) as AssetRecord[];
const index = buildAssetIndex(assets);

const reports: Array<[string, EvalReport]> = [];
const want = (s: string) => splitArg === undefined || splitArg === s;
if (want('dev')) reports.push(['dev', evaluate(corpus.filter((m) => splitOf(m.text) === 'dev'), index)]);
if (want('heldout')) reports.push(['held-out', evaluate(corpus.filter((m) => splitOf(m.text) === 'heldout'), index)]);
if (want('all')) reports.push(['full corpus', evaluate(corpus, index)]);
// our own sets from other kinds of site: hospital (test/fixtures/heldout), hotel and food plant (subfolders)
for (const [label, dir] of [
  ['hospital', 'test/fixtures/heldout'],
  ['hotel', 'test/fixtures/heldout/hotel'],
  ['food plant', 'test/fixtures/heldout/food'],
] as const) {
  const d = join(root, dir);
  if ((splitArg === undefined || splitArg === 'other') && existsSync(join(d, 'messages.jsonl'))) {
    const otherAssets = JSON.parse(readFileSync(join(d, 'assets.json'), 'utf8')) as AssetRecord[];
    reports.push([label, evaluate(readJsonl(join(d, 'messages.jsonl')), buildAssetIndex(otherAssets))]);
  }
}

console.log(formatTable(reports));
if (showFailures) {
  for (const [name, rep] of reports) {
    console.log(`\n--- failures: ${name} (${rep.failures.length}) ---`);
    for (const f of rep.failures) console.log(f);
  }
}
const full = reports.find(([n]) => n === 'full corpus')?.[1];
if (full) {
  const miss = meetsTargets(full);
  console.log(miss.length ? `\nBELOW TARGET on the full corpus: ${miss.join(', ')}` : '\nAll targets met on the full corpus.');
  process.exitCode = miss.length ? 1 : 0;
}
