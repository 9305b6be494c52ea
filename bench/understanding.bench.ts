/**
 * Understanding-layer benchmark (run: npx tsx bench/run.ts understanding).
 * 1. interpret() throughput on one core and per-call latency, over the corpus messages with the corpus registry;
 * 2. asset resolution on a 50,000-asset registry (the corpus scaled up: every clone is another site with
 *    renumbered tags, renamed locations and shuffled order, so generic names repeat and ties are real),
 *    index build time and heap;
 * 3. Fuse.js on the same registry and the same queries as a baseline: latency, ratio and top-1 accuracy.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Fuse from 'fuse.js';
import type { AssetRecord } from '../src/core/model.js';
import { buildAssetIndex, type LocateOptions } from '../src/core/assets/index.js';
import { findWorkOrder } from '../src/core/understanding/index.js';
import { interpret } from '../src/core/understanding/index.js';
import { mulberry32 } from '../src/core/understanding/model/train.js';
import type { LabelledMessage } from '../src/core/understanding/evaluation.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_ASSETS = 50_000;
const CITIES = ['Oakdale', 'Brookfield', 'Westmoor', 'Kingsport', 'Ashford', 'Lakeview', 'Hillcrest', 'Stonebridge', 'Fairhaven', 'Millbrook'];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}


/** Clone k of the corpus registry: another site, its codes renumbered ("P-301" → "P-7301"), its own ids. */
function cloneSite(assets: readonly AssetRecord[], k: number): AssetRecord[] {
  const city = `${CITIES[k % CITIES.length]} ${k}`;
  const renumber = (s: string | null | undefined) =>
    s == null ? s : s.replace(/\b([A-Z]{1,5})-?(\d{1,4})\b/g, (_m, p: string, d: string) => `${p}-${k}${d.padStart(3, '0')}`);
  const site = (name: string) => name.replace(/^Riverside Plant/, `${city} Plant`).replace(/^Eastgate DC/, `${city} DC`);
  return assets.map((a) => ({
    ...a,
    id: k * 100_000 + a.id,
    customId: `A${String(k * 100_000 + a.id).padStart(7, '0')}`,
    name: renumber(a.name) ?? a.name,
    description: renumber(a.description) ?? null,
    location: a.location ? { id: k * 1000 + a.location.id, name: site(a.location.name) } : null,
    barCode: a.barCode ? `${a.barCode}-${k}` : null,
    serialNumber: a.serialNumber ? `${a.serialNumber}-${k}` : null,
  }));
}

export function scaledRegistry(assets: readonly AssetRecord[], n: number): AssetRecord[] {
  const out: AssetRecord[] = [...assets];
  for (let k = 1; out.length < n; k++) out.push(...cloneSite(assets, k));
  out.length = n;
  const rand = mulberry32(42);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A full GC, so heap figures are live data only (exposed at runtime; bench/run.ts passes no flags). */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

export default async function run(): Promise<void> {
  const assets = JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/assets.json'), 'utf8')) as AssetRecord[];
  const messages = readFileSync(join(root, 'test/fixtures/corpus/messages.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledMessage);
  const texts = messages.map((m) => m.text);

  // 1. interpret throughput and latency (corpus registry, one core: this process is single-threaded)
  const small = buildAssetIndex(assets);
  for (let w = 0; w < 5; w++) for (const t of texts) interpret(t, { assets: small });
  const lat: number[] = [];
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < 3000) {
    for (const t of texts) {
      const t0 = performance.now();
      interpret(t, { assets: small });
      lat.push(performance.now() - t0);
      count++;
    }
  }
  const wall = (performance.now() - start) / 1000;
  const cpuUse = process.cpuUsage(cpu0);
  const cpuSec = (cpuUse.user + cpuUse.system) / 1e6;
  lat.sort((a, b) => a - b);
  console.log(`host: ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (figures on a busy host are pessimistic)`);
  console.log('interpret() — corpus messages with the corpus registry (602 assets), one thread');
  console.log(`  throughput:        ${Math.round(count / wall).toLocaleString('en')} interpretations/s (wall clock)`);
  console.log(`                     ${Math.round(count / cpuSec).toLocaleString('en')} interpretations per CPU-second`);
  console.log(`  latency:           p50 ${(percentile(lat, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(lat, 99) * 1000).toFixed(0)} µs`);
  // where the time goes: the same calls with each message's asset location looked up from a table
  // filled beforehand (locate() depends only on the text), against the real index, alternating passes
  const locations = new Map<string, ReturnType<typeof small.locate>>();
  const tabled = { ...small, locate: (t: string) => locations.get(t) ?? null };
  for (const t of texts) locations.set(t, small.locate(t, locateOptionsOf(t)));
  let withCpu = 0;
  let withoutCpu = 0;
  let passes = 0;
  const split0 = performance.now();
  while (performance.now() - split0 < 2000) {
    let c = process.cpuUsage();
    for (const t of texts) interpret(t, { assets: small });
    withCpu += cpuMicros(process.cpuUsage(c));
    c = process.cpuUsage();
    for (const t of texts) interpret(t, { assets: tabled });
    withoutCpu += cpuMicros(process.cpuUsage(c));
    passes++;
  }
  const n = passes * texts.length;
  console.log(`  CPU per message:   ${(withCpu / n).toFixed(1)} µs, of which asset location ${((withCpu - withoutCpu) / n).toFixed(1)} µs (${Math.round((100 * (withCpu - withoutCpu)) / withCpu)} %); the rest alone ${Math.round(n / (withoutCpu / 1e6)).toLocaleString('en')} per CPU-second`);

  // 2. 50,000-asset registry
  const big = scaledRegistry(assets, TARGET_ASSETS);
  // a warm-up build first (the process has only seen the 602-asset registry so far), then the measured one
  const wb0 = performance.now();
  let warm: unknown = buildAssetIndex(big);
  const warmupMs = performance.now() - wb0;
  warm = null;
  void warm;
  const h0 = heapMb();
  const b0 = performance.now();
  const bc0 = process.cpuUsage();
  const index = buildAssetIndex(big);
  const buildMs = performance.now() - b0;
  const bcpu = process.cpuUsage(bc0);
  const h1 = heapMb();
  const queries = messages.filter((m) => m.asset !== null).map((m) => ({ mention: m.asset!.mention, expected: m.asset!.expected }));
  const uniques = queries.filter((q) => q.expected.length === 1);
  for (const q of queries) index.resolve(q.mention);
  const rlat: number[] = [];
  const perQuery: number[][] = queries.map(() => []);
  const rc0 = process.cpuUsage();
  for (let rep = 0; rep < 10; rep++) {
    queries.forEach((q, qi) => {
      const t0 = performance.now();
      index.resolve(q.mention);
      const dt = performance.now() - t0;
      rlat.push(dt);
      perQuery[qi]!.push(dt);
    });
  }
  const rcpu = process.cpuUsage(rc0);
  rlat.sort((a, b) => a - b);
  // each query's median over the 10 runs: robust to the scheduler taking the core away mid-call
  const medians = perQuery.map((xs) => xs.sort((a, b) => a - b)[xs.length >> 1]!).sort((a, b) => a - b);
  let top1 = 0;
  let resolvedRight = 0;
  let wrongConfident = 0;
  for (const q of uniques) {
    const r = index.resolve(q.mention);
    if (r.candidates[0]?.asset.id === q.expected[0]) top1++;
    if (r.decision === 'resolved' && r.candidates[0]!.asset.id === q.expected[0]) resolvedRight++;
  }
  for (const q of queries) {
    const r = index.resolve(q.mention);
    if (r.decision === 'resolved' && !q.expected.includes(r.candidates[0]!.asset.id)) wrongConfident++;
  }
  let top1Site = 0;
  for (const q of uniques) {
    const orig = assets.find((a) => a.id === q.expected[0])!;
    const r = index.resolve(q.mention, { siteHint: orig.location?.name.split(' - ')[0] ?? '' });
    if (r.candidates[0]?.asset.id === q.expected[0]) top1Site++;
  }
  console.log(`\nasset resolution — ${index.size.toLocaleString('en')} assets (corpus + ${Math.ceil(TARGET_ASSETS / assets.length) - 1} cloned sites, shuffled)`);
  console.log(`  index build:       ${buildMs.toFixed(0)} ms wall (${((bcpu.user + bcpu.system) / 1000).toFixed(0)} ms CPU incl. GC threads; first, cold build ${warmupMs.toFixed(0)} ms), heap +${(h1 - h0).toFixed(0)} MB`);
  console.log(`  resolve latency:   p50 ${(percentile(rlat, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(rlat, 99) * 1000).toFixed(0)} µs over all ${rlat.length} calls (${queries.length} corpus mentions × 10)`);
  console.log(`                     per-query median: p50 ${(percentile(medians, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(medians, 99) * 1000).toFixed(0)} µs; mean CPU ${(((rcpu.user + rcpu.system) / rlat.length)).toFixed(0)} µs/call`);
  console.log(`  top-1 (unique):    ${pct(top1, uniques.length)} without context; ${pct(top1Site, uniques.length)} with the site as siteHint`);
  console.log(`  resolved & right:  ${pct(resolvedRight, uniques.length)}; wrong-confident over all ${queries.length} mentions: ${pct(wrongConfident, queries.length)}`);

  // 3. Fuse.js baseline, same registry, same queries. Fuse scans every record per query (seconds at 50k),
  //    so it runs on every FUSE_EVERY-th unique mention; Rivet is scored on exactly those too.
  const FUSE_EVERY = 4;
  const sample = uniques.filter((_, i) => i % FUSE_EVERY === 0);
  const f0 = performance.now();
  const fuse = new Fuse(big, {
    keys: [
      { name: 'name', weight: 3 },
      { name: 'customId', weight: 1 },
      { name: 'barCode', weight: 1 },
      { name: 'location.name', weight: 1 },
      { name: 'model', weight: 0.5 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
    includeScore: true,
  });
  const fuseBuild = performance.now() - f0;
  const flat: number[] = [];
  let ftop1 = 0;
  for (const q of sample) {
    const t0 = performance.now();
    const res = fuse.search(q.mention, { limit: 5 });
    flat.push(performance.now() - t0);
    if (res[0]?.item.id === q.expected[0]) ftop1++;
  }
  const olat: number[] = [];
  let otop1 = 0;
  for (const q of sample) {
    let bestT = Infinity;
    for (let rep = 0; rep < 5; rep++) {
      const t0 = performance.now();
      index.resolve(q.mention);
      bestT = Math.min(bestT, performance.now() - t0);
    }
    olat.push(bestT);
    if (index.resolve(q.mention).candidates[0]?.asset.id === q.expected[0]) otop1++;
  }
  flat.sort((a, b) => a - b);
  olat.sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(`\nFuse.js baseline — same ${index.size.toLocaleString('en')} assets, same ${sample.length} unique mentions (every ${FUSE_EVERY}th)`);
  console.log(`  Fuse build:        ${fuseBuild.toFixed(0)} ms`);
  console.log(`  Fuse search:       p50 ${percentile(flat, 50).toFixed(1)} ms, p99 ${percentile(flat, 99).toFixed(1)} ms, mean ${mean(flat).toFixed(1)} ms`);
  console.log(`  Rivet resolve:     p50 ${(percentile(olat, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(olat, 99) * 1000).toFixed(0)} µs, mean ${(mean(olat) * 1000).toFixed(0)} µs`);
  console.log(`  speed ratio:       ${(mean(flat) / mean(olat)).toFixed(0)}× faster (mean), ${(percentile(flat, 50) / percentile(olat, 50)).toFixed(0)}× (p50)`);
  console.log(`  top-1 (unique):    Rivet ${pct(otop1, sample.length)} vs Fuse.js ${pct(ftop1, sample.length)} (no context for either)`);
}

const cpuMicros = (u: NodeJS.CpuUsage) => u.user + u.system;

/** The options analyse() locates a message's asset with (the work-order reference excluded). */
function locateOptionsOf(text: string): LocateOptions {
  const wo = findWorkOrder(text);
  return { exclude: wo ? [[wo.refStart, wo.end]] : [], hasWorkOrder: wo !== null };
}

function pct(a: number, n: number): string {
  return `${((100 * a) / Math.max(1, n)).toFixed(1)}% (${a}/${n})`;
}
