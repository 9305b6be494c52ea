/**
 * Translates a Telegram update into the engine's terms (who, where, which event key, how
 * history should show it) and puts `ctx.rivet` on the context for the feature composers.
 * Updates without a person or chat (or from another bot) are dropped here; a tap among them
 * still gets its callback query answered.
 */
import type { Middleware } from 'grammy';
import { conversationKey, texts, type ChatInput } from '../../core/conversation/index.js';
import type { Logger } from 'pino';
import type { ChatAddress } from '../../core/ports.js';
import type { RivetContext, TelegramBotDeps } from './context.js';

export function describeInbound(ctx: RivetContext): string {
  const m = ctx.message;
  if (ctx.callbackQuery) {
    // The label the person tapped, as Telegram shows it; the payload only when it is gone.
    const data = ctx.callbackQuery.data ?? '';
    const markup = ctx.callbackQuery.message && 'reply_markup' in ctx.callbackQuery.message ? ctx.callbackQuery.message.reply_markup : undefined;
    const label = markup?.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data === data)?.text;
    return `[tapped] ${label ?? data}`;
  }
  if (!m) return '[update]';
  if (m.text) return m.text;
  const kind = m.photo ? 'photo' : m.voice ? 'voice note' : m.document ? 'file' : m.sticker ? 'sticker' : 'message';
  return m.caption ? `[${kind}] ${m.caption}` : `[${kind}]`;
}

export function arrival(deps: Pick<TelegramBotDeps, 'engine' | 'logger'> & { loggerFor?: (updateId: number) => Logger | undefined }): Middleware<RivetContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    const chatId = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
    const eventKey = ctx.callbackQuery ? `tg:cb:${ctx.callbackQuery.id}` : `tg:u:${ctx.update.update_id}`;
    // The job's logger (its job id) when the update came through the inbound queue.
    const log = (deps.loggerFor?.(ctx.update.update_id) ?? deps.logger).child({ updateId: ctx.update.update_id, eventKey, chatId, telegramUserId: from?.id });
    if (!from || chatId === undefined || from.is_bot) {
      log.debug('update without a person or chat; ignored');
      // Every callback query is answered, even one Rivet cannot place.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: texts.staleButton }).catch(() => undefined);
      return;
    }
    // Private chats have positive ids; groups and supergroups negative ones.
    const group = chatId < 0;
    const chat: ChatAddress = { channel: 'telegram', chatId: String(chatId) };
    const base: Omit<ChatInput, 'event'> = {
      who: {
        channel: 'telegram',
        externalId: String(from.id),
        username: from.username ?? null,
        displayName: [from.first_name, from.last_name].filter(Boolean).join(' ').trim() || from.username || 'there',
        language: from.language_code ?? null,
      },
      where: { chat, conversationKey: conversationKey(chat.chatId, group, String(from.id)), group },
      eventKey,
      description: describeInbound(ctx),
      platformMessageId: ctx.message ? String(ctx.message.message_id) : null,
      meta: { updateId: ctx.update.update_id },
      log,
    };
    ctx.rivet = { log, group, handle: (event) => deps.engine.handle({ ...base, event }), admits: () => deps.engine.admits(base), fileAllowance: () => deps.engine.fileAllowance(base) };
    await next();
  };
}
