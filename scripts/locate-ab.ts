/**
 * `npx tsx scripts/locate-ab.ts <old-src-dir> [seconds]`: CPU per message of asset location alone
 * (`index.locate()`, with the options analyse() passes) in an older source tree (e.g. `git archive <commit>
 * src | tar -x -C /tmp/old`, then /tmp/old/src) against this one, over the corpus messages with the corpus
 * registry, alternating passes in one process so both see the same machine load. Companion of
 * scripts/interpret-ab.ts for work on src/core/assets.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { abSetup } from './ab/corpus.js';
import type * as Assets from '../src/core/assets/index.js';
import type * as Understanding from '../src/core/understanding/index.js';

const { root, old, seconds, assets, texts } = abSetup('npx tsx scripts/locate-ab.ts <old-src-dir> [seconds]');

const variants: Array<{ name: string; run: (i: number) => unknown; cpu: number; calls: number }> = [];
for (const [name, src] of [['old', old], ['this', join(root, 'src')]] as const) {
  const { buildAssetIndex } = (await import(join(src, 'core/assets/index.ts'))) as typeof Assets;
  const { findWorkOrder } = (await import(join(src, 'core/understanding/index.ts'))) as typeof Understanding;
  const index = buildAssetIndex(assets as Parameters<typeof buildAssetIndex>[0]);
  const opts = texts.map((t) => {
    const wo = findWorkOrder(t);
    return { exclude: wo ? [[wo.refStart, wo.end] as const] : [], hasWorkOrder: wo !== null };
  });
  variants.push({ name, run: (i) => index.locate(texts[i]!, opts[i]), cpu: 0, calls: 0 });
}
for (const v of variants) for (let w = 0; w < 5; w++) for (let i = 0; i < texts.length; i++) v.run(i);
const start = performance.now();
for (let pass = 0; performance.now() - start < seconds * 1000; pass++) {
  for (const v of pass % 2 ? [...variants].reverse() : variants) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < texts.length; i++) v.run(i);
    const c = process.cpuUsage(c0);
    v.cpu += c.user + c.system;
    v.calls += texts.length;
  }
}
for (const v of variants) console.log(`${v.name.padEnd(5)} locate(): ${(v.cpu / v.calls).toFixed(1)} µs CPU per message (${v.calls.toLocaleString('en')} calls)`);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
