/** Stripe signature verification as a pure function: the clock is passed in, the real library signs. */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifyStripeEvent } from '../../src/webhooks/verify/stripe.js';

const secret = 'whsec_unit_0123456789abcdef';
const event = { id: 'evt_1', object: 'event', type: 'customer.subscription.updated', created: 1_800_000_000, livemode: false, data: { object: { id: 'sub_1', object: 'subscription', customer: 'cus_1' } } };
const body = JSON.stringify(event);
const at = (s: number) => new Date(s * 1000);
const sign = (payload: string, timestamp: number, key = secret) => Stripe.webhooks.generateTestHeaderString({ payload, secret: key, timestamp });

describe('verifyStripeEvent', () => {
  it('accepts a signature within five minutes either way and keeps only the ids the job needs', () => {
    const header = sign(body, 1_800_000_000);
    for (const skew of [-299, 0, 299]) {
      expect(verifyStripeEvent({ rawBody: body, signature: header, secret, now: at(1_800_000_000 + skew) })).toEqual({
        ok: true,
        delivery: { id: 'evt_1', type: 'customer.subscription.updated', created: 1_800_000_000, objectId: 'sub_1', customerId: 'cus_1', livemode: false },
      });
    }
    expect(verifyStripeEvent({ rawBody: new TextEncoder().encode(body), signature: header, secret, now: at(1_800_000_000) }).ok).toBe(true);
  });

  it('refuses stale and future timestamps by the clock given, not the machine clock', () => {
    const header = sign(body, 1_800_000_000);
    expect(verifyStripeEvent({ rawBody: body, signature: header, secret, now: at(1_800_000_000 + 301) })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyStripeEvent({ rawBody: body, signature: header, secret, now: at(1_800_000_000 - 301) })).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('refuses another secret, a changed body, a garbled or missing header, and a signed non-event', () => {
    const now = at(1_800_000_000);
    expect(verifyStripeEvent({ rawBody: body, signature: sign(body, 1_800_000_000, 'whsec_other'), secret, now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyStripeEvent({ rawBody: body.replace('cus_1', 'cus_2'), signature: sign(body, 1_800_000_000), secret, now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyStripeEvent({ rawBody: body, signature: 'v1=abc', secret, now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyStripeEvent({ rawBody: body, signature: '', secret, now })).toEqual({ ok: false, reason: 'missing_signature' });
    const notEvent = JSON.stringify({ hello: 'world' });
    expect(verifyStripeEvent({ rawBody: notEvent, signature: sign(notEvent, 1_800_000_000), secret, now })).toEqual({ ok: false, reason: 'malformed_event' });
  });
});
