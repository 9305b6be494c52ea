/**
 * The bot's Atlas credentials (contract §2). API key: a fixed `x-api-key` header. Password: one sign-in,
 * the JWT cached until shortly before `expiresAt`, rotated through /auth/refresh, and a fresh sign-in only
 * when refresh fails. Atlas allows 20 sign-ins a minute per address (§1.5), so renewals are single-flight
 * and a refused password is not retried for a cool-down period.
 */
import type { Logger } from 'pino';
import { ATLAS_URL_HINT, AtlasApiError, AtlasAuthError, AtlasError, AtlasLicenseError, AtlasNetworkError } from './errors.js';
import { authResponseSchema } from './schemas.js';
import type { Credentials, Transport } from './transport.js';

export type AtlasAuthConfig = { kind: 'apiKey'; apiKey: string } | { kind: 'password'; email: string; password: string };

interface Session {
  access: string;
  refresh: string;
  expiresAt: number;
  issuedAt: number;
}

const DEFAULT_TTL_MS = 30 * 60_000;
const MAX_SKEW_MS = 60_000;
const SIGN_IN_COOLDOWN_MS = 30_000;

export function createCredentials(deps: {
  auth: AtlasAuthConfig;
  transport: () => Transport;
  clock: { now(): Date };
  logger: Logger;
}): Credentials {
  const { auth } = deps;
  if (auth.kind === 'apiKey') {
    const headers = { 'x-api-key': auth.apiKey };
    return {
      mode: 'apiKey',
      headers: async () => headers,
      async renew() {
        /* an API key cannot be renewed; the transport reports the rejection */
      },
    };
  }

  let session: Session | null = null;
  let inflight: Promise<void> | null = null;
  let refusedUntil = 0;
  let refusal: AtlasAuthError | null = null;
  const now = () => deps.clock.now().getTime();
  const log = deps.logger.child({ component: 'atlas-auth' });

  function adopt(r: { accessToken: string; refreshToken: string; expiresAt: Date | null }): void {
    const issuedAt = now();
    session = { access: r.accessToken, refresh: r.refreshToken, issuedAt, expiresAt: r.expiresAt?.getTime() ?? issuedAt + DEFAULT_TTL_MS };
  }

  function stale(s: Session): boolean {
    const skew = Math.min(MAX_SKEW_MS, (s.expiresAt - s.issuedAt) * 0.1);
    return now() >= s.expiresAt - skew;
  }

  async function signIn(): Promise<void> {
    if (refusal && now() < refusedUntil) throw refusal;
    try {
      const r = await deps.transport().call(
        { method: 'POST', path: '/auth/signin', body: { email: auth.kind === 'password' ? auth.email : '', password: auth.kind === 'password' ? auth.password : '', type: 'CLIENT' }, auth: false, idempotent: true },
        authResponseSchema,
      );
      adopt(r);
      refusal = null;
      log.info('signed in to Atlas');
    } catch (e) {
      if (e instanceof AtlasApiError && (e.status === 403 || e.status === 400 || e.status === 401)) {
        refusal = new AtlasAuthError({ reason: 'invalid_credentials', method: 'POST', path: '/auth/signin', status: e.status, atlasMessage: e.atlasMessage });
        refusedUntil = now() + SIGN_IN_COOLDOWN_MS;
        log.error({ status: e.status, atlasMessage: e.atlasMessage }, 'Atlas refused the bot credentials');
        throw refusal;
      }
      if (e instanceof AtlasApiError && e.status === 404) {
        log.error({ status: e.status }, ATLAS_URL_HINT);
        throw new AtlasAuthError({ reason: 'wrong_url', method: 'POST', path: '/auth/signin', status: 404, atlasMessage: ATLAS_URL_HINT });
      }
      throw e;
    }
  }

  async function refresh(s: Session): Promise<boolean> {
    try {
      // Not idempotent: the old refresh token is revoked on use (rotation), so never repeat a sent refresh.
      const r = await deps.transport().call(
        { method: 'POST', path: '/auth/refresh', body: { refreshToken: s.refresh }, auth: false, idempotent: false },
        authResponseSchema,
      );
      adopt(r);
      log.debug('refreshed Atlas token');
      return true;
    } catch (e) {
      if (e instanceof AtlasNetworkError && e.neverSent) throw e;
      if (e instanceof AtlasError && !(e instanceof AtlasLicenseError)) {
        log.warn({ err: e.toJSON() }, 'Atlas token refresh failed; signing in again');
        return false;
      }
      throw e;
    }
  }

  function renewFrom(rejectedAccess: string | null): Promise<void> {
    if (inflight) return inflight;
    if (rejectedAccess !== null && session && session.access !== rejectedAccess && !stale(session)) return Promise.resolve();
    const current = session;
    inflight = (async () => {
      if (current && !(await refresh(current))) session = null;
      if (!session || session === current) await signIn();
    })().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    mode: 'password',
    async headers() {
      if (!session || stale(session)) await renewFrom(session?.access ?? null);
      if (!session) throw new AtlasAuthError({ reason: 'unauthenticated', method: 'POST', path: '/auth/signin' });
      return { authorization: `Bearer ${session.access}` };
    },
    async renew(rejected) {
      const access = rejected.authorization?.replace(/^Bearer /, '') ?? null;
      await renewFrom(access);
    },
  };
}
