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
import { API_TIMEOUT_S, createBot, createTelegramTransport, serializePerChat, startPolling, type Poller, type PollingState, type TelegramBot } from '../bots/telegram/index.js';
import { backoffMs, describeProblem, pause, telegramProblem } from '../bots/telegram/reachability.js';

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
  /** Long polling's state (null in webhook mode or before it starts), for /health. */
  polling(): PollingState | null;
}

/**
 * Asks getMe until Telegram answers (then registers the command menu when `announce`), with
 * backoff, saying once what is wrong (the token refused, or Telegram unreachable) and once that
 * it answers again.
 */
function introduce(b: TelegramBot, o: { announce: boolean; quiet: boolean; logger: Logger; backoff?: { baseMs: number; maxMs: number } }): { stop(): Promise<void> } {
  const stopping = new AbortController();
  const backoff = o.backoff ?? { baseMs: 1_000, maxMs: 5 * 60_000 };
  const run = (async () => {
    let said: string | null = null;
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      try {
        await b.init();
        if (o.announce) await b.registerCommands();
        if (said && !o.quiet) o.logger.info('Telegram answers again');
        return;
      } catch (err) {
        if (stopping.signal.aborted) return;
        const p = telegramProblem(err);
        if (p.kind !== said) {
          said = p.kind;
          const line = describeProblem(p);
          if (o.quiet) o.logger.debug(line);
          else if (p.kind === 'token') o.logger.error(line);
          else o.logger.warn(line);
        }
        await pause(backoffMs(attempt, backoff), stopping.signal);
      }
    }
  })();
  return {
    async stop() {
      stopping.abort();
      b.close();
      await run;
    },
  };
}

export function wireTelegram(deps: { config: Config; logger: Logger; clock: Clock; lifecycle: Lifecycle; backoff?: { baseMs: number; maxMs: number } }): TelegramPart {
  const settings = deps.config.telegram;
  if (!settings) {
    return { api: null, transports: {}, inbound: {}, startBot: () => null, startPolling: async () => {}, polling: () => null };
  }
  const api = new Api(settings.token, { apiRoot: settings.apiRoot, timeoutSeconds: API_TIMEOUT_S });
  let bot: TelegramBot | null = null;
  let polling: Poller | null = null;
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
      // getMe and the command menu: in the background, retried with backoff; a Telegram outage or a
      // refused token must not stop Rivet (the API and /health keep answering; /health says why).
      // With long polling in this process, the poller says what is wrong with Telegram; once is enough.
      const pollsHere = opts.announce && !settings.webhookSecret;
      const introduced = introduce(b, { announce: opts.announce, quiet: pollsHere, logger: deps.logger.child({ component: 'telegram' }), ...(deps.backoff ? { backoff: deps.backoff } : {}) });
      deps.lifecycle.onShutdown('telegram', () => introduced.stop());
      return b;
    },
    async startPolling(inbound) {
      if (settings.webhookSecret) return;
      const poller = startPolling({ api, inbound, logger: deps.logger, ...(deps.backoff ? { options: { backoff: deps.backoff } } : {}) });
      polling = poller;
      deps.lifecycle.onShutdown('telegram-polling', () => poller.stop());
    },
    polling: () => polling?.state() ?? null,
  };
}
