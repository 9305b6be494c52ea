/**
 * Telegram unreachable or the token refused when Rivet starts (review finding: the whole process
 * crashed, API and /health with it, after a "will retry" warning). Rivet starts, keeps answering
 * HTTP, says what is wrong in one honest line, and carries on once Telegram answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { startRivet, type Rivet } from '../../../src/main.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/index.js';
import { textUpdate } from '../../fakes/telegram/updates.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { memoryLogger } from '../../helpers/logger.js';
import { describeWith } from '../../helpers/services.js';
import { freePort } from '../../helpers/net.js';

const KEY = 'startup-test-key-0123456789';
let tdb: TestDatabase;
let dataDir: string;
const rivets: Rivet[] = [];
const fakes: FakeTelegram[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase('rivet_tg_startup');
  dataDir = mkdtempSync(join(tmpdir(), 'rivet-tg-startup-'));
});
afterAll(async () => {
  for (const r of rivets) await r.shutdown('test done').catch(() => undefined);
  for (const f of fakes) await f.close();
  await tdb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});


async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function start(env: Record<string, string>) {
  const { logger, lines } = memoryLogger('info');
  const config = loadConfig({ PORT: '0', DATABASE_URL: tdb.url, RIVET_DATA_DIR: dataDir, RIVET_API_KEY: KEY, RIVET_SIGNUP: 'open', LOG_LEVEL: 'info', ...env });
  const rivet = await startRivet(config, logger);
  rivets.push(rivet);
  return { rivet, lines };
}

async function health(rivet: Rivet) {
  const res = await fetch(`${rivet.url}/health`, { headers: { authorization: `Bearer ${KEY}` } });
  return { status: res.status, body: (await res.json()) as { checks?: Record<string, { status: string; error?: string }> } };
}

describeWith(['postgres'], 'Telegram trouble at start-up', () => {
  it('a wrong token: Rivet starts and serves /health and the API, and says once that the token is refused', async () => {
    const tg = await startFakeTelegram();
    fakes.push(tg);
    const { rivet, lines } = await start({ TELEGRAM_BOT_TOKEN: '999999:WRONG-token-for-tests_abcdefghij', TELEGRAM_API_ROOT: tg.apiRoot });
    const h = await health(rivet);
    expect(h.status).toBeLessThan(600);
    if (h.body.checks) expect(h.body.checks.telegram?.status).toBe('down');
    expect((await fetch(`${rivet.url}/api/groups`, { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(200);
    await until(() => lines.some((l) => /refused TELEGRAM_BOT_TOKEN/.test(String(l.msg))), 'the token complaint');
    await new Promise((r) => setTimeout(r, 1_500)); // a retry or two later, still one line
    expect(lines.some((l) => /will retry on the first update/.test(String(l.msg)))).toBe(false);
    expect(lines.filter((l) => Number(l.level) >= 40 && /telegram/i.test(String(l.msg)))).toHaveLength(1);
    await rivet.shutdown('done');
  }, 60_000);

  it('Telegram unreachable: Rivet starts and serves; once Telegram answers, updates are polled and answered', async () => {
    const port = await freePort();
    const { rivet, lines } = await start({ TELEGRAM_BOT_TOKEN: '123456:FAKE-token-for-tests_abcdefghij', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
    const h = await health(rivet);
    expect(h.status).toBeLessThan(600);
    if (h.body.checks) expect(h.body.checks.telegram?.status).toBe('down');
    await until(() => lines.some((l) => /Telegram is unreachable/.test(String(l.msg))), 'the unreachable line');

    const tg = await startFakeTelegram({ port });
    fakes.push(tg);
    const ray = { id: 8_123_456, first_name: 'Ray', last_name: 'Tech', username: 'ray8123456', language_code: 'en' };
    tg.queueUpdate(textUpdate(ray, '/start', { update_id: 500 }));
    await until(() => tg.sentMessages(ray.id).length > 0, 'a reply to /start', 60_000);
    // Said once, not once per attempt.
    expect(lines.filter((l) => Number(l.level) >= 40 && /Telegram is unreachable/.test(String(l.msg)))).toHaveLength(1);
    await rivet.shutdown('done');
  }, 90_000);
});
