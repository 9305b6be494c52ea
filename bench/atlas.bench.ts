/**
 * Atlas client figures against the fake on loopback:
 *  - client overhead per call (p50/p99): the client (auth, validation, logging, mapping) vs a bare fetch of the same request;
 *  - the full asset-directory load for 50,000 assets: time and retained heap.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { createAssetDirectory, createAtlasClient } from '../src/integrations/atlas/index.js';
import { startFakeAtlas, syntheticAssets, loadCorpusAssets } from '../test/fakes/atlas/index.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const logger = pino({ level: 'silent' });

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const f = (n: number) => n.toFixed(3);

/** Runs a and b alternately n times each (so drift and GC hit both alike); returns their latencies. */
async function interleaved(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return [ta, tb];
}

async function overhead(): Promise<void> {
  const fake = await startFakeAtlas({ seedAssets: loadCorpusAssets() });
  try {
    const client = createAtlasClient({ baseUrl: fake.url, auth: { kind: 'password', ...fake.credentials }, logger });
    const wo = await client.createWorkOrder({ title: 'Bench pump', assetId: 1740, locationId: 112, priority: 'HIGH' }, { idempotencyKey: 'bench:1' });
    const signin = await fetch(`${fake.url}/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fake.credentials) });
    const { accessToken } = (await signin.json()) as { accessToken: string };
    const rawGet = async () => {
      const r = await fetch(`${fake.url}/work-orders/${wo.id}`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
      return JSON.parse(await r.text()) as unknown;
    };
    const body = JSON.stringify({ filterFields: [{ field: 'status', operation: 'in', value: '', values: ['OPEN'], enumName: 'STATUS' }], pageNum: 0, pageSize: 10 });
    const rawSearch = async () => {
      const r = await fetch(`${fake.url}/work-orders/search`, { method: 'POST', body, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' } });
      return JSON.parse(await r.text()) as unknown;
    };
    const n = 2_000;
    const clientSearch = () => client.searchWorkOrders({ filterFields: [{ field: 'status', operation: 'in', value: '', values: ['OPEN'], enumName: 'STATUS' }], pageNum: 0, pageSize: 10 });
    await interleaved(300, rawGet, () => client.getWorkOrder(wo.id)); // warm-up
    await interleaved(300, rawSearch, clientSearch);
    const [raw, viaClient] = await interleaved(n, rawGet, () => client.getWorkOrder(wo.id));
    const [rawS, viaClientS] = await interleaved(n, rawSearch, clientSearch);
    console.log(`client call vs bare fetch on loopback, ${n} sequential calls each (ms)`);
    console.log(`  GET /work-orders/{id}     client p50 ${f(pct(viaClient, 50))} p99 ${f(pct(viaClient, 99))} | bare p50 ${f(pct(raw, 50))} p99 ${f(pct(raw, 99))} | overhead p50 ${f(pct(viaClient, 50) - pct(raw, 50))} p99 ${f(pct(viaClient, 99) - pct(raw, 99))}`);
    console.log(`  POST /work-orders/search  client p50 ${f(pct(viaClientS, 50))} p99 ${f(pct(viaClientS, 99))} | bare p50 ${f(pct(rawS, 50))} p99 ${f(pct(rawS, 99))} | overhead p50 ${f(pct(viaClientS, 50) - pct(rawS, 50))} p99 ${f(pct(viaClientS, 99) - pct(rawS, 99))}`);
    console.log(`  sign-ins for ${2 * n + 600} client calls: ${fake.state.signIns - 1}`);
  } finally {
    await fake.close();
  }
}

async function directoryLoad(n: number): Promise<void> {
  const fake = await startFakeAtlas({ seedAssets: syntheticAssets(n) });
  try {
    const client = createAtlasClient({ baseUrl: fake.url, auth: { kind: 'password', ...fake.credentials }, logger, timeoutMs: 30_000 });
    await client.me();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const dir = createAssetDirectory({ client, logger });
    const t = performance.now();
    await dir.start();
    const ms = performance.now() - t;
    gc();
    const retained = process.memoryUsage().heapUsed - heapBefore;
    dir.stop();
    const s = dir.stats();
    console.log(`asset directory load, ${n.toLocaleString('en')} assets (fake in the same process, loopback)`);
    console.log(`  loaded ${s.assets} assets, ${s.locations} locations in ${ms.toFixed(0)} ms (${Math.ceil(n / 500)} pages of 500, 4 at a time)`);
    console.log(`  retained heap ${(retained / 1024 / 1024).toFixed(1)} MB (${Math.round(retained / n)} bytes/asset)`);
  } finally {
    await fake.close();
  }
}

export default async function run(): Promise<void> {
  await overhead();
  await directoryLoad(50_000);
}
