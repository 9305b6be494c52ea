/**
 * Telegram deep links: `https://t.me/<bot>?start=<payload>` opens the bot and sends
 * `/start <payload>`. Payloads are at most 64 characters of A-Z, a-z, 0-9, _ and -.
 */
export const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
export const BOT_USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

export function telegramStartLink(botUsername: string, payload: string): string {
  if (!START_PAYLOAD.test(payload)) throw new RangeError('not a Telegram start payload');
  return `https://t.me/${botUsername.replace(/^@/, '')}?start=${payload}`;
}

/** The payload of an asset's QR sticker: `/start a_<asset id>` starts a report on it. */
export const assetStartPayload = (assetId: number) => `a_${assetId}`;
