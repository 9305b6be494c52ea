/**
 * End-to-end set-up: the real Rivet (`startRivet`, PORT 0) against real PostgreSQL and Redis,
 * the fake Atlas and the fake Telegram Bot API; updates are POSTed to /telegram/webhook as
 * Telegram would, and what the bot says is read back from the fake Telegram.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, inArray } from 'drizzle-orm';
import { loadConfig } from '../../src/config/config.js';
import { outbox } from '../../src/db/schema.js';
import { startRivet, type Rivet, type RivetOptions } from '../../src/main.js';
import type { Clock } from '../../src/core/ports.js';
import { startFakeAtlas, loadCorpusAssets, type FakeAtlas, type FakeAtlasOptions } from '../fakes/atlas/index.js';
import { startFakeTelegram, type FakeMessage, type FakeTelegram } from '../fakes/telegram/index.js';
import { callbackUpdate, type Person } from '../fakes/telegram/updates.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import type { Database } from '../../src/db/client.js';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import { memoryLogger } from '../helpers/logger.js';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

export const SECRET = 'e2e-webhook-secret_0123456789';
/** The admin key: the detailed /health (and /api) need it. */
export const E2E_API_KEY = 'e2e-admin-key-0123456789abcdef';
export const DETAILED = { headers: { authorization: `Bearer ${E2E_API_KEY}` } };

export const FAST_JOBS: RivetOptions['jobOptions'] = {
  backoff: { baseMs: 50, maxMs: 400 },
  sweepIntervalMs: 300,
  sweepStaleAfterMs: 500,
  questionSweepIntervalMs: 200,
  lockDurationMs: 3_000,
  stalledIntervalMs: 1_000,
  rateLimits: { privateChatMs: 1, groupChatMs: 1, slackChannelMs: 1, globalMs: 0 },
  pushTimeoutMs: 1_000,
  pollIntervalMs: 400,
};

/** A clock tests can move forward (conversation expiry). */
export function offsetClock() {
  let offset = 0;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => void (offset += ms),
  };
  return clock;
}

let nextPerson = 7_000_000 + Math.floor(Math.random() * 1_000_000);
export function person(first_name = 'Ana'): Person {
  return { id: nextPerson++, first_name, last_name: 'Tech', username: `${first_name.toLowerCase()}${nextPerson}`, language_code: 'en' };
}

export interface E2E {
  rivet: Rivet;
  tg: FakeTelegram;
  atlas: FakeAtlas;
  tdb: TestDatabase;
  clock: ReturnType<typeof offsetClock>;
  logLines: Record<string, unknown>[];
  post(update: unknown, opts?: { secret?: string | null; raw?: string }): Promise<Response>;
  /** Waits until the chat shows a message (edits applied) matching `re`; returns it. */
  waitForText(chatId: number, re: RegExp, timeoutMs?: number): Promise<FakeMessage>;
  /** Taps the button labelled like `label` on the newest message that has one. */
  tap(p: Person, chatId: number, label: RegExp, opts?: { id?: string; on?: RegExp }): Promise<Response>;
  texts(chatId: number): string[];
  /**
   * Waits until nothing is left that could still say something: no live outbox row and no job
   * waiting, active or delayed. Use it before asserting that something did *not* happen.
   */
  idle(timeoutMs?: number): Promise<void>;
  /** Stops Rivet and starts a new one on the same database, Redis prefix and fakes. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 8_000, what: string | (() => string) = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Stands in for the test database in embedded mode until Rivet's own PGlite is open. */
async function placeholderDatabase(): Promise<TestDatabase> {
  return { name: 'pglite', url: '', database: undefined as unknown as Database, repos: undefined as unknown as Repositories, drop: async () => {} };
}

export async function startE2E(opts: { atlas?: FakeAtlasOptions; env?: Record<string, string>; rivet?: RivetOptions } = {}): Promise<E2E> {
  // DATABASE_URL '' is embedded mode: Rivet opens PGlite itself and no PostgreSQL server is needed.
  const embedded = opts.env?.DATABASE_URL === '';
  const tdb: TestDatabase = embedded ? await placeholderDatabase() : await createTestDatabase('rivet_e2e');
  const tg = await startFakeTelegram();
  const atlas = await startFakeAtlas({ seedAssets: loadCorpusAssets(), licensed: true, ...opts.atlas });
  const prefix = uniquePrefix('rivet-e2e');
  const dataDir = mkdtempSync(join(tmpdir(), 'rivet-e2e-'));
  const clock = offsetClock();
  const { logger, lines } = memoryLogger(process.env.E2E_LOG_LEVEL ?? 'info');
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: tdb.url,
    REDIS_URL: TEST_REDIS_URL,
    RIVET_DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ATLAS_URL: atlas.url,
    ATLAS_EMAIL: atlas.credentials.email,
    ATLAS_PASSWORD: atlas.credentials.password,
    LOG_LEVEL: 'info',
    // Anyone may talk to the bot, as before sign-up modes existed; test/e2e/access tests the others.
    RIVET_SIGNUP: 'open',
    RIVET_API_KEY: E2E_API_KEY,
    ...opts.env,
  });
  const boot = () => startRivet(config, logger, { queuePrefix: prefix, clock, jobOptions: FAST_JOBS, ...opts.rivet });
  const rivet = await boot();
  if (embedded) Object.assign(tdb, { database: rivet.database, repos: createRepositories(rivet.database.db) });
  await tg.waitFor('getMe');

  const texts = (chatId: number) => tg.sentMessages(chatId).map((m) => m.text ?? '');
  const e2e: E2E = {
    rivet, tg, atlas, tdb, clock, logLines: lines, texts,
    post(update, o = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const secret = o.secret === undefined ? SECRET : o.secret;
      if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
      return fetch(`${e2e.rivet.url}/telegram/webhook`, { method: 'POST', headers, body: o.raw ?? JSON.stringify(update) });
    },
    waitForText(chatId, re, timeoutMs = 8_000) {
      return until(() => tg.sentMessages(chatId).find((m) => re.test(m.text ?? '')), timeoutMs, () => `a message matching ${re} in chat ${chatId}; saw ${JSON.stringify(texts(chatId))}`);
    },
    async tap(p, chatId, label, o = {}) {
      const msgs = tg.sentMessages(chatId).filter((m) => m.reply_markup && (!o.on || o.on.test(m.text ?? '')));
      const last = msgs[msgs.length - 1];
      const rows = (last?.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? [];
      const button = rows.flat().find((b) => label.test(b.text));
      if (!last || !button) throw new Error(`no button ${label} in chat ${chatId}: ${JSON.stringify(rows)}`);
      return e2e.post(callbackUpdate(p, button.callback_data, { message_id: last.message_id, chatId }, o));
    },
    async idle(timeoutMs = 10_000) {
      await until(async () => {
        const [live] = await tdb.database.db.select({ n: count() }).from(outbox).where(inArray(outbox.status, ['pending', 'enqueued', 'running']));
        if (Number(live?.n ?? 0) > 0) return false;
        const { queues } = await e2e.rivet.jobs.health();
        return Object.values(queues ?? {}).every((c) => c.waiting + c.active + c.delayed === 0);
      }, timeoutMs, 'an idle pipeline');
    },
    async restart() {
      await e2e.rivet.shutdown('restart');
      e2e.rivet = await boot();
      if (embedded) Object.assign(tdb, { database: e2e.rivet.database, repos: createRepositories(e2e.rivet.database.db) });
    },
    async close() {
      await e2e.rivet.shutdown('test done');
      await Promise.all([tg.close(), atlas.close()]);
      await tdb.drop();
      if (!embedded) await clearPrefix(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return e2e;
}
