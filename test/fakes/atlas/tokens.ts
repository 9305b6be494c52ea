/**
 * JWT sessions as Atlas issues them (contract §2.1): HS256 access tokens with a TTL, refresh tokens
 * `UUID.UUID` stored as SHA-256, rotated on use, with reuse detection revoking every session of the user.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

interface AccessSession { userId: number; expiresAt: number }
interface RefreshSession { userId: number; expiresAt: number; used: boolean; revoked: boolean }

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type RefreshOutcome =
  | { ok: true; userId: number }
  | { ok: false; message: string };

export function createTokenService(opts: { now: () => number; accessTtlMs: number; refreshTtlMs: number }) {
  const secret = randomBytes(32);
  const access = new Map<string, AccessSession>();
  const refresh = new Map<string, RefreshSession>();

  function issue(userId: number, email: string) {
    const now = opts.now();
    const expiresAt = now + opts.accessTtlMs;
    const header = b64url(JSON.stringify({ alg: 'HS256' }));
    const payload = b64url(JSON.stringify({ sub: email, iat: Math.floor(now / 1000), exp: Math.floor(expiresAt / 1000), auth: [{ authority: 'ROLE_CLIENT' }], jti: randomUUID() }));
    const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    const accessToken = `${header}.${payload}.${sig}`;
    const refreshToken = `${randomUUID()}.${randomUUID()}`;
    access.set(accessToken, { userId, expiresAt });
    refresh.set(sha256(refreshToken), { userId, expiresAt: now + opts.refreshTtlMs, used: false, revoked: false });
    return { accessToken, refreshToken, expiresAt: new Date(expiresAt) };
  }

  function revokeUser(userId: number): void {
    for (const [k, s] of access) if (s.userId === userId) access.delete(k);
    for (const s of refresh.values()) if (s.userId === userId) s.revoked = true;
  }

  return {
    issue,
    /** The user behind a bearer token, or null when it is unknown or expired. */
    verify(token: string): number | null {
      const s = access.get(token);
      if (!s) return null;
      if (opts.now() >= s.expiresAt) return null;
      return s.userId;
    },
    refresh(token: string): RefreshOutcome {
      const s = refresh.get(sha256(token));
      if (!s) return { ok: false, message: 'Invalid refresh token' };
      if (s.used) {
        revokeUser(s.userId);
        return { ok: false, message: 'Refresh token reuse detected. All sessions have been revoked. Please sign in again' };
      }
      if (s.revoked) return { ok: false, message: 'Session has been revoked. Please sign in again' };
      if (opts.now() >= s.expiresAt) return { ok: false, message: 'Refresh token expired. Please sign in again' };
      s.used = true;
      return { ok: true, userId: s.userId };
    },
    revokeUser,
    /** Test helpers: make every access token expire now / revoke all sessions. */
    expireAccessTokens(): void {
      for (const s of access.values()) s.expiresAt = Math.min(s.expiresAt, opts.now());
    },
    revokeAll(): void {
      access.clear();
      for (const s of refresh.values()) s.revoked = true;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

/** Fixed-window limiter per key (§1.5), e.g. 20 unauthenticated requests a minute per address. */
export function createLimiter(opts: { now: () => number; perMinute: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key: string): boolean {
      if (!Number.isFinite(opts.perMinute)) return true;
      const now = opts.now();
      const w = windows.get(key);
      if (!w || now - w.start >= 60_000) {
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      w.count++;
      return w.count <= opts.perMinute;
    },
  };
}
