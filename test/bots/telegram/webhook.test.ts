import type { UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import { MAX_UPDATE_BYTES, telegramTooLarge, telegramWebhookRoutes } from '../../../src/webhooks/telegram.js';
import { isAddressedToBot, withoutMention } from '../../../src/bots/telegram/groups.js';
import { chatIdOf, serializePerChat } from '../../../src/bots/telegram/ordering.js';
import { memoryLogger } from '../../helpers/logger.js';

function app() {
  const accepted: [string, string][] = [];
  const seen = new Set<string>();
  const a = createApp({
    logger: memoryLogger('silent').logger,
    apiKey: null,
    health: { version: 't', startedAt: new Date(), checks: {} },
    routes: [{
      path: '/telegram/webhook',
      maxBodyBytes: MAX_UPDATE_BYTES,
      tooLarge: telegramTooLarge('right-secret'),
      app: telegramWebhookRoutes({
        secret: 'right-secret',
        inbound: {
          async accept(source, id) {
            accepted.push([source, id]);
            if (seen.has(id)) return 'duplicate';
            seen.add(id);
            return 'accepted';
          },
        },
      }),
    }],
  });
  const post = (body: string, secret: string | null = 'right-secret') =>
    a.request('/telegram/webhook', { method: 'POST', body, headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) } });
  return { post, accepted };
}

describe('telegram webhook route', () => {
  it('401 for a wrong or missing secret, before reading the body', async () => {
    const { post, accepted } = app();
    expect((await post('{"update_id":1}', 'right-secreT')).status).toBe(401);
    expect((await post('{"update_id":1}', null)).status).toBe(401);
    expect(accepted).toEqual([]);
  });
  it('accepts once per update_id; malformed or oversized bodies are 200 and ignored', async () => {
    const { post, accepted } = app();
    expect(await (await post('{"update_id":7,"message":{}}')).json()).toEqual({ ok: true, result: 'accepted' });
    expect(await (await post('{"update_id":7,"message":{}}')).json()).toEqual({ ok: true, result: 'duplicate' });
    for (const body of ['nope', '[]', 'null', '{"update_id":"7"}', '{"update_id":1.5}', JSON.stringify({ update_id: 8, text: 'x'.repeat(2_000_000) })]) {
      const res = await post(body);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { ignored?: string }).ignored).toBeTruthy();
    }
    expect(accepted).toEqual([['telegram', '7'], ['telegram', '7']]);
  });
});

describe('group rules', () => {
  const me = { id: 42, is_bot: true, first_name: 'Rivet', username: 'rivet_bot' } as unknown as UserFromGetMe;
  const msg = (text: string, extra: object = {}) => ({ message_id: 1, date: 0, chat: { id: -1, type: 'supergroup' as const, title: 'Crew' }, text, ...extra }) as never;
  it('only commands for us, mentions of us and replies to us', () => {
    expect(isAddressedToBot(msg('/help', { entities: [{ type: 'bot_command', offset: 0, length: 5 }] }), me)).toBe(true);
    expect(isAddressedToBot(msg('/help@rivet_bot', { entities: [{ type: 'bot_command', offset: 0, length: 15 }] }), me)).toBe(true);
    expect(isAddressedToBot(msg('/help@other_bot', { entities: [{ type: 'bot_command', offset: 0, length: 15 }] }), me)).toBe(false);
    expect(isAddressedToBot(msg('hey @rivet_bot pump down', { entities: [{ type: 'mention', offset: 4, length: 10 }] }), me)).toBe(true);
    expect(isAddressedToBot(msg('hey @someone pump down', { entities: [{ type: 'mention', offset: 4, length: 8 }] }), me)).toBe(false);
    expect(isAddressedToBot(msg('ok', { reply_to_message: { message_id: 2, date: 0, chat: { id: -1, type: 'supergroup' }, from: { id: 42, is_bot: true, first_name: 'Rivet' } } }), me)).toBe(true);
    expect(isAddressedToBot(msg('pump 301 is down lol'), me)).toBe(false);
    expect(withoutMention('@rivet_bot  Pump 301 leaking', me)).toBe('Pump 301 leaking');
  });
});

describe('per-chat ordering', () => {
  it('runs one chat’s updates in order and other chats alongside', async () => {
    const order: string[] = [];
    const run = serializePerChat(async (u) => {
      const { tag, ms } = u as { tag: string; ms: number };
      await new Promise((r) => setTimeout(r, ms));
      order.push(tag);
    });
    const ctx = { jobId: 'j', logger: memoryLogger('silent').logger };
    const upd = (chat: number, tag: string, ms: number) => ({ update_id: 1, message: { chat: { id: chat } }, tag, ms });
    await Promise.all([run(upd(1, 'a1', 60), ctx), run(upd(1, 'a2', 1), ctx), run(upd(2, 'b1', 10), ctx)]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
    expect(chatIdOf({ update_id: 1, callback_query: { from: { id: 5 }, message: { chat: { id: -9 } } } })).toBe('-9');
  });
});
