/**
 * createBot(deps): the Telegram adapter, a grammY bot with one Composer per feature. It only
 * translates: updates into chat-engine inputs (group rules, mention stripping, downloads),
 * the engine's toasts into callback answers. Replies leave through the job pipeline and the
 * Telegram transport. Updates reach it through the job pipeline too (webhook or long polling →
 * inbound queue → `processUpdate`), never straight from HTTP.
 */
import { Bot, BotError, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { arrival } from './arrival.js';
import type { BotServices, RivetContext, TelegramBotDeps } from './context.js';
import { registerCommands } from './commands-menu.js';
import { createTelegramFiles } from './files.js';
import { groupRules } from './groups.js';
import { callbacksFeature } from './features/callbacks.js';
import { commandsFeature } from './features/commands.js';
import { mediaFeature } from './features/media.js';
import { membershipFeature } from './features/membership.js';
import { reportFeature } from './features/report.js';
import { startFeature } from './features/start.js';
import { unsupportedFeature } from './features/unsupported.js';

export interface TelegramBot {
  bot: Bot<RivetContext>;
  api: Api;
  /** getMe (once it succeeds); a failure throws, and the next call asks again. */
  init(): Promise<void>;
  /** Registers the command menu (setMyCommands). */
  registerCommands(): Promise<void>;
  /** Gives up a getMe still retrying (Telegram unreachable), so shutdown is not held. */
  close(): void;
  /** The inbound job's processor: one stored update, handled. */
  processUpdate(update: unknown, ctx: { jobId: string; logger: Logger }): Promise<void>;
}

/** Updates the bot reads; everything else is acknowledged and dropped. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** grammY waits 500 s for an API call by default; a job should fail and retry well before. */
export const API_TIMEOUT_S = 30;

export function createBot(deps: TelegramBotDeps): TelegramBot {
  const bot = new Bot<RivetContext>(deps.token, {
    client: { apiRoot: deps.apiRoot, timeoutSeconds: API_TIMEOUT_S },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  const files = createTelegramFiles({ api: bot.api, token: deps.token, apiRoot: deps.apiRoot, dataDir: deps.dataDir, publicUrl: deps.publicUrl, clock: deps.clock });
  const services: BotServices = { deps, files };

  bot.use(async (ctx, next) => {
    if (ctx.message || ctx.callbackQuery) return next();
    deps.logger.info({ updateId: ctx.update.update_id, kinds: Object.keys(ctx.update).filter((k) => k !== 'update_id') }, 'unsupported update ignored');
  });
  bot.use(groupRules());
  // Each update's log lines carry the job that runs it (its id), besides the update and event.
  const jobLogs = new Map<number, Logger>();
  bot.use(arrival({ ...deps, loggerFor: (id) => jobLogs.get(id) }));
  bot.use(membershipFeature());
  bot.use(startFeature());
  bot.use(commandsFeature());
  bot.use(callbacksFeature());
  bot.use(mediaFeature(services));
  bot.use(reportFeature());
  bot.use(unsupportedFeature());

  // One getMe per attempt (grammY's own init retries network errors silently for up to 20
  // minutes between tries): a failure reaches the caller, who decides when to try again.
  const stop = new AbortController();
  let initialising: Promise<void> | null = null;
  const init = () => {
    if (bot.isInited()) return Promise.resolve();
    initialising ??= bot.api
      .getMe(stop.signal as Parameters<typeof bot.api.getMe>[0])
      .then((me) => {
        if (!bot.isInited()) bot.botInfo = me;
      })
      .finally(() => (initialising = null));
    return initialising;
  };

  return {
    bot,
    api: bot.api,
    init,
    registerCommands: () => registerCommands(bot.api),
    close: () => stop.abort(),
    async processUpdate(payload, ctx) {
      if (!payload || typeof payload !== 'object' || !Number.isSafeInteger((payload as Update).update_id)) {
        ctx.logger.warn('malformed telegram update dropped');
        return;
      }
      await init();
      const updateId = (payload as Update).update_id;
      jobLogs.set(updateId, ctx.logger);
      try {
        await bot.handleUpdate(payload as Update);
      } catch (err) {
        const cause = err instanceof BotError ? err.error : err;
        // A bug handling this update will not go away by retrying it: log it and move on.
        // Anything else (database, Redis, Telegram unreachable) is thrown so the job retries.
        if (isBug(cause)) {
          ctx.logger.error({ err: cause, updateId: (payload as Update).update_id }, 'update handling failed (bug); not retried');
          return;
        }
        throw cause;
      } finally {
        jobLogs.delete(updateId);
      }
    },
  };
}

/** Errors of the code itself, as opposed to a dependency being unavailable ("fetch failed" is a TypeError too). */
function isBug(err: unknown): boolean {
  if (err instanceof TypeError) return !/fetch failed|network|socket|ECONN/i.test(err.message);
  return err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError;
}
