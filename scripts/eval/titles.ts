/**
 * Title figures for `npm run eval`: how long the titles of fault reports are (median, 90th
 * percentile, share within 60 characters) and how often a title names the asset the report
 * resolved to (its tag, else its short name). Sealed sets give figures only, never a line.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { AssetRecord } from '../../src/core/model.js';
import { buildAssetIndex, type AssetIndex } from '../../src/core/assets/index.js';
import type { LabelledMessage } from '../../src/core/understanding/evaluation.js';
import { interpret } from '../../src/core/understanding/index.js';
import { assetTitleLabel, TITLE_MAX } from '../../src/core/understanding/title.js';

export interface TitleStats {
  n: number;
  median: number;
  p90: number;
  /** share of titles of at most TITLE_MAX characters */
  withinMax: number;
  /** titles whose report resolved to an asset, and how many of those name it */
  resolved: number;
  namesAsset: number;
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0);

/** Titles of the messages labelled as fault reports, as interpret makes them. */
export function titleStats(messages: readonly LabelledMessage[], assets: AssetIndex): TitleStats {
  const lengths: number[] = [];
  let resolved = 0;
  let namesAsset = 0;
  for (const m of messages) {
    if (m.intent !== 'create_work_order') continue;
    const i = interpret(m.text, { assets });
    if (!i.title) continue;
    lengths.push(i.title.length);
    const r = i.asset?.resolution;
    if (r?.decision === 'resolved' && r.candidates[0]) {
      resolved++;
      if (i.title.toLowerCase().includes(assetTitleLabel(r.candidates[0].asset).toLowerCase())) namesAsset++;
    }
  }
  lengths.sort((a, b) => a - b);
  return {
    n: lengths.length,
    median: quantile(lengths, 0.5),
    p90: quantile(lengths, 0.9),
    withinMax: lengths.length ? lengths.filter((l) => l <= TITLE_MAX).length / lengths.length : 1,
    resolved,
    namesAsset,
  };
}

function add(a: TitleStats, b: TitleStats): TitleStats {
  // Quantiles cannot be summed: the combined row shows the n-weighted mean of each set's.
  const n = a.n + b.n || 1;
  return {
    n: a.n + b.n,
    median: Math.round((a.median * a.n + b.median * b.n) / n),
    p90: Math.round((a.p90 * a.n + b.p90 * b.n) / n),
    withinMax: (a.withinMax * a.n + b.withinMax * b.n) / n,
    resolved: a.resolved + b.resolved,
    namesAsset: a.namesAsset + b.namesAsset,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function formatTitleStats(rows: Array<[string, TitleStats]>): string {
  const head = `${'set'.padEnd(16)} ${'titles'.padStart(6)} ${'median'.padStart(6)} ${'p90'.padStart(4)} ${`≤ ${TITLE_MAX}`.padStart(8)} ${'names asset'.padStart(16)}`;
  const lines = rows.map(([name, s]) =>
    `${name.padEnd(16)} ${String(s.n).padStart(6)} ${String(s.median).padStart(6)} ${String(s.p90).padStart(4)} ${pct(s.withinMax).padStart(8)} ${`${pct(s.resolved ? s.namesAsset / s.resolved : 1)} of ${s.resolved}`.padStart(16)}`,
  );
  return [head, ...lines].join('\n');
}

const parseJsonl = (text: string): LabelledMessage[] => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledMessage);
const readAssets = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as AssetRecord[];

/** The eval's title section: the corpus, the other-site sets, the new sites' dev part and (unless `sealed` is false) their sealed part. */
export function titlesSection(root: string, opts: { sealed: boolean }): string {
  const rows: Array<[string, TitleStats]> = [];
  rows.push(['corpus', titleStats(parseJsonl(readFileSync(join(root, 'test/fixtures/corpus/messages.jsonl'), 'utf8')), buildAssetIndex(readAssets(join(root, 'test/fixtures/corpus/assets.json'))))]);
  for (const [label, dir] of [['hospital', 'test/fixtures/heldout'], ['hotel', 'test/fixtures/heldout/hotel'], ['food plant', 'test/fixtures/heldout/food']] as const) {
    const d = join(root, dir);
    if (existsSync(join(d, 'messages.jsonl'))) rows.push([label, titleStats(parseJsonl(readFileSync(join(d, 'messages.jsonl'), 'utf8')), buildAssetIndex(readAssets(join(d, 'assets.json'))))]);
  }
  const sitesDir = join(root, 'test/fixtures/sites');
  const sites = existsSync(sitesDir) ? readdirSync(sitesDir).filter((s) => existsSync(join(sitesDir, s, 'assets.json'))).sort() : [];
  let dev: TitleStats | null = null;
  let sealed: TitleStats | null = null;
  for (const site of sites) {
    const index = buildAssetIndex(readAssets(join(sitesDir, site, 'assets.json')));
    const s = titleStats(parseJsonl(readFileSync(join(sitesDir, site, 'messages.jsonl'), 'utf8')), index);
    dev = dev ? add(dev, s) : s;
    const gz = join(root, 'test/fixtures/sealed', `${site}.jsonl.gz`);
    if (opts.sealed && existsSync(gz)) {
      const t = titleStats(parseJsonl(gunzipSync(readFileSync(gz)).toString('utf8')), index);
      sealed = sealed ? add(sealed, t) : t;
    }
  }
  if (dev) rows.push(['sites (dev)', dev]);
  if (sealed) rows.push(['sites (SEALED)', sealed]);
  return `\nTitles of fault reports (length in characters; "names asset": of titles whose report resolved an asset):\n${formatTitleStats(rows)}`;
}
