/**
 * Atlas webhook verification (contract §9.3): X-Webhook-Signature is lowercase hex of
 * HMAC-SHA256 over the raw body, keyed with the full `whsec_…` secret; X-Webhook-Timestamp
 * (epoch ms) must be within 5 minutes of now. Pure: the clock is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_WEBHOOK_SKEW_MS = 5 * 60_000;

export type SignatureCheck =
  | { ok: true; webhookId: string; event: string | null; timestamp: Date }
  | { ok: false; reason: 'missing_signature' | 'bad_signature' | 'missing_timestamp' | 'stale_timestamp' | 'missing_id' };

type Headers = Record<string, string | undefined> | { get(name: string): string | null };

function header(h: Headers, name: string): string | null {
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(n: string): string | null }).get(name);
  const rec = h as Record<string, string | undefined>;
  return rec[name] ?? rec[name.toLowerCase()] ?? Object.entries(rec).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null;
}

export function signAtlasBody(secret: string, rawBody: Uint8Array | string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export function verifyAtlasSignature(input: { rawBody: Uint8Array | string; headers: Headers; secret: string; now: Date; maxSkewMs?: number }): SignatureCheck {
  const signature = header(input.headers, 'x-webhook-signature')?.trim();
  if (!signature) return { ok: false, reason: 'missing_signature' };
  const expected = Buffer.from(signAtlasBody(input.secret, input.rawBody), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : null;
  if (!given || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  const ts = header(input.headers, 'x-webhook-timestamp')?.trim();
  if (!ts || !/^\d{1,16}$/.test(ts)) return { ok: false, reason: 'missing_timestamp' };
  const at = Number(ts);
  if (Math.abs(input.now.getTime() - at) > (input.maxSkewMs ?? MAX_WEBHOOK_SKEW_MS)) return { ok: false, reason: 'stale_timestamp' };
  const id = header(input.headers, 'x-webhook-id')?.trim();
  if (!id || id.length > 200) return { ok: false, reason: 'missing_id' };
  return { ok: true, webhookId: id, event: header(input.headers, 'x-webhook-event'), timestamp: new Date(at) };
}
