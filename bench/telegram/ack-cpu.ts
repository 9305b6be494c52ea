/**
 * CPU per acknowledgement alone: `rivet start --no-workers` (nothing processed, so nothing else
 * competes), 500 updates/s of first messages; prints ack p50/p99 and the CPU of Rivet and of the
 * PostgreSQL backends per update. `npx tsx bench/telegram/ack-cpu.ts [<checkout dir>…]`, the
 * checkouts alternated twice (default: this one).
 */
import { startFakeAtlas, loadCorpusAssets } from '../../test/fakes/atlas/index.js';
import { startFakeTelegram } from '../../test/fakes/telegram/index.js';
import { textUpdate } from '../../test/fakes/telegram/updates.js';
import { load, ms, openLoop, pct, startRivet, webhookPoster, type Fakes } from './harness.js';

const roots = process.argv.slice(2);
const tg = await startFakeTelegram({ limits: {} });
const atlas = await startFakeAtlas({ seedAssets: loadCorpusAssets(), licensed: true });
const fakes: Fakes = { tgRoot: tg.apiRoot, token: tg.token, atlasUrl: atlas.url, email: atlas.credentials.email, password: atlas.credentials.password };
const seconds = Number(process.env.BENCH_ACK_SECONDS ?? 5);
let next = 200_000_000 + Math.floor(Math.random() * 100_000) * 1_000;
for (let round = 0; round < Number(process.env.BENCH_AB_ROUNDS ?? 2); round++) {
  for (const root of roots.length ? roots : [process.cwd()]) {
    const rivet = await startRivet([['start', '--no-workers']], fakes, { queue: true, root });
    const poster = webhookPoster(rivet.url);
    try {
      for (const phase of ['cold', 'warm']) {
        const first = next;
        next += 500 * seconds;
        const cpu0 = await rivet.cpu();
        const run = await openLoop(poster.post, (i) => textUpdate({ id: first + i, first_name: `T${i}` }, 'hello'), 500, seconds);
        const cpu1 = await rivet.cpu();
        const n = 500 * seconds;
        const t = run.latencies;
        console.log(`${root} r${round + 1} ${phase}: p50 ${ms(pct(t, 50))} p99 ${ms(pct(t, 99))} non-200 ${run.errors}; CPU per ack: Rivet ${((cpu1.rivet - cpu0.rivet) / n).toFixed(3)} ms + PostgreSQL ${((cpu1.pg - cpu0.pg) / n).toFixed(3)} ms (load ${load()})`);
      }
    } finally {
      poster.close();
      await rivet.stop();
    }
  }
}
await Promise.all([tg.close(), atlas.close()]);
process.exit(0);
