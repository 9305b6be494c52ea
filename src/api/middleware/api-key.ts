import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ServiceUnavailableError, UnauthorizedError } from '../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** `Authorization: Bearer <RIVET_API_KEY>`; with no key configured the API is off, and says so. */
export function requireApiKey(apiKey: string | null): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!apiKey) throw new ServiceUnavailableError('api_disabled', 'The REST API is disabled: set RIVET_API_KEY to enable it');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match || !secretsEqual(match[1]!, apiKey)) throw new UnauthorizedError('Missing or invalid API key');
    await next();
  };
}
