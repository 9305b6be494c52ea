/** `rivet telegram:set-webhook`: registers PUBLIC_URL/telegram/webhook (with the secret) and the command menu. */
import { Api } from 'grammy';
import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import { ALLOWED_UPDATES } from './bot.js';
import { registerCommands } from './commands-menu.js';

export async function setWebhookCommand(config: Config, logger: Logger, out: NodeJS.WritableStream): Promise<number> {
  if (!config.telegram) {
    out.write('rivet: TELEGRAM_BOT_TOKEN is not set\n');
    return 78;
  }
  if (!config.publicUrl || !config.telegram.webhookSecret) {
    out.write('rivet: telegram:set-webhook needs PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET (without a secret Rivet uses long polling)\n');
    return 78;
  }
  const api = new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot });
  const url = `${config.publicUrl}/telegram/webhook`;
  await api.setWebhook(url, { secret_token: config.telegram.webhookSecret, allowed_updates: [...ALLOWED_UPDATES], max_connections: 40 });
  await registerCommands(api);
  logger.info({ url }, 'telegram webhook registered');
  out.write(`Telegram webhook set to ${url}\n`);
  return 0;
}
