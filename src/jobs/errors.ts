/**
 * How a failure is treated: transient ones back off and retry (for a day and more),
 * permanent ones fail at once with a cause a person can act on.
 */
import {
  AtlasApiError, AtlasAuthError, AtlasError, AtlasLicenseError, AtlasNetworkError, AtlasResponseError,
} from '../integrations/atlas/index.js';
import type { FailureCause } from '../core/notices.js';
import { PermanentSendError, RateLimitedError } from '../core/ports.js';

/** Give up now; the cause says why, for the notice. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
  constructor(readonly failure: FailureCause, message?: string) {
    super(message ?? `permanent failure: ${failure.kind}`);
  }
}

/** Atlas is not configured in this deployment. */
export class AtlasNotConfiguredError extends PermanentJobError {
  constructor() {
    super({ kind: 'atlas_not_configured' }, 'Atlas is not configured');
  }
}

export type Classified =
  | { kind: 'transient'; reason: string; retryAfterMs?: number }
  | { kind: 'permanent'; cause: FailureCause; reason: string };

export function classify(err: unknown): Classified {
  const reason = err instanceof Error ? err.message : String(err);
  if (err instanceof PermanentJobError) return { kind: 'permanent', cause: err.failure, reason };
  if (err instanceof AtlasLicenseError) return { kind: 'permanent', cause: { kind: 'license', license: err.kind, detail: err.atlasMessage }, reason };
  // Credentials can be fixed by an administrator while the report waits: keep trying.
  if (err instanceof AtlasAuthError) return { kind: 'transient', reason };
  if (err instanceof AtlasNetworkError) return { kind: 'transient', reason };
  // A 2xx with a body we can't read (a proxy page, a cut response) may hide a success: retry,
  // and a create's retry finds its work order by the marker first.
  if (err instanceof AtlasResponseError) return { kind: 'transient', reason };
  if (err instanceof AtlasApiError) {
    if (err.retryable) return { kind: 'transient', reason };
    if (err.status === 404) return { kind: 'permanent', cause: { kind: 'not_found', what: 'such work order' }, reason };
    return { kind: 'permanent', cause: { kind: 'rejected', status: err.status, detail: err.atlasMessage }, reason };
  }
  if (err instanceof AtlasError) return err.retryable ? { kind: 'transient', reason } : { kind: 'permanent', cause: { kind: 'rejected', status: null, detail: null }, reason };
  if (err instanceof RateLimitedError) return { kind: 'transient', reason, retryAfterMs: err.retryAfterS * 1000 };
  if (err instanceof PermanentSendError) return { kind: 'permanent', cause: { kind: 'rejected', status: null, detail: err.message }, reason };
  // PostgreSQL refused the data itself (class 22 data exception: a bad value, a string too long;
  // class 23 integrity violation: a broken reference, a check): the same input fails the same way
  // tomorrow, so retrying for a day only hides it. Connection and lock errors stay transient.
  const sqlState = sqlStateOf(err);
  if (sqlState && /^2[23]/.test(sqlState)) return { kind: 'permanent', cause: { kind: 'internal' }, reason: `database refused the data (SQLSTATE ${sqlState}): ${reason}` };
  // Our own database or Redis hiccups, programming errors: retrying is the safe default.
  return { kind: 'transient', reason };
}

/**
 * The SQLSTATE of a PostgreSQL error (node-postgres and PGlite both put it in `code`), looked for
 * through `cause` too: drizzle wraps driver errors in a DrizzleQueryError.
 */
export function sqlStateOf(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    // Node's own codes (EPIPE) are letters only; every SQLSTATE has a digit.
    if (typeof code === 'string' && /^(?=.*\d)[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}
