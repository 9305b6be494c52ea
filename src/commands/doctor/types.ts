/** One line of `rivet doctor`: a part, how it is, and what to do when it is not well. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'off';

export interface CheckResult {
  part: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

export interface CheckDeps {
  fetch: typeof fetch;
  /** Per request. */
  timeoutMs: number;
}

export const ok = (part: string, detail: string): CheckResult => ({ part, status: 'ok', detail });
export const off = (part: string, detail: string): CheckResult => ({ part, status: 'off', detail });
export const warn = (part: string, detail: string, fix: string): CheckResult => ({ part, status: 'warn', detail, fix });
export const fail = (part: string, detail: string, fix: string): CheckResult => ({ part, status: 'fail', detail, fix });

/** A network error's code (ECONNREFUSED, ENOTFOUND, …), looking through fetch's `cause`. */
export function networkCode(err: unknown): string {
  const e = err as { code?: string; name?: string; cause?: { code?: string; name?: string }; message?: string };
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError') return 'timed out';
  return e?.code ?? e?.cause?.code ?? (e?.cause as { message?: string } | undefined)?.message ?? e?.message ?? String(err);
}

export function hostOf(url: string, defaultPort?: number): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : defaultPort ? `:${defaultPort}` : ''}`;
  } catch {
    return url;
  }
}
