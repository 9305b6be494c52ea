/**
 * Health checks with a deadline each: an outside service that hangs shows as
 * "down (timed out)" instead of hanging /health.
 */
export type CheckStatus = 'up' | 'down' | 'disabled';
export interface CheckResult {
  status: CheckStatus;
  latencyMs: number;
  error?: string;
  details?: Record<string, unknown>;
}
/** A check resolves (optionally with details) when the dependency is usable, and throws otherwise. */
export type HealthCheck = () => Promise<void | Record<string, unknown>>;

export const CHECK_NAMES = ['database', 'redis', 'atlas', 'stripe', 'telegram', 'slack'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export async function runCheck(check: HealthCheck | null | undefined, timeoutMs: number): Promise<CheckResult> {
  if (!check) return { status: 'disabled', latencyMs: 0 };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const details = await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    const result: CheckResult = { status: 'up', latencyMs: Math.round(performance.now() - started) };
    if (details) result.details = details;
    return result;
  } catch (err) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function runChecks(
  checks: Partial<Record<CheckName, HealthCheck | null>>,
  timeoutMs: number,
): Promise<Record<CheckName, CheckResult>> {
  const entries = await Promise.all(CHECK_NAMES.map(async (name) => [name, await runCheck(checks[name], timeoutMs)] as const));
  return Object.fromEntries(entries) as Record<CheckName, CheckResult>;
}
