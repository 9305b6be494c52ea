/**
 * Telegram, from outside: Rivet as real `rivet` processes (real PostgreSQL and Redis, the fake
 * Telegram enforcing Telegram's flood limits and the fake Atlas), the webhook posted to like
 * Telegram does (at most 40 keep-alive connections). It prints:
 *   1. acknowledgement p50/p99 at 500 updates/s for 5 s, cold (a fresh `rivet start`, no
 *      warm-up, every update the first message of a new person) and then warm (the same people);
 *   2. processing: smalltalk updates/s and reports/s (update in → its reply, the confirmation
 *      card for a report, written to the outbound queue; they leave at Telegram's pace);
 *   3. reply latency (update acknowledged → sendMessage arrives at Telegram) p50/p99 at 100/s
 *      and at 25/s, each update a chat of its own; peak sends/s and 429s from the fake;
 *   4. scale-out: `rivet start --no-workers` with one `rivet worker`, then two;
 *   5. embedded mode (no Redis): processing.
 *   0. first, round trips per update (SQL queries and Redis commands), in process.
 * TELEGRAM_BENCH_ONLY=trips,ack,reply,scale,embedded,ab,ackab runs a subset (ab and ackab only when named); RIVET_BENCH_PROFILE=<dir> makes
 * every Rivet process write a CPU profile there.
 */
import { cpus } from 'node:os';
import { startFakeAtlas, loadCorpusAssets } from '../test/fakes/atlas/index.js';
import { startFakeTelegram, type FakeTelegram } from '../test/fakes/telegram/index.js';
import { textUpdate, type Person } from '../test/fakes/telegram/updates.js';
import { roundTrips } from './telegram/round-trips.js';
import { load, ms, openLoop, pct, sleep, startRivet, until, webhookPoster, type Fakes, type RivetUnderTest } from './telegram/harness.js';

const ACK_RATE = 500;
const ACK_SECONDS = Number(process.env.BENCH_ACK_SECONDS ?? 5);
const BURST = Number(process.env.BENCH_BURST ?? 2_000);
const MIX = ['hello', 'my work orders', 'help', 'Pump P-501 leaking oil', 'thanks'];

let nextPerson = 100_000_000 + Math.floor(Math.random() * 100_000) * 1_000;
const newPeople = (n: number): Person[] => Array.from({ length: n }, () => ({ id: nextPerson++, first_name: `Tech${nextPerson % 100_000}` }));

/** Posts `n` updates as fast as 64 requests in flight allow; returns the updates/s processed (inbound rows done). */
async function processing(rivet: RivetUnderTest, make: (i: number) => unknown, n: number): Promise<{ rate: number; acked: number; left: number; cpu: string }> {
  const poster = webhookPoster(rivet.url);
  const base = await rivet.inboundDone();
  const cpu0 = await rivet.cpu();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next < n) await poster.post(make(next++)).catch(() => false);
  }));
  const acked = (performance.now() - t0) / 1000;
  const r = await until(rivet.inboundDone, base + n, t0, 120_000);
  const cpu1 = await rivet.cpu();
  poster.close();
  const per = (a: number, b: number) => ((b - a) / Math.max(1, r.reached - base)).toFixed(2);
  // The replies they queued are sent at Telegram's pace, after; their CPU is not in this figure.
  const cpu = `CPU per update: Rivet ${per(cpu0.rivet, cpu1.rivet)} ms + PostgreSQL ${per(cpu0.pg, cpu1.pg)} ms; ${per(cpu0.xacts, cpu1.xacts)} PostgreSQL commits per update`;
  return { rate: (r.reached - base) / r.seconds, acked: n / acked, left: base + n - r.reached, cpu };
}

async function drain(rivet: RivetUnderTest): Promise<void> {
  for (let i = 0; i < 1_200 && (await rivet.inboundLeft()) > 0; i++) await sleep(100);
}

function sends(tg: FakeTelegram): string {
  const s = tg.sendStats();
  return `sends ${s.sent}, peak ${s.peakPerS}/s, 429s ${s.rejected429}`;
}

/**
 * Cold then warm acknowledgement at ACK_RATE on a fresh `rivet start`: each line with the CPU per
 * update from the first post until the backlog is processed (Rivet and PostgreSQL backends).
 */
async function ackRuns(rivet: RivetUnderTest, poster: ReturnType<typeof webhookPoster>, label = ''): Promise<ReturnType<typeof newPeople>> {
  const people = newPeople(ACK_RATE * ACK_SECONDS);
  const phase = async (name: string, what: string, shift: number) => {
    const cpu0 = await rivet.cpu();
    const run = await openLoop(poster.post, (i) => textUpdate(people[i]!, MIX[(i + shift) % MIX.length]!), ACK_RATE, ACK_SECONDS);
    const at = load();
    await drain(rivet);
    const cpu1 = await rivet.cpu();
    const per = (a: number, b: number) => ((b - a) / people.length).toFixed(2);
    const t = run.latencies;
    console.log(`${label}${name} ack (${what}): p50 ${ms(pct(t, 50))}  p99 ${ms(pct(t, 99))}  max ${ms(t[t.length - 1]!)}  non-200 ${run.errors}  (load ${at}; CPU per update until processed: Rivet ${per(cpu0.rivet, cpu1.rivet)} ms + PostgreSQL ${per(cpu0.pg, cpu1.pg)} ms)`);
  };
  await phase('cold', `${people.length} first messages, no warm-up`, 0);
  await phase('warm', 'the same people again', 1);
  return people;
}

async function ackAndProcessing(fakes: Fakes, tg: FakeTelegram): Promise<void> {
  console.log(`\n-- rivet start, queue mode: acknowledgement at ${ACK_RATE}/s, processing (load ${load()})`);
  tg.reset();
  const rivet = await startRivet([['start']], fakes, { queue: true });
  const poster = webhookPoster(rivet.url);
  try {
    const people = await ackRuns(rivet, poster);
    if (BURST <= 0) return;
    // Processing: one update per person per burst, so no chat waits on its own earlier update.
    const talk = await processing(rivet, (i) => textUpdate(people[i % people.length]!, 'hello'), BURST);
    console.log(`processing smalltalk: ${talk.rate.toFixed(0)} updates/s (${BURST} updates, acknowledged at ${talk.acked.toFixed(0)}/s${talk.left ? `, ${talk.left} not done in time` : ''}; ${talk.cpu})  (load ${load()})`);
    await drain(rivet);
    const reports = await processing(rivet, (i) => textUpdate(people[(i + BURST) % people.length]!, `Pump P-501 leaking oil near the seal ${i}`), Math.round(BURST / 2));
    console.log(`processing reports:   ${reports.rate.toFixed(0)} reports/s → confirmation card queued (${Math.round(BURST / 2)} reports${reports.left ? `, ${reports.left} not done in time` : ''}; ${reports.cpu})  (load ${load()})`);
    console.log(`fake Telegram during the run: ${sends(tg)}`);
  } finally {
    poster.close();
    await rivet.stop();
  }
}

async function replyLatency(fakes: Fakes, tg: FakeTelegram): Promise<void> {
  console.log(`\n-- rivet start, queue mode: reply latency (load ${load()})`);
  tg.reset();
  const rivet = await startRivet([['start']], fakes, { queue: true });
  const poster = webhookPoster(rivet.url);
  try {
    // JIT and connections, on chats of their own; their replies are out before measuring.
    const warmers = newPeople(60);
    await Promise.all(warmers.map((p) => poster.post(textUpdate(p, 'hello'))));
    await tg.waitFor('sendMessage', warmers.length, 30_000).catch(() => undefined);
    for (const rate of [25, 100]) {
      const seconds = rate === 100 ? 3 : 6;
      const people = newPeople(rate * seconds);
      const before = tg.callsOf('sendMessage').length;
      const run = await openLoop(poster.post, (i) => textUpdate(people[i]!, 'hello'), rate, seconds);
      await tg.waitFor('sendMessage', before + people.length, 60_000).catch(() => undefined);
      const firstSend = new Map<string, number>();
      for (const c of tg.callsOf('sendMessage')) if (!firstSend.has(String(c.params.chat_id))) firstSend.set(String(c.params.chat_id), c.at);
      const lat = people.flatMap((p, i) => {
        const at = firstSend.get(String(p.id));
        return at !== undefined && run.ackedAt[i] !== undefined ? [at - run.ackedAt[i]!] : [];
      }).sort((a, b) => a - b);
      console.log(`reply latency at ${rate}/s (${people.length} chats, ${lat.length} answered): p50 ${ms(pct(lat, 50))}  p99 ${ms(pct(lat, 99))}  max ${ms(lat[lat.length - 1]!)}  (load ${load()})`);
    }
    console.log(`fake Telegram during the run: ${sends(tg)}`);
  } finally {
    poster.close();
    await rivet.stop();
  }
}

async function warmedProcessing(rivet: RivetUnderTest, label: string): Promise<void> {
  const people = newPeople(BURST);
  // First messages and JIT out of the way, then the measured burst from the same people.
  await processing(rivet, (i) => textUpdate(people[i]!, 'hi'), Math.min(500, BURST));
  await drain(rivet);
  const r = await processing(rivet, (i) => textUpdate(people[i]!, 'hello'), BURST);
  console.log(`${label}: ${r.rate.toFixed(0)} smalltalk updates/s${r.left ? ` (${r.left} not done in time)` : ''}; ${r.cpu}  (load ${load()})`);
}

async function scaleOut(fakes: Fakes, tg: FakeTelegram): Promise<void> {
  console.log(`\n-- scale-out: rivet start --no-workers + rivet worker ×1, then ×2 (load ${load()})`);
  tg.reset();
  const rivet = await startRivet([['start', '--no-workers'], ['worker']], fakes, { queue: true });
  try {
    await warmedProcessing(rivet, 'one worker ');
    rivet.spawnMore(['worker']);
    await sleep(4_000);
    await warmedProcessing(rivet, 'two workers');
  } finally {
    await rivet.stop();
  }
}

async function embedded(fakes: Fakes, tg: FakeTelegram): Promise<void> {
  console.log(`\n-- rivet start, embedded mode (no Redis) (load ${load()})`);
  tg.reset();
  const rivet = await startRivet([['start']], fakes, { queue: false });
  try {
    await warmedProcessing(rivet, 'embedded');
  } finally {
    await rivet.stop();
  }
}

/**
 * A/B: the same processing bursts on this checkout and on others (RIVET_BENCH_AB=<dir>,<dir>),
 * alternated, so both see the same load on a shared machine.
 */
async function ab(fakes: Fakes, tg: FakeTelegram): Promise<void> {
  const roots = [process.cwd(), ...(process.env.RIVET_BENCH_AB ?? '').split(',').filter(Boolean)];
  for (let round = 0; round < 2; round++) {
    for (const root of roots) {
      tg.reset();
      const rivet = await startRivet([['start']], fakes, { queue: true, root });
      try {
        await warmedProcessing(rivet, `${root} (round ${round + 1})`);
      } finally {
        await rivet.stop();
      }
    }
  }
}

/** A/B of the acknowledgement (cold and warm) on this checkout and others (RIVET_BENCH_AB), alternated. */
async function ackAb(fakes: Fakes, tg: FakeTelegram): Promise<void> {
  const roots = [process.cwd(), ...(process.env.RIVET_BENCH_AB ?? '').split(',').filter(Boolean)];
  for (let round = 0; round < Number(process.env.BENCH_AB_ROUNDS ?? 2); round++) {
    for (const root of roots) {
      tg.reset();
      const rivet = await startRivet([['start']], fakes, { queue: true, root });
      const poster = webhookPoster(rivet.url);
      try {
        await ackRuns(rivet, poster, `${root} (round ${round + 1}) `);
      } finally {
        poster.close();
        await rivet.stop();
      }
    }
  }
}

export default async function bench(): Promise<void> {
  console.log(`machine: ${cpus().length} CPUs, load average ${load()}`);
  const tg = await startFakeTelegram({ limits: {} });
  const atlas = await startFakeAtlas({ seedAssets: loadCorpusAssets(), licensed: true });
  const fakes: Fakes = { tgRoot: tg.apiRoot, token: tg.token, atlasUrl: atlas.url, email: atlas.credentials.email, password: atlas.credentials.password };
  const only = process.env.TELEGRAM_BENCH_ONLY?.split(',');
  const parts: [string, (f: Fakes, t: FakeTelegram) => Promise<void>][] = [['trips', roundTrips], ['ab', ab], ['ackab', ackAb], ['ack', ackAndProcessing], ['reply', replyLatency], ['scale', scaleOut], ['embedded', embedded]];
  try {
    for (const [name, run] of parts) if (only ? only.includes(name) : name !== 'ab' && name !== 'ackab') await run(fakes, tg);
  } finally {
    await Promise.all([tg.close(), atlas.close()]);
  }
}
