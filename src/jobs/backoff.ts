/**
 * Exponential backoff with full jitter on the upper half, capped: 1 s, 2 s, 4 s … up to the cap
 * (default 10 minutes). The retry window, not an attempt count, ends the retries (see runner.ts),
 * so the attempt limit is set far beyond what the window can use.
 */
export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1_000, maxMs: 10 * 60_000 };
/** Enough attempts that only the retry window stops a transient failure. */
export const UNBOUNDED_ATTEMPTS = 1_000_000;

export function backoffDelay(attemptsMade: number, s: BackoffSettings): number {
  const exp = Math.min(s.maxMs, s.baseMs * 2 ** Math.min(Math.max(attemptsMade - 1, 0), 30));
  const r = (s.random ?? Math.random)();
  return Math.round(exp / 2 + (exp / 2) * r);
}
