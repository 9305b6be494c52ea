/**
 * Long polling (no webhook secret): @grammyjs/runner fetches updates and each one goes through
 * the same inbound acceptor as a webhook delivery, so handling is identical in both modes.
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { InboundAcceptor } from '../../core/ports.js';
import { ALLOWED_UPDATES } from './bot.js';

export interface Poller {
  stop(): Promise<void>;
}

export async function startPolling(deps: { api: Api; inbound: InboundAcceptor; logger: Logger }): Promise<Poller> {
  const log = deps.logger.child({ component: 'telegram-polling' });
  await deps.api.deleteWebhook({ drop_pending_updates: false });
  const handle: RunnerHandle = run<Update, void>(
    {
      api: deps.api,
      errorHandler: async (err) => log.error({ err: String(err) }, 'polling handler failed'),
      async handleUpdate(update) {
        // The runner has already moved its offset past this update: keep trying to write it down.
        for (let attempt = 1; ; attempt++) {
          try {
            await deps.inbound.accept('telegram', String(update.update_id), update);
            return;
          } catch (err) {
            if (attempt >= 10 || !handle.isRunning()) {
              log.error({ updateId: update.update_id, err: (err as Error).message }, 'update lost: could not be stored');
              return;
            }
            await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 5_000)));
          }
        }
      },
    },
    // The long poll (20 s) stays inside the Api's own request timeout (API_TIMEOUT_S).
    { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 20 } }, sink: { concurrency: 16 } },
  );
  log.info('long polling for telegram updates');
  return {
    async stop() {
      if (handle.isRunning()) await handle.stop();
    },
  };
}
