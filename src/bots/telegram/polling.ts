/**
 * Long polling (no webhook secret): fetch a batch of updates, write each down through the same
 * inbound acceptor as a webhook delivery (so handling is identical in both modes), and only then
 * move the offset past them. Telegram forgets an update once a later offset is asked for, so an
 * update that cannot be written (PostgreSQL away for minutes) is retried with backoff, for as long
 * as it takes, before the next batch is asked for; it is never skipped. Writing twice is harmless
 * (the acceptor dedupes on the update id), so a crash in between only re-delivers.
 *
 * Telegram unreachable or the token refused never throws out of here: the loop says so once per
 * outage, keeps retrying with backoff, and says when Telegram answers again; `state()` tells /health.
 */
import { GrammyError, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { InboundAcceptor } from '../../core/ports.js';
import { ALLOWED_UPDATES } from './bot.js';
import { backoffMs, describeProblem, pause, telegramProblem, type TelegramProblem } from './reachability.js';

export interface PollingState {
  /** Telegram answered the last call. */
  ok: boolean;
  /** What is wrong while not ok (one line, no secrets). */
  problem: string | null;
  /** Updates fetched but not yet written down (PostgreSQL away). */
  unwritten: number;
}

export interface Poller {
  state(): PollingState;
  stop(): Promise<void>;
}

export interface PollingOptions {
  /** Long-poll seconds (inside the Api's own request timeout, API_TIMEOUT_S). */
  timeoutS?: number;
  /** Backoff for Telegram calls and for writing an update down. */
  backoff?: { baseMs: number; maxMs: number };
}

export function startPolling(deps: { api: Api; inbound: InboundAcceptor; logger: Logger; options?: PollingOptions }): Poller {
  const log = deps.logger.child({ component: 'telegram-polling' });
  const backoff = deps.options?.backoff ?? { baseMs: 1_000, maxMs: 60_000 };
  const timeoutS = deps.options?.timeoutS ?? 20;
  const stopping = new AbortController();
  // grammY types its signal parameter with the abort-controller polyfill; Node's is the same thing.
  const signal = stopping.signal as unknown as Parameters<Api['getMe']>[0];
  const state: PollingState = { ok: false, problem: null, unwritten: 0 };
  let failures = 0;
  let lastKind: TelegramProblem['kind'] | null = null;

  function trouble(err: unknown): number {
    const p = telegramProblem(err);
    failures++;
    state.ok = false;
    state.problem = describeProblem(p);
    // Once per outage (and again if its nature changes), not once per attempt.
    if (p.kind !== lastKind) {
      lastKind = p.kind;
      if (p.kind === 'token') log.error(state.problem);
      else log.warn(state.problem);
    }
    return backoffMs(failures, backoff);
  }

  function answered(): void {
    if (lastKind) log.info('Telegram answers again; long polling resumed');
    failures = 0;
    lastKind = null;
    state.ok = true;
    state.problem = null;
  }

  /** Writes one update down, retrying until it is stored or polling stops. */
  async function write(update: Update): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.inbound.accept('telegram', String(update.update_id), update);
        return true;
      } catch (err) {
        if (stopping.signal.aborted) return false;
        if (attempt === 1) log.warn({ updateId: update.update_id, err: (err as Error).message }, 'could not store a telegram update; holding the offset and retrying');
        await pause(backoffMs(attempt, backoff), stopping.signal);
        if (stopping.signal.aborted) return false;
      }
    }
  }

  /** A webhook left registered makes getUpdates fail (409): remove it, however long that takes. */
  async function removeWebhook(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        await deps.api.deleteWebhook({ drop_pending_updates: false }, signal);
        answered();
        return;
      } catch (err) {
        if (stopping.signal.aborted) return;
        await pause(trouble(err), stopping.signal);
      }
    }
  }

  async function loop(): Promise<void> {
    await removeWebhook();
    log.info('long polling for telegram updates');
    let offset: number | undefined;
    while (!stopping.signal.aborted) {
      let updates: Update[];
      try {
        updates = await deps.api.getUpdates({ ...(offset === undefined ? {} : { offset }), timeout: timeoutS, allowed_updates: [...ALLOWED_UPDATES] }, signal);
        answered();
      } catch (err) {
        if (stopping.signal.aborted) return;
        await pause(trouble(err), stopping.signal);
        // Someone registered a webhook meanwhile: long polling is what this process was told to do.
        if (err instanceof GrammyError && err.error_code === 409 && /webhook/i.test(err.description)) await removeWebhook();
        continue;
      }
      state.unwritten = updates.length;
      // In order, one at a time: the offset only ever moves past updates that are written down.
      for (const update of updates) {
        if (!(await write(update))) return;
        offset = update.update_id + 1;
        state.unwritten--;
      }
    }
  }

  const running = loop().catch((err: unknown) => log.error({ err: (err as Error).message }, 'long polling stopped unexpectedly'));
  return {
    state: () => ({ ...state }),
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
