/**
 * Errors split by cause, so callers can tell a technician or a supervisor exactly what is wrong.
 * Messages and toJSON() never contain credentials: only status, Atlas's own message, method and path.
 */
export type AtlasErrorCode = 'api' | 'network' | 'auth' | 'license' | 'response';

export abstract class AtlasError extends Error {
  abstract readonly code: AtlasErrorCode;
  abstract readonly retryable: boolean;
  readonly method: string;
  readonly path: string;

  constructor(message: string, method: string, path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.method = method;
    this.path = path;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, method: this.method, path: this.path, retryable: this.retryable };
  }
}

/** Atlas answered, and the answer was no (4xx/5xx with its message). */
export class AtlasApiError extends AtlasError {
  readonly code = 'api' as const;
  readonly status: number;
  readonly atlasMessage: string | null;

  constructor(p: { status: number; atlasMessage: string | null; method: string; path: string }) {
    super(`Atlas ${p.method} ${p.path} failed with ${p.status}${p.atlasMessage ? `: ${p.atlasMessage}` : ''}`, p.method, p.path);
    this.status = p.status;
    this.atlasMessage = p.atlasMessage;
  }

  get retryable(): boolean {
    return isRetryableStatus(this.status);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, atlasMessage: this.atlasMessage };
  }
}

export type AtlasNetworkFailure = 'timeout' | 'unreachable' | 'dropped';

/** Atlas could not be reached, did not answer in time, or the connection broke mid-request. */
export class AtlasNetworkError extends AtlasError {
  readonly code = 'network' as const;
  readonly retryable = true;
  readonly failure: AtlasNetworkFailure;

  constructor(p: { failure: AtlasNetworkFailure; method: string; path: string; detail?: string; cause?: unknown }) {
    const what = p.failure === 'timeout' ? 'timed out' : p.failure === 'unreachable' ? 'could not reach Atlas' : 'connection dropped';
    super(`Atlas ${p.method} ${p.path} ${what}${p.detail ? ` (${p.detail})` : ''}`, p.method, p.path, { cause: p.cause });
    this.failure = p.failure;
  }

  /** True when the request can't have reached Atlas (safe to repeat even if not idempotent). */
  get neverSent(): boolean {
    return this.failure === 'unreachable';
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), failure: this.failure };
  }
}

export type AtlasAuthFailure = 'invalid_credentials' | 'refresh_failed' | 'unauthenticated' | 'api_key_rejected' | 'wrong_url';

/** What a 404 on sign-in almost always means. */
export const ATLAS_URL_HINT = 'nothing answers Atlas sign-in at ATLAS_URL: it must be the address of Atlas\'s API, which usually ends in /api (e.g. https://atlas.example.com/api)';

/** The bot's Atlas credentials don't work (wrong password, revoked key, refresh and sign-in both failed). */
export class AtlasAuthError extends AtlasError {
  readonly code = 'auth' as const;
  readonly retryable = false;
  readonly reason: AtlasAuthFailure;
  readonly status: number | null;
  readonly atlasMessage: string | null;

  constructor(p: { reason: AtlasAuthFailure; method: string; path: string; status?: number | null; atlasMessage?: string | null }) {
    super(`Atlas authentication failed (${p.reason}) on ${p.method} ${p.path}${p.atlasMessage ? `: ${p.atlasMessage}` : ''}`, p.method, p.path);
    this.reason = p.reason;
    this.status = p.status ?? null;
    this.atlasMessage = p.atlasMessage ?? null;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, status: this.status, atlasMessage: this.atlasMessage };
  }
}

export type AtlasLicenseKind = 'api_key' | 'files' | 'webhooks' | 'open_work_orders' | 'users' | 'other';

const LICENSE_HINTS: Record<AtlasLicenseKind, string> = {
  api_key: 'this Atlas instance is not licensed for API keys; use the bot account email and password',
  files: 'this Atlas instance is not licensed for file attachments',
  webhooks: 'this Atlas instance is not licensed for webhooks (or the bot account lacks the Settings permission)',
  open_work_orders: 'the free limit of 30 open work orders is reached; complete some or license Atlas',
  users: 'the free limit of 5 users on paid roles is reached',
  other: 'this Atlas instance lacks a licence for this feature',
};

/** Atlas refused because the instance (or plan) lacks a licence entitlement or hit a free-tier cap. */
export class AtlasLicenseError extends AtlasError {
  readonly code = 'license' as const;
  readonly retryable = false;
  readonly kind: AtlasLicenseKind;
  readonly status: number;
  readonly atlasMessage: string | null;

  constructor(p: { kind: AtlasLicenseKind; status: number; atlasMessage: string | null; method: string; path: string }) {
    super(`Atlas licence limit on ${p.method} ${p.path}: ${LICENSE_HINTS[p.kind]}${p.atlasMessage ? ` (${p.atlasMessage})` : ''}`, p.method, p.path);
    this.kind = p.kind;
    this.status = p.status;
    this.atlasMessage = p.atlasMessage;
  }

  /** A sentence for a person (technician or supervisor). */
  get hint(): string {
    return LICENSE_HINTS[this.kind];
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), kind: this.kind, status: this.status, atlasMessage: this.atlasMessage };
  }
}

/** Atlas answered 2xx, but the body was not the JSON we expect (malformed, or an unexpected shape). */
export class AtlasResponseError extends AtlasError {
  readonly code = 'response' as const;
  readonly retryable = false;
  readonly status: number;
  readonly detail: string;

  constructor(p: { status: number; detail: string; method: string; path: string; cause?: unknown }) {
    super(`Atlas ${p.method} ${p.path} returned an unexpected response (${p.status}): ${p.detail}`, p.method, p.path, { cause: p.cause });
    this.status = p.status;
    this.detail = p.detail;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, detail: this.detail };
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

export function isAtlasError(e: unknown): e is AtlasError {
  return e instanceof AtlasError;
}

/** How an API layer should answer when Atlas fails: 503 when Atlas is down/slow/limited, 502 when it misbehaved. */
export function httpStatusForAtlasError(e: AtlasError): { status: 502 | 503; reason: string } {
  if (e instanceof AtlasNetworkError) return { status: 503, reason: `Atlas unavailable: ${e.failure}` };
  if (e instanceof AtlasApiError && (e.status === 503 || e.status === 429)) return { status: 503, reason: `Atlas unavailable (${e.status})` };
  if (e instanceof AtlasAuthError) return { status: 503, reason: `Atlas authentication failed: ${e.reason}` };
  if (e instanceof AtlasLicenseError) return { status: 503, reason: `Atlas licence limit: ${e.kind}` };
  if (e instanceof AtlasResponseError) return { status: 502, reason: 'Atlas returned a malformed response' };
  return { status: 502, reason: e instanceof AtlasApiError ? `Atlas error ${e.status}` : 'Atlas error' };
}
