/**
 * Asset ranking against an off-the-shelf full-text library (run: npx tsx bench/run.ts retrieval [--sealed]).
 * For every message labelled with exactly one asset, each site's registry is ranked two ways with the whole
 * raw message as the query:
 * - MiniSearch 7 (BM25 with fuzzy and prefix matching, the asset name boosted, every field indexed);
 * - Rivet (interpret(): retrieval over the whole message, the candidate it offers first).
 * Prints top-1 per site and overall, and the time per query. By default on the dev part of the eight sites
 * (test/fixtures/sites); `--sealed` runs the sealed third instead (figures only, never a line).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import MiniSearch from 'minisearch';
import type { AssetRecord } from '../src/core/model.js';
import { buildAssetIndex } from '../src/core/assets/index.js';
import { interpret } from '../src/core/understanding/index.js';
import type { LabelledMessage } from '../src/core/understanding/evaluation.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Doc {
  id: number;
  name: string;
  customId: string;
  barCode: string;
  description: string;
  location: string;
  area: string;
  model: string;
  category: string;
}

function toDoc(a: AssetRecord): Doc {
  return {
    id: a.id,
    name: a.name ?? '',
    customId: a.customId ?? '',
    barCode: a.barCode ?? '',
    description: a.description ?? '',
    location: a.location?.name ?? '',
    area: a.area ?? '',
    model: a.model ?? '',
    category: a.category?.name ?? '',
  };
}

function miniSearchFor(assets: readonly AssetRecord[]): MiniSearch<Doc> {
  const ms = new MiniSearch<Doc>({
    fields: ['name', 'customId', 'barCode', 'description', 'location', 'area', 'model', 'category'],
    storeFields: ['id'],
    searchOptions: { boost: { name: 3 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  ms.addAll(assets.map(toDoc));
  return ms;
}

const parse = (text: string): LabelledMessage[] =>
  text
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabelledMessage);

interface Tally {
  n: number;
  mini: number;
  rivet: number;
  miniMs: number;
  rivetMs: number;
}

function pct(ok: number, n: number): string {
  return n === 0 ? '    –' : `${((100 * ok) / n).toFixed(1).padStart(5)}%`;
}

export default async function run(): Promise<void> {
  const sealed = process.argv.includes('--sealed');
  const sitesDir = join(root, 'test/fixtures/sites');
  const sites = readdirSync(sitesDir)
    .filter((s) => existsSync(join(sitesDir, s, 'assets.json')))
    .sort();
  console.log(`unique-asset messages, whole message as the query (${sealed ? 'SEALED third' : 'dev part'} of the sites)`);
  console.log(`${'site'.padEnd(18)}${'n'.padStart(5)}${'MiniSearch'.padStart(12)}${'Rivet'.padStart(9)}${'ahead'.padStart(9)}`);
  const total: Tally = { n: 0, mini: 0, rivet: 0, miniMs: 0, rivetMs: 0 };
  for (const site of sites) {
    const file = sealed ? join(root, 'test/fixtures/sealed', `${site}.jsonl.gz`) : join(sitesDir, site, 'messages.jsonl');
    if (!existsSync(file)) continue;
    const raw = sealed ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
    const messages = parse(raw).filter((m) => m.asset !== null && m.asset.expected.length === 1);
    const assets = JSON.parse(readFileSync(join(sitesDir, site, 'assets.json'), 'utf8')) as AssetRecord[];
    const ms = miniSearchFor(assets);
    const index = buildAssetIndex(assets);
    const t: Tally = { n: messages.length, mini: 0, rivet: 0, miniMs: 0, rivetMs: 0 };
    for (const m of messages) {
      const want = m.asset!.expected[0];
      let t0 = performance.now();
      const hits = ms.search(m.text);
      t.miniMs += performance.now() - t0;
      if (hits[0]?.id === want) t.mini++;
      t0 = performance.now();
      const out = interpret(m.text, { assets: index });
      t.rivetMs += performance.now() - t0;
      if (out.asset?.resolution?.candidates[0]?.asset.id === want) t.rivet++;
    }
    for (const k of ['n', 'mini', 'rivet', 'miniMs', 'rivetMs'] as const) total[k] += t[k];
    const ahead = t.n === 0 ? 0 : (100 * (t.rivet - t.mini)) / t.n;
    console.log(`${site.padEnd(18)}${String(t.n).padStart(5)}${pct(t.mini, t.n).padStart(12)}${pct(t.rivet, t.n).padStart(9)}${ahead.toFixed(1).padStart(9)}`);
  }
  const ahead = total.n === 0 ? 0 : (100 * (total.rivet - total.mini)) / total.n;
  console.log(`${'all sites'.padEnd(18)}${String(total.n).padStart(5)}${pct(total.mini, total.n).padStart(12)}${pct(total.rivet, total.n).padStart(9)}${ahead.toFixed(1).padStart(9)}`);
  const per = (ms: number) => (total.n === 0 ? 0 : (1000 * ms) / total.n).toFixed(0);
  console.log(`mean time per message: MiniSearch ${per(total.miniMs)} µs, Rivet interpret() ${per(total.rivetMs)} µs`);
  console.log(`target: Rivet ≥ 10 points ahead on top-1 — ${ahead >= 10 ? 'met' : 'NOT met'} (${ahead.toFixed(1)} points)`);
}
