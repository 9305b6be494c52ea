/**
 * `npx tsx scripts/interpret-ab.ts <old-src-dir> [seconds]`: interpret() CPU per message of an older
 * source tree (e.g. `git archive <commit> src | tar -x -C /tmp/old`, then /tmp/old/src) against this
 * one, over the corpus messages with the corpus registry, alternating passes in one process so both
 * see the same machine load. On a shared machine this ratio is the figure to trust.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { abSetup } from './ab/corpus.js';
import type * as Assets from '../src/core/assets/index.js';
import type * as Understanding from '../src/core/understanding/index.js';

const { root, old, seconds, assets, texts } = abSetup('npx tsx scripts/interpret-ab.ts <old-src-dir> [seconds]');

const variants: Array<{ name: string; run: (t: string) => unknown; cpu: number; calls: number }> = [];
for (const [name, src] of [['old', old], ['this', join(root, 'src')]] as const) {
  const { interpret } = (await import(join(src, 'core/understanding/index.ts'))) as typeof Understanding;
  const { buildAssetIndex } = (await import(join(src, 'core/assets/index.ts'))) as typeof Assets;
  const index = buildAssetIndex(assets as Parameters<typeof buildAssetIndex>[0]);
  variants.push({ name, run: (t) => interpret(t, { assets: index }), cpu: 0, calls: 0 });
}
for (const v of variants) for (let w = 0; w < 10; w++) for (const t of texts) v.run(t);
const start = performance.now();
for (let pass = 0; performance.now() - start < seconds * 1000; pass++) {
  for (const v of pass % 2 ? [...variants].reverse() : variants) {
    const c0 = process.cpuUsage();
    for (const t of texts) v.run(t);
    const c = process.cpuUsage(c0);
    v.cpu += c.user + c.system;
    v.calls += texts.length;
  }
}
for (const v of variants) {
  console.log(`${v.name.padEnd(5)} ${Math.round(v.calls / (v.cpu / 1e6)).toLocaleString('en')} interpretations per CPU-second (${(v.cpu / v.calls).toFixed(1)} µs each, ${v.calls.toLocaleString('en')} calls)`);
}
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
