/**
 * Long polling against the fake Telegram Bot API.
 * - The offset only moves past an update once it is written down: with the store failing for a
 *   long while (PostgreSQL away for more than the ~31 s the old runner retried), nothing is lost,
 *   nothing is skipped, and updates are stored in order, once.
 * - Telegram unreachable, failing or refusing the token never ends polling: it says so once,
 *   retries with backoff, and carries on when Telegram answers again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { startPolling, type Poller } from '../../../src/bots/telegram/polling.js';
import type { InboundAcceptor } from '../../../src/core/ports.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/index.js';
import { textUpdate } from '../../fakes/telegram/updates.js';
import { memoryLogger } from '../../helpers/logger.js';

const FAST = { timeoutS: 1, backoff: { baseMs: 5, maxMs: 40 } };
const ana = { id: 5151, first_name: 'Ana', last_name: 'Tech', username: 'ana5151', language_code: 'en' };

let tg: FakeTelegram | null = null;
let poller: Poller | null = null;
afterEach(async () => {
  await poller?.stop();
  await tg?.close();
  poller = null;
  tg = null;
});

async function until(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A store that fails like a PostgreSQL that went away, while `down` is true. */
function flakyStore() {
  const stored: number[] = [];
  const s = {
    down: false,
    attempts: 0,
    stored,
    acceptor: {
      async accept(_source: string, eventId: string) {
        s.attempts++;
        if (s.down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        if (!stored.includes(Number(eventId))) stored.push(Number(eventId));
        return 'accepted' as const;
      },
    } as unknown as InboundAcceptor,
  };
  return s;
}

describe('long polling', () => {
  it('holds the offset while updates cannot be stored, however long that lasts, and loses none', async () => {
    tg = await startFakeTelegram();
    const store = flakyStore();
    const { logger, lines } = memoryLogger('debug');
    poller = startPolling({ api: new Api(tg.token, { apiRoot: tg.apiRoot }), inbound: store.acceptor, logger, options: FAST });
    await tg.waitFor('getUpdates');

    store.down = true;
    const ids = [101, 102, 103].map((id) => textUpdate(ana, `pump ${id} leaking`, { update_id: id }));
    for (const u of ids) tg.queueUpdate(u);
    // Far more failed attempts than the old runner's 10 before it logged "update lost".
    await until(() => store.attempts >= 40, '40 failed attempts');
    expect(poller.state().unwritten).toBe(3);
    // No poll asked Telegram for anything past the unwritten updates meanwhile.
    const offsets = tg.callsOf('getUpdates').map((c) => Number(c.params.offset ?? 0));
    expect(Math.max(...offsets)).toBeLessThanOrEqual(101);

    store.down = false;
    await until(() => store.stored.length === 3, 'all three stored');
    expect(store.stored).toEqual([101, 102, 103]);
    await tg.waitFor('getUpdates', tg.callsOf('getUpdates').length + 1);
    expect(Number(tg.callsOf('getUpdates').at(-1)!.params.offset)).toBe(104);
    expect(lines.some((l) => /update lost/.test(String(l.msg)))).toBe(false);
    expect(lines.filter((l) => /could not store a telegram update/.test(String(l.msg)))).toHaveLength(1);
  });

  it('a refused token is said once, names TELEGRAM_BOT_TOKEN, and polling keeps trying', async () => {
    tg = await startFakeTelegram();
    const store = flakyStore();
    const { logger, lines } = memoryLogger('debug');
    poller = startPolling({ api: new Api('999999:WRONG-token-for-tests_abcdefghij', { apiRoot: tg.apiRoot }), inbound: store.acceptor, logger, options: FAST });
    await until(() => lines.some((l) => /TELEGRAM_BOT_TOKEN/.test(String(l.msg))), 'the token complaint');
    await new Promise((r) => setTimeout(r, 300)); // many more attempts at 5–40 ms
    const complaints = lines.filter((l) => Number(l.level) >= 40);
    expect(complaints).toHaveLength(1);
    expect(Number(complaints[0]!.level)).toBe(50);
    expect(String(complaints[0]!.msg)).toMatch(/refused TELEGRAM_BOT_TOKEN \(401/);
    expect(poller.state()).toMatchObject({ ok: false, problem: expect.stringMatching(/TELEGRAM_BOT_TOKEN/) });
  });

  it('Telegram failing at start-up: retried with backoff, then updates flow', async () => {
    tg = await startFakeTelegram();
    for (let i = 0; i < 5; i++) tg.failNext(502, 'Bad Gateway', 'deleteWebhook');
    const store = flakyStore();
    const { logger, lines } = memoryLogger('debug');
    poller = startPolling({ api: new Api(tg.token, { apiRoot: tg.apiRoot }), inbound: store.acceptor, logger, options: FAST });
    tg.queueUpdate(textUpdate(ana, 'hello', { update_id: 7 }));
    await until(() => store.stored.includes(7), 'the update stored');
    expect(lines.filter((l) => /unreachable/.test(String(l.msg)))).toHaveLength(1);
    expect(lines.some((l) => l.msg === 'Telegram answers again; long polling resumed')).toBe(true);
    expect(poller.state()).toMatchObject({ ok: true, problem: null });
  });

  it('a webhook registered meanwhile (409 on getUpdates) is removed again and polling carries on', async () => {
    tg = await startFakeTelegram();
    const store = flakyStore();
    const { logger } = memoryLogger('debug');
    poller = startPolling({ api: new Api(tg.token, { apiRoot: tg.apiRoot }), inbound: store.acceptor, logger, options: FAST });
    await tg.waitFor('getUpdates');
    tg.failNext(409 as 400, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", 'getUpdates');
    await tg.waitFor('deleteWebhook', 2);
    tg.queueUpdate(textUpdate(ana, 'hello again', { update_id: 9 }));
    await until(() => store.stored.includes(9), 'the update stored');
  });
});

