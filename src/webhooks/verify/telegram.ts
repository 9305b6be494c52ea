/**
 * Telegram webhook verification: the secret token set with setWebhook comes back in
 * X-Telegram-Bot-Api-Secret-Token on every delivery. Compared in constant time (digests of
 * equal length, so neither content nor length leaks). Pure.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The configured secret's digest, computed once (not on every delivery). */
let expected: { secret: string; digest: Buffer } | undefined;

export function secretMatches(given: string | null | undefined, secret: string): boolean {
  if (expected?.secret !== secret) expected = { secret, digest: digest(secret) };
  return timingSafeEqual(digest(given ?? ''), expected.digest);
}
