/**
 * The Telegram part. Its send side (the transport workers deliver replies with) exists whenever
 * a token is configured; the bot (the adapter in front of the chat engine) is created once the
 * engine exists. The job system needs the inbound processor before the bot can exist (the bot
 * needs the job system's dispatcher, through the engine), so the processor is bound late.
 */
import { Api } from 'grammy';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { ChatEngine } from '../core/conversation/index.js';
import type { ChatTransport, Clock, InboundAcceptor } from '../core/ports.js';
import type { InboundProcessors } from '../jobs/handlers/inbound.js';
import type { Lifecycle } from '../lifecycle.js';
import { API_TIMEOUT_S, createBot, createTelegramTransport, serializePerChat, startPolling, type TelegramBot } from '../bots/telegram/index.js';

export interface TelegramPart {
  /** The Bot API client; null when no TELEGRAM_BOT_TOKEN is set. */
  api: Api | null;
  transports: { telegram?: ChatTransport };
  /** Stored Telegram updates, handed to the bot (one chat's in order). */
  inbound: InboundProcessors;
  /** Creates the bot in front of the engine. `announce` also registers the command menu. */
  startBot(engine: ChatEngine, opts: { announce: boolean }): TelegramBot | null;
  /** Long polling, when there is a token but no webhook secret. */
  startPolling(inbound: InboundAcceptor): Promise<void>;
}

export function wireTelegram(deps: { config: Config; logger: Logger; clock: Clock; lifecycle: Lifecycle }): TelegramPart {
  const settings = deps.config.telegram;
  if (!settings) {
    return { api: null, transports: {}, inbound: {}, startBot: () => null, startPolling: async () => {} };
  }
  const api = new Api(settings.token, { apiRoot: settings.apiRoot, timeoutSeconds: API_TIMEOUT_S });
  let bot: TelegramBot | null = null;
  return {
    api,
    transports: { telegram: createTelegramTransport(api) },
    inbound: {
      telegram: serializePerChat((payload, ctx) => {
        if (!bot) throw new Error('the Telegram bot is not started yet');
        return bot.processUpdate(payload, ctx);
      }),
    },
    startBot(engine, opts) {
      const b = createBot({
        token: settings.token,
        apiRoot: settings.apiRoot,
        engine,
        dataDir: deps.config.dataDir,
        publicUrl: deps.config.publicUrl,
        logger: deps.logger.child({ component: 'telegram' }),
        clock: deps.clock,
      });
      bot = b;
      deps.lifecycle.onShutdown('telegram', () => b.close());
      // getMe and the command menu: best effort; a Telegram outage must not stop Rivet.
      void b
        .init()
        .then(() => (opts.announce ? b.registerCommands() : undefined))
        .catch((err: Error) => deps.logger.warn({ err: err.message }, 'telegram not reachable at start-up; will retry on the first update'));
      return b;
    },
    async startPolling(inbound) {
      if (settings.webhookSecret) return;
      const poller = await startPolling({ api, inbound, logger: deps.logger });
      deps.lifecycle.onShutdown('telegram-polling', () => poller.stop());
    },
  };
}
