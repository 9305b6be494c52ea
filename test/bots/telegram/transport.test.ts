import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { createTelegramTransport } from '../../../src/bots/telegram/transport.js';
import { PermanentSendError, RateLimitedError } from '../../../src/core/ports.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/index.js';

let tg: FakeTelegram;
let transport: ReturnType<typeof createTelegramTransport>;
beforeAll(async () => {
  tg = await startFakeTelegram();
  transport = createTelegramTransport(new Api(tg.token, { apiRoot: tg.apiRoot }));
});
afterAll(() => tg.close());

const to = (chatId: number) => ({ channel: 'telegram' as const, chatId: String(chatId) });

describe('Telegram ChatTransport', () => {
  it('sends text with an inline keyboard and edits it in place', async () => {
    const { messageId } = await transport.send({ idempotencyKey: 'k1', to: to(5), text: 'Which one?', buttons: [[{ text: 'A', data: 'a:1' }]] });
    expect(tg.sentMessages(5)[0]).toMatchObject({ text: 'Which one?', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a:1' }]] } });
    const edited = await transport.send({ idempotencyKey: 'k2', to: to(5), text: 'Card', editMessageId: messageId });
    expect(edited.messageId).toBe(messageId);
    expect(tg.sentMessages(5)).toHaveLength(1);
    expect(tg.sentMessages(5)[0]).toMatchObject({ text: 'Card', edited: true });
    expect(tg.sentMessages(5)[0]!.reply_markup).toBeUndefined();
    // The same edit again ("message is not modified") is a success, not an error.
    await expect(transport.send({ idempotencyKey: 'k3', to: to(5), text: 'Card', editMessageId: messageId })).resolves.toEqual({ messageId });
  });

  it('sends a new message when the one to edit is gone', async () => {
    const r = await transport.send({ idempotencyKey: 'k4', to: to(6), text: 'Fresh', editMessageId: '999999' });
    expect(tg.sentMessages(6).map((m) => m.text)).toEqual(['Fresh']);
    expect(r.messageId).not.toBe('999999');
  });

  it('maps 429 to RateLimitedError with retry_after, and 400/403 to PermanentSendError', async () => {
    tg.failNext429(7, 'sendMessage');
    const limited = await transport.send({ idempotencyKey: 'k5', to: to(7), text: 'x' }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterS).toBe(7);
    tg.blockChat(8);
    await expect(transport.send({ idempotencyKey: 'k6', to: to(8), text: 'x' })).rejects.toBeInstanceOf(PermanentSendError);
    tg.failNext(400, 'Bad Request: chat not found', 'sendMessage');
    await expect(transport.send({ idempotencyKey: 'k7', to: to(9), text: 'x' })).rejects.toBeInstanceOf(PermanentSendError);
    tg.failNext(502, 'Bad Gateway', 'sendMessage');
    const transient = await transport.send({ idempotencyKey: 'k8', to: to(9), text: 'x' }).catch((e: unknown) => e);
    expect(transient).not.toBeInstanceOf(PermanentSendError);
    expect(transient).not.toBeInstanceOf(RateLimitedError);
  });

  it('cuts texts over Telegram’s 4096 characters instead of failing for good', async () => {
    await transport.send({ idempotencyKey: 'k9', to: to(10), text: 'x'.repeat(5000) });
    expect(tg.sentMessages(10)[0]!.text).toHaveLength(4096);
  });

  it('leaves a group after a message that says so; a group that will not let it speak is left all the same', async () => {
    await transport.send({ idempotencyKey: 'k-leave', to: to(-1001), text: 'Not set up here; leaving.', leaveChat: true });
    expect(tg.sentMessages(-1001).map((m) => m.text)).toEqual(['Not set up here; leaving.']);
    expect(tg.left).toContain('-1001');
    // Sent again (a retried job after the bot left): the leave is already done, not an error.
    await expect(transport.send({ idempotencyKey: 'k-leave', to: to(-1001), text: 'Not set up here; leaving.', leaveChat: true })).resolves.toBeDefined();
    tg.failNext(403, 'Forbidden: not enough rights to send text messages to the chat', 'sendMessage');
    await expect(transport.send({ idempotencyKey: 'k-muted', to: to(-1002), text: 'x', leaveChat: true })).rejects.toBeInstanceOf(PermanentSendError);
    expect(tg.left).toContain('-1002');
    await transport.send({ idempotencyKey: 'k-stay', to: to(-1003), text: 'hello' });
    expect(tg.left).not.toContain('-1003');
  });
});
