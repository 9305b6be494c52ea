/**
 * What a failed Bot API call says about Telegram as a whole, for one honest log line: the token
 * refused (401/404: fix TELEGRAM_BOT_TOKEN, retrying alone will not help), Telegram unreachable
 * or failing (network, 5xx, 429: retried with backoff), or something else.
 */
import { GrammyError, HttpError } from 'grammy';

export type TelegramProblem = { kind: 'token' | 'unreachable' | 'other'; detail: string };

export function telegramProblem(err: unknown): TelegramProblem {
  if (err instanceof GrammyError) {
    if (err.error_code === 401 || err.error_code === 404) return { kind: 'token', detail: `${err.error_code} ${err.description}` };
    if (err.error_code >= 500 || err.error_code === 429) return { kind: 'unreachable', detail: `${err.error_code} ${err.description}` };
    return { kind: 'other', detail: `${err.error_code} ${err.description}` };
  }
  if (err instanceof HttpError) {
    const cause = err.error as { code?: unknown; message?: unknown } | undefined;
    return { kind: 'unreachable', detail: String(cause?.code ?? cause?.message ?? err.message) };
  }
  return { kind: 'other', detail: err instanceof Error ? err.message : String(err) };
}

export function describeProblem(p: TelegramProblem): string {
  if (p.kind === 'token') return `Telegram refused TELEGRAM_BOT_TOKEN (${p.detail}): check the token with @BotFather; Rivet keeps serving and retries`;
  if (p.kind === 'unreachable') return `Telegram is unreachable (${p.detail}); Rivet keeps serving and retries with backoff`;
  return `Telegram call failed (${p.detail}); retrying with backoff`;
}

/** Backoff between attempts: doubling from baseMs up to maxMs. */
export function backoffMs(attempt: number, base: { baseMs: number; maxMs: number }): number {
  return Math.min(base.baseMs * 2 ** Math.max(0, attempt - 1), base.maxMs);
}

/** Sleeps, or returns early when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
