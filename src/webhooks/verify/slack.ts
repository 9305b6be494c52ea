/**
 * Slack request verification (signing secret, v0): X-Slack-Signature is "v0=" + hex HMAC-SHA256 of
 * "v0:<X-Slack-Request-Timestamp>:<raw body>", keyed with the signing secret; the timestamp
 * (seconds) must be within 5 minutes of now, so a captured request cannot be replayed later.
 * Pure: the clock is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SLACK_SKEW_S = 5 * 60;

export type SlackSignatureCheck =
  | { ok: true; timestamp: Date }
  | { ok: false; reason: 'missing_signature' | 'missing_timestamp' | 'stale_timestamp' | 'bad_signature' };

export function signSlackBody(secret: string, timestampS: number | string, rawBody: Uint8Array | string): string {
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampS}:${body}`).digest('hex')}`;
}

export function verifySlackSignature(input: {
  rawBody: Uint8Array | string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  secret: string;
  now: Date;
  maxSkewS?: number;
}): SlackSignatureCheck {
  const signature = input.signature?.trim();
  if (!signature) return { ok: false, reason: 'missing_signature' };
  const ts = input.timestamp?.trim();
  if (!ts || !/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'missing_timestamp' };
  const seconds = Number(ts);
  if (Math.abs(input.now.getTime() / 1000 - seconds) > (input.maxSkewS ?? MAX_SLACK_SKEW_S)) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(signSlackBody(input.secret, ts, input.rawBody).slice(3), 'hex');
  const given = /^v0=[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature.slice(3), 'hex') : null;
  if (!given || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  return { ok: true, timestamp: new Date(seconds * 1000) };
}
