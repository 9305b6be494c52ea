/**
 * Round trips per update: Rivet in this process (`startRivet`, queue mode, real PostgreSQL and
 * Redis, the fakes), with node-postgres' Client#query and ioredis' sendCommand counted. Updates
 * are sent one at a time; for each, the queries and Redis commands until the webhook answered
 * (acknowledgement) and until its reply was sent and the pipeline is quiet again (processing).
 * Background work (heartbeats, BullMQ's checks) is included, so the figures are upper bounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import pino from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { startRivet } from '../../src/main.js';
import type { FakeTelegram } from '../../test/fakes/telegram/index.js';
import { textUpdate, type Person } from '../../test/fakes/telegram/updates.js';
import { createTestDatabase } from '../../test/helpers/db.js';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/helpers/redis.js';
import { SECRET, sleep, type Fakes } from './harness.js';

const counts = { pg: 0, redis: 0 };
let patched = false;
function patch(): void {
  if (patched) return;
  patched = true;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    counts.pg++;
    if (process.env.TRIPS_TRACE) console.log('  SQL', String((args[0] as { text?: string })?.text ?? args[0]).replace(/\s+/g, ' ').slice(0, 150));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const send = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function (this: Redis, ...args: Parameters<typeof send>) {
    counts.redis++;
    if (process.env.TRIPS_TRACE) console.log('  REDIS', (args[0] as { name?: string }).name, String((args[0] as { args?: unknown[] }).args?.[0] ?? '').slice(0, 60));
    return send.apply(this, args);
  };
}

export async function roundTrips(fakes: Fakes, tg: FakeTelegram): Promise<void> {
  patch();
  const tdb = await createTestDatabase('rivet_bench');
  const prefix = uniquePrefix('rivet-bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'rivet-bench-'));
  const config = loadConfig({
    PORT: '0', DATABASE_URL: tdb.url, REDIS_URL: TEST_REDIS_URL, RIVET_DATA_DIR: dataDir, LOG_LEVEL: 'error', RIVET_SIGNUP: 'open',
    TELEGRAM_BOT_TOKEN: fakes.token, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fakes.tgRoot,
    ATLAS_URL: fakes.atlasUrl, ATLAS_EMAIL: fakes.email, ATLAS_PASSWORD: fakes.password,
  });
  const rivet = await startRivet(config, pino({ level: 'silent' }), { queuePrefix: prefix });
  const post = (u: unknown) => fetch(`${rivet.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(u) });
  const people: Person[] = Array.from({ length: 10 }, (_, i) => ({ id: 300_000_000 + Math.floor(Math.random() * 1e6) * 10 + i, first_name: `Trip${i}` }));
  type Trips = { ack: typeof counts; all: typeof counts };
  async function one(p: Person, text: string): Promise<Trips> {
    const start = { ...counts };
    const sent = tg.callsOf('sendMessage').length;
    await (await post(textUpdate(p, text))).arrayBuffer();
    const ack = { pg: counts.pg - start.pg, redis: counts.redis - start.redis };
    await tg.waitFor('sendMessage', sent + 1, 20_000);
    await sleep(300); // the send's own bookkeeping and the jobs' completion
    return { ack, all: { pg: counts.pg - start.pg, redis: counts.redis - start.redis } };
  }
  try {
    await tg.waitFor('getMe', 1, 10_000).catch(() => undefined);
    await sleep(1_500);
    const rows: [string, (p: Person, i: number) => Promise<Trips>][] = [
      ['first message (new person)', (p) => one(p, 'hello')],
      ['smalltalk (known person)  ', async (p) => { await sleep(1_100); return one(p, 'hello'); }],
      ['report → confirmation card', async (p, i) => { await sleep(1_100); return one(p, `Pump P-501 leaking oil ${i}`); }],
    ];
    for (const [label, run] of rows) {
      const got: Trips[] = [];
      for (const [i, p] of people.entries()) got.push(await run(p, i));
      const avg = (f: (r: Trips) => number) => (got.reduce((s, r) => s + f(r), 0) / got.length).toFixed(1);
      console.log(`round trips, ${label}: acknowledgement ${avg((r) => r.ack.pg)} SQL + ${avg((r) => r.ack.redis)} Redis; whole update ${avg((r) => r.all.pg)} SQL + ${avg((r) => r.all.redis)} Redis`);
    }
  } finally {
    await rivet.shutdown('bench done');
    await tdb.drop();
    await clearPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
