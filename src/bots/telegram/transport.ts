/**
 * The ChatTransport port for Telegram, on grammY's Api: text with an inline keyboard, or an
 * edit of an earlier message, and leaving a group after the message when it says so (a group no
 * administrator allowed). Telegram's refusals are sorted for the job pipeline: 429 waits
 * retry_after, 400/403 (blocked, chat not found, bad request) never succeed on retry.
 */
import { GrammyError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { PermanentSendError, RateLimitedError, type ChatTransport, type InlineButton, type OutboundMessage } from '../../core/ports.js';

export const MAX_MESSAGE_LENGTH = 4096;

export function keyboard(buttons: InlineButton[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons || buttons.length === 0) return undefined;
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) };
}

const fit = (text: string) => (text.length > MAX_MESSAGE_LENGTH ? text.slice(0, MAX_MESSAGE_LENGTH - 1) + '…' : text);

/** Leaves a group; one the bot is no longer in (400/403) counts as left. */
async function leave(api: Api, chatId: string): Promise<void> {
  try {
    await api.leaveChat(chatId);
  } catch (err) {
    if (!(err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403))) throw err;
  }
}

export function createTelegramTransport(api: Api): ChatTransport {
  async function deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const chatId = message.to.chatId;
    const text = fit(message.text);
    const reply_markup = keyboard(message.buttons);
    try {
      if (message.editMessageId) {
        try {
          await api.editMessageText(chatId, Number(message.editMessageId), text, reply_markup ? { reply_markup } : {});
          return { messageId: message.editMessageId };
        } catch (err) {
          if (err instanceof GrammyError && /not modified/i.test(err.description)) return { messageId: message.editMessageId };
          // Too old or deleted to edit: say it as a new message instead.
          if (!(err instanceof GrammyError && err.error_code === 400)) throw err;
        }
      }
      const sent = await api.sendMessage(chatId, text, {
        ...(reply_markup ? { reply_markup } : {}),
        link_preview_options: { is_disabled: true },
      });
      return { messageId: String(sent.message_id) };
    } catch (err) {
      throw classify(err);
    }
  }

  return {
    async send(message: OutboundMessage) {
      if (!message.leaveChat) return deliver(message);
      let sent: { messageId: string };
      try {
        sent = await deliver(message);
      } catch (err) {
        // A group that will not let the bot speak is still left.
        if (err instanceof PermanentSendError) await leave(api, message.to.chatId).catch(() => undefined);
        throw err;
      }
      try {
        await leave(api, message.to.chatId);
      } catch (err) {
        throw classify(err);
      }
      return sent;
    },
  };
}

export function classify(err: unknown): unknown {
  if (!(err instanceof GrammyError)) return err; // network trouble: retried by the job
  if (err.error_code === 429) return new RateLimitedError(err.parameters.retry_after ?? 1);
  if (err.error_code === 400 || err.error_code === 403) return new PermanentSendError(`${err.error_code} ${err.description}`);
  return err;
}
