/** The Telegram bot: grammY on top of the conversation flow and the job pipeline. */
export { createBot, ALLOWED_UPDATES, API_TIMEOUT_S, type TelegramBot } from './bot.js';
export { createTelegramTransport } from './transport.js';
export { startPolling, type Poller } from './polling.js';
export { registerCommands, BOT_COMMANDS } from './commands-menu.js';
export type { TelegramBotDeps } from './context.js';
