/**
 * Stripe webhook verification, by the SDK's own code (`Stripe.webhooks.constructEvent`) over the
 * raw body, with the clock passed in: a signature by another secret, a changed body, or a
 * timestamp more than `toleranceS` away from `now` (either way) is refused. Pure.
 */
import Stripe from 'stripe';
import type { StripeDelivery } from '../../integrations/stripe/events.js';

/** Stripe's own default: five minutes. */
export const STRIPE_TOLERANCE_S = 300;

export type StripeSignatureCheck =
  | { ok: true; delivery: StripeDelivery }
  | { ok: false; reason: 'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'malformed_event' };

const idOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : null;

export function verifyStripeEvent(input: { rawBody: Uint8Array | string; signature: string | null | undefined; secret: string; now: Date; toleranceS?: number }): StripeSignatureCheck {
  const header = input.signature?.trim();
  if (!header) return { ok: false, reason: 'missing_signature' };
  const tolerance = input.toleranceS ?? STRIPE_TOLERANCE_S;
  // The SDK refuses timestamps too old; one from the future is refused here (a skewed or replayed signer).
  const t = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(header);
  if (t && Number(t[1]) * 1000 - input.now.getTime() > tolerance * 1000) return { ok: false, reason: 'stale_timestamp' };
  let event: Stripe.Event;
  try {
    const body = typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody.buffer, input.rawBody.byteOffset, input.rawBody.byteLength);
    event = Stripe.webhooks.constructEvent(body, header, input.secret, tolerance, undefined, input.now.getTime());
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/tolerance/i.test(message)) return { ok: false, reason: 'stale_timestamp' };
    if (err instanceof SyntaxError) return { ok: false, reason: 'malformed_event' };
    return { ok: false, reason: 'bad_signature' };
  }
  // Signed JSON can still be anything: null, a number, an array.
  if (!event || typeof event !== 'object' || Array.isArray(event)) return { ok: false, reason: 'malformed_event' };
  const e = event as unknown as { id?: unknown; type?: unknown; created?: unknown; livemode?: unknown; data?: { object?: Record<string, unknown> } };
  if (typeof e.id !== 'string' || !e.id || e.id.length > 255 || typeof e.type !== 'string') return { ok: false, reason: 'malformed_event' };
  const data = e.data && typeof e.data === 'object' ? e.data : {};
  const object = data.object && typeof data.object === 'object' ? data.object : {};
  return {
    ok: true,
    delivery: {
      id: e.id,
      type: e.type,
      created: typeof e.created === 'number' ? e.created : 0,
      objectId: idOf(object.id),
      customerId: object.object === 'customer' ? idOf(object.id) : idOf(object.customer),
      livemode: e.livemode === true,
    },
  };
}
