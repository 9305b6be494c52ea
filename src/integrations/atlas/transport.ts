/**
 * One HTTP exchange with Atlas, plus timeouts, retries (network errors, 429, 502, 503, 504 only; exponential
 * backoff with jitter), the §2.4 refresh-once-and-retry rule, and zod validation of what comes back.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { AtlasApiError, AtlasAuthError, AtlasError, AtlasNetworkError, AtlasResponseError } from './errors.js';
import { atlasMessageOf, errorForStatus } from './classify.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RequestSpec {
  method: HttpMethod;
  /** Path under the API root, starting with '/'. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  form?: FormData;
  /** Send the bot's credentials (false only for /auth/signin, /auth/refresh, /auth/signup, /health-check). */
  auth: boolean;
  /** Safe to repeat when it is unknown whether Atlas processed the first try (timeouts, dropped connections, 502/504). */
  idempotent: boolean;
  /** Set false to make exactly one attempt (callers that handle ambiguity themselves). */
  retry?: boolean;
}

/** Supplies credentials; `renew` is called when Atlas rejected the ones we sent (§2.4). */
export interface Credentials {
  readonly mode: 'apiKey' | 'password';
  headers(): Promise<Record<string, string>>;
  renew(rejected: Record<string, string>): Promise<void>;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface TransportDeps {
  baseUrl: string;
  logger: Logger;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch: typeof fetch;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  credentials: () => Credentials;
}

export interface Transport {
  call<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.output<S>>;
  /** For answers with no useful body (deletes); the status is checked, the body is not validated. */
  callVoid(spec: RequestSpec): Promise<void>;
  backoffMs(attempt: number): number;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

function networkError(e: unknown, method: string, path: string): AtlasNetworkError {
  const err = e as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || err?.cause?.name === 'TimeoutError') {
    return new AtlasNetworkError({ failure: 'timeout', method, path, cause: e });
  }
  const code = err?.cause?.code ?? err?.code;
  if (code && UNREACHABLE.has(code)) return new AtlasNetworkError({ failure: 'unreachable', method, path, detail: code, cause: e });
  return new AtlasNetworkError({ failure: 'dropped', method, path, ...(code ? { detail: code } : {}), cause: e });
}

export function createTransport(deps: TransportDeps): Transport {
  const root = deps.baseUrl.replace(/\/+$/, '');

  function backoffMs(attempt: number): number {
    const ceiling = Math.min(deps.retry.maxDelayMs, deps.retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + deps.random() * (ceiling / 2));
  }

  async function send(spec: RequestSpec, authHeaders: Record<string, string>): Promise<{ status: number; text: string }> {
    const qs = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : '';
    const headers: Record<string, string> = { accept: 'application/json', ...authHeaders };
    let body: string | FormData | undefined;
    if (spec.form) body = spec.form;
    else if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }
    const signal = AbortSignal.timeout(deps.timeoutMs);
    try {
      const res = await deps.fetch(`${root}${spec.path}${qs}`, { method: spec.method, headers, body: body ?? null, signal });
      const text = await res.text();
      return { status: res.status, text };
    } catch (e) {
      throw networkError(e, spec.method, spec.path);
    }
  }

  function rejectedCredentials(status: number, text: string): boolean {
    return status === 401 || (status === 403 && text.trim() === '');
  }

  /** Errors from signing in or refreshing: already retried there, so not retried again per call (§1.5 sign-in limit). */
  const fromCredentials = new WeakSet<object>();
  async function viaCredentials<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (e) {
      if (e && typeof e === 'object') fromCredentials.add(e);
      throw e;
    }
  }

  async function once(spec: RequestSpec): Promise<{ status: number; text: string }> {
    const creds = spec.auth ? deps.credentials() : null;
    const sent = creds ? await viaCredentials(creds.headers()) : {};
    let res = await send(spec, sent);
    if (creds && rejectedCredentials(res.status, res.text)) {
      // §2.4: 401 or an empty-body 403 means the credential is gone: renew once and retry. An API key can't be renewed.
      if (creds.mode === 'apiKey') {
        throw new AtlasAuthError({ reason: 'api_key_rejected', method: spec.method, path: spec.path, status: res.status, atlasMessage: atlasMessageOf(res.text) });
      }
      await viaCredentials(creds.renew(sent));
      res = await send(spec, await viaCredentials(creds.headers()));
      if (rejectedCredentials(res.status, res.text)) {
        throw new AtlasAuthError({
          reason: 'unauthenticated',
          method: spec.method,
          path: spec.path,
          status: res.status,
        });
      }
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw errorForStatus({ status: res.status, body: res.text, method: spec.method, path: spec.path, apiKeyMode: creds?.mode === 'apiKey' });
  }

  function worthRetrying(e: unknown, spec: RequestSpec): boolean {
    if (spec.retry === false || (e && typeof e === 'object' && fromCredentials.has(e))) return false;
    if (e instanceof AtlasNetworkError) return spec.idempotent || e.neverSent;
    if (e instanceof AtlasApiError && e.retryable) return spec.idempotent || e.status === 429 || e.status === 503;
    return false;
  }

  async function exchange(spec: RequestSpec): Promise<{ status: number; text: string; log: Logger }> {
    const log = deps.logger.child({ atlasReq: randomUUID().slice(0, 8) });
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await once(spec);
        log.debug({ method: spec.method, path: spec.path, status: res.status, attempt, ms: Math.round(performance.now() - started) }, 'atlas call');
        return { ...res, log };
      } catch (e) {
        if (attempt >= deps.retry.attempts || !worthRetrying(e, spec)) {
          const info = e instanceof AtlasError ? e.toJSON() : { message: String(e) };
          log.debug({ err: info, attempt, ms: Math.round(performance.now() - started) }, 'atlas call failed');
          throw e;
        }
        const delay = backoffMs(attempt);
        log.warn({ method: spec.method, path: spec.path, attempt, delayMs: delay, err: (e as AtlasError).toJSON() }, 'atlas call failed, retrying');
        await deps.sleep(delay);
      }
    }
  }

  return {
    retry: deps.retry,
    timeoutMs: deps.timeoutMs,
    sleep: deps.sleep,
    backoffMs,
    async call(spec, schema) {
      const { status, text } = await exchange(spec);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new AtlasResponseError({ status, detail: text.trim() ? 'body is not JSON' : 'empty body', method: spec.method, path: spec.path, cause: e });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const detail = parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; ');
        throw new AtlasResponseError({ status, detail, method: spec.method, path: spec.path });
      }
      return parsed.data;
    },
    async callVoid(spec) {
      await exchange(spec);
    },
  };
}
