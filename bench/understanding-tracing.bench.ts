/**
 * What tracing costs the chat's understanding step (run: npm run bench -- understanding).
 * The engine calls `understand` through `tracedUnderstanding`: with tracing off that is the same
 * function, untouched; on, each call is a run of the trace in progress (built, scrubbed, queued
 * for a collector; here a local one that accepts everything). Interleaved rounds, medians.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { AssetRecord } from '../src/core/model.js';
import type { AssetCatalog } from '../src/core/ports.js';
import { createUnderstanding } from '../src/core/conversation/index.js';
import { tracedUnderstanding } from '../src/core/conversation/observations.js';
import { createLangSmithTracer } from '../src/integrations/langsmith/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = 7;
const ROUND_MS = 400;

function perSecond(fn: (t: string) => unknown, texts: string[]): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ROUND_MS) for (const t of texts) (fn(t), n++);
  return n / ((performance.now() - start) / 1000);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export default async function run(): Promise<void> {
  const assets = JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/assets.json'), 'utf8')) as AssetRecord[];
  const texts = readFileSync(join(root, 'test/fixtures/corpus/messages.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
  const catalog: AssetCatalog = { all: () => assets, get: (id) => assets.find((a) => a.id === id), version: () => 1, requestRefresh: () => {} };
  const understanding = createUnderstanding(catalog);
  const ctx = {};

  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(req.url === '/info' ? '{}' : '{}'));
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const off = createLangSmithTracer({ tracing: false, apiKey: null, endpoint: null, project: null });
  const on = createLangSmithTracer({ tracing: true, apiKey: 'lsv2_bench', endpoint: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`, project: 'bench' }, { exporter: { maxQueue: 1_000_000 } });

  const raw = (t: string) => understanding.understand(t, ctx);
  const viaOff = tracedUnderstanding(off, understanding.understand);
  const viaOn = tracedUnderstanding(on, understanding.understand);
  const tracedOn = (t: string) => on.trace('message', {}, () => viaOn(t, ctx));
  for (let w = 0; w < 3; w++) (perSecond(raw, texts), perSecond((t) => viaOff(t, ctx), texts), perSecond(tracedOn, texts));
  await on.flush();

  const r: Record<'raw' | 'off' | 'on', number[]> = { raw: [], off: [], on: [] };
  const runs: [keyof typeof r, (t: string) => unknown][] = [['raw', raw], ['off', (t) => viaOff(t, ctx)], ['on', tracedOn]];
  for (let i = 0; i < ROUNDS; i++) {
    // A different order each round, so warming and the neighbours' load fall on all three alike.
    for (const [name, fn] of i % 2 ? [...runs].reverse() : runs) r[name].push(perSecond(fn, texts));
    await on.flush();
  }
  const [a, b, c] = [median(r.raw), median(r.off), median(r.on)];
  const fmt = (x: number) => `${Math.round(x).toLocaleString('en')} /s`;
  console.log(`understanding.understand over ${texts.length} corpus messages, median of ${ROUNDS} interleaved rounds`);
  console.log(`  untraced:            ${fmt(a)}`);
  console.log(`  tracing off:         ${fmt(b)}  (${(((b - a) / a) * 100).toFixed(1)}%; the same function: tracedUnderstanding returns it as is)`);
  console.log(`  tracing on:          ${fmt(c)}  (${(((c - a) / a) * 100).toFixed(1)}%; a root and an interpret run per call, queued and sent to a local collector)`);
  console.log(`  tracing off is the same function object: ${viaOff === understanding.understand}`);
  await on.close();
  sink.close();
}
