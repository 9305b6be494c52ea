import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, GrammyError } from 'grammy';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/index.js';

let tg: FakeTelegram;
let api: Api;
beforeAll(async () => {
  tg = await startFakeTelegram();
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
});
afterAll(() => tg.close());

describe('fake Telegram Bot API', () => {
  it('speaks the Bot API to grammY: getMe, send, edit, answer, 429, files', async () => {
    expect((await api.getMe()).username).toBe('rivet_test_bot');
    const m = await api.sendMessage(77, 'hello', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    await api.editMessageText(77, m.message_id, 'edited');
    expect(tg.sentMessages(77)).toMatchObject([{ text: 'edited', edited: true }]);
    await api.answerCallbackQuery('cb1', { text: 'ok' });
    expect(tg.answers).toEqual([{ callback_query_id: 'cb1', text: 'ok' }]);

    tg.failNext429(3);
    const err = await api.sendMessage(77, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).parameters.retry_after).toBe(3);

    tg.addFile({ fileId: 'f1', data: new Uint8Array([1, 2, 3]) });
    const f = await api.getFile('f1');
    const res = await fetch(`${tg.apiRoot}/file/bot${tg.token}/${f.file_path}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    tg.addFile({ fileId: 'big', data: new Uint8Array(1), size: 21 * 1024 * 1024 });
    await expect(api.getFile('big')).rejects.toThrow(/too big/);
    tg.blockChat(99);
    await expect(api.sendMessage(99, 'hi')).rejects.toMatchObject({ error_code: 403 });
  });
});
