/**
 * Atlas reads made while a chat message is handled (a status query, "my work orders", the
 * "add to the open work order instead?" check) run inside inbound jobs, and every inbound job
 * holds one of the inbound queue's slots. Unbounded, a slow Atlas (3 attempts × 10 s each) filled
 * every slot and an unrelated "hello" waited ~47 s. Bounded here:
 * - at most `concurrency` reads run at once, and at most `maxWaiting` more wait for one; a read
 *   beyond that fails at once ("Atlas is busy"), so Atlas can never hold more than
 *   concurrency + maxWaiting inbound slots and the rest stay free for every other chat
 *   (the inbound queue runs more jobs than that: jobs/index.ts);
 * - each read has a time budget (waiting included); past it the chat is told Atlas is slow and the
 *   job moves on, while the call itself finishes in the background, still counted against
 *   `concurrency` so Atlas is not flooded.
 * Flows treat a failed read as Atlas being unavailable (a "try again" reply, or no suggestion).
 */
import type { WorkOrderReader } from '../../core/ports.js';

export class AtlasBusyError extends Error {
  constructor(readonly reason: 'busy' | 'slow', what: string) {
    super(reason === 'busy' ? `too many Atlas reads waiting; ${what} not attempted` : `Atlas did not answer ${what} within its time budget`);
    this.name = 'AtlasBusyError';
  }
}

export interface ChatReadLimits {
  /** Reads running at once (default 8). */
  concurrency?: number;
  /** Reads waiting for a turn beyond that (default 8). */
  maxWaiting?: number;
  /** Time budget of a lookup the person asked for: a status, their list (default 8 s). */
  lookupBudgetMs?: number;
  /** Time budget of the optional open-work-order check while drafting (default 3 s). */
  suggestionBudgetMs?: number;
}

export const CHAT_READ_DEFAULTS: Required<ChatReadLimits> = { concurrency: 8, maxWaiting: 8, lookupBudgetMs: 8_000, suggestionBudgetMs: 3_000 };

export function createChatReader(reader: WorkOrderReader, limits: ChatReadLimits = {}): WorkOrderReader & { inFlight(): { running: number; waiting: number } } {
  const l = { ...CHAT_READ_DEFAULTS, ...limits };
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };

  function bounded<T>(what: string, budgetMs: number, call: () => Promise<T>): Promise<T> {
    if (running >= l.concurrency && waiting.length >= l.maxWaiting) return Promise.reject(new AtlasBusyError('busy', what));
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let queued: (() => void) | null = null;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        // Still waiting for a turn: give the place up.
        if (queued) {
          const i = waiting.indexOf(queued);
          if (i >= 0) waiting.splice(i, 1);
        }
        reject(new AtlasBusyError('slow', what));
      }, budgetMs);
      timer.unref?.();
      const start = () => {
        queued = null;
        call().then(
          (v) => {
            release();
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve(v);
          },
          (e: unknown) => {
            release();
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            reject(e);
          },
        );
      };
      if (running < l.concurrency) {
        running++;
        start();
      } else {
        queued = start;
        waiting.push(start);
      }
    });
  }

  return {
    getByNumber: (n) => bounded('a work-order lookup', l.lookupBudgetMs, () => reader.getByNumber(n)),
    byIds: (ids) => bounded('a work-order list', l.lookupBudgetMs, () => reader.byIds(ids)),
    openForAsset: (id) => bounded('the open work-order check', l.suggestionBudgetMs, () => reader.openForAsset(id)),
    inFlight: () => ({ running, waiting: waiting.length }),
  };
}
