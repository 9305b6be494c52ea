/**
 * POST /webhooks/stripe: Stripe's events about checkouts and subscriptions. Verified over the
 * raw body with STRIPE_WEBHOOK_SECRET (verify/stripe.ts); a bad or stale signature is a 400 and
 * nothing is written. A verified event is deduplicated by its id and written down (the inbound
 * acceptor), then answered 200; the work happens in jobs. A correctly signed event Rivet cannot
 * read or store is logged and answered 200 "ignored" (Stripe would retry a non-2xx for days).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../api/context.js';
import { BadRequestError } from '../api/errors.js';
import { cleanText } from '../api/safe-json.js';
import type { Clock, InboundAcceptor } from '../core/ports.js';
import { storeDelivery } from './store.js';
import { verifyStripeEvent } from './verify/stripe.js';

export { verifyStripeEvent, STRIPE_TOLERANCE_S, type StripeSignatureCheck } from './verify/stripe.js';

/** The body limit of /webhooks/stripe (createApp refuses more, 413). Stripe events are small; this is far above any of them. */
export const MAX_STRIPE_EVENT_BYTES = 512 * 1024;

const clean = (s: string | null) => (s === null ? null : cleanText(s));

export function stripeWebhookRoutes(deps: { secret: string; inbound: InboundAcceptor; clock: Clock }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    const log = c.get('logger');
    // Already cut off at MAX_STRIPE_EVENT_BYTES by the app's body limit.
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const check = verifyStripeEvent({ rawBody: raw, signature: c.req.header('stripe-signature'), secret: deps.secret, now: deps.clock.now() });
    if (!check.ok && check.reason === 'malformed_event') {
      // Signed by Stripe (the signature is checked before the body is read), but not an event we can use.
      log.warn({ reason: check.reason }, 'stripe webhook ignored');
      return c.json({ received: true, ignored: 'malformed' });
    }
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'stripe webhook refused');
      throw new BadRequestError(`Stripe webhook refused: ${check.reason}`);
    }
    const d = check.delivery;
    const delivery = { ...d, id: cleanText(d.id), type: cleanText(d.type), objectId: clean(d.objectId), customerId: clean(d.customerId) };
    const stored = await storeDelivery(deps.inbound, 'stripe', delivery.id, delivery, log);
    if ('ignored' in stored) return c.json({ received: true, ignored: stored.ignored });
    log.info({ eventId: delivery.id, type: delivery.type, outcome: stored.result }, 'stripe webhook');
    return c.json({ received: true, duplicate: stored.result === 'duplicate' });
  });
  return app;
}
