/**
 * POST /webhooks/stripe: Stripe's events about checkouts and subscriptions. Verified over the
 * raw body with STRIPE_WEBHOOK_SECRET (verify/stripe.ts); a bad or stale signature is a 400 and
 * nothing is written. A verified event is deduplicated by its id and written down (the inbound
 * acceptor), then answered 200; the work happens in jobs.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../api/context.js';
import { BadRequestError } from '../api/errors.js';
import type { Clock, InboundAcceptor } from '../core/ports.js';
import { verifyStripeEvent } from './verify/stripe.js';

export { verifyStripeEvent, STRIPE_TOLERANCE_S, type StripeSignatureCheck } from './verify/stripe.js';

/** The body limit of /webhooks/stripe (createApp refuses more, 413). Stripe events are small; this is far above any of them. */
export const MAX_STRIPE_EVENT_BYTES = 512 * 1024;

export function stripeWebhookRoutes(deps: { secret: string; inbound: InboundAcceptor; clock: Clock }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    const log = c.get('logger');
    // Already cut off at MAX_STRIPE_EVENT_BYTES by the app's body limit.
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const check = verifyStripeEvent({ rawBody: raw, signature: c.req.header('stripe-signature'), secret: deps.secret, now: deps.clock.now() });
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'stripe webhook refused');
      throw new BadRequestError(`Stripe webhook refused: ${check.reason}`);
    }
    const { delivery } = check;
    const outcome = await deps.inbound.accept('stripe', delivery.id, delivery);
    log.info({ eventId: delivery.id, type: delivery.type, outcome }, 'stripe webhook');
    return c.json({ received: true, duplicate: outcome === 'duplicate' });
  });
  return app;
}
