/**
 * The bot's @username, for t.me links (invites, checkout welcome pages, QR stickers):
 * TELEGRAM_BOT_USERNAME when set, otherwise asked of Telegram once (getMe) and remembered.
 * A failed getMe is asked again next time; null when there is no bot at all.
 */
import type { Api } from 'grammy';

export type BotUsername = () => Promise<string | null>;

export function createBotUsername(deps: { configured: string | null; api: Pick<Api, 'getMe'> | null }): BotUsername {
  let known: string | null = deps.configured;
  return async () => {
    if (known) return known;
    if (!deps.api) return null;
    known = (await deps.api.getMe()).username;
    return known;
  };
}
