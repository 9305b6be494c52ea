/** The Telegram adapter: grammY translating updates for the chat engine, and the Telegram transport for replies. */
export { createBot, ALLOWED_UPDATES, API_TIMEOUT_S, type TelegramBot } from './bot.js';
export { createTelegramTransport } from './transport.js';
export { startPolling, type Poller, type PollingState } from './polling.js';
export { serializePerChat } from './ordering.js';
export { registerCommands, BOT_COMMANDS } from './commands-menu.js';
export type { TelegramBotDeps } from './context.js';
export { createBotUsername, type BotUsername } from './username.js';
