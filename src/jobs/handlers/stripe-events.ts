/**
 * Stripe events, off the request path. The inbound processor turns a stored event into a
 * provisioning job; the jobs fetch the checkout and the customer's subscriptions from Stripe
 * and let core/provisioning decide. Every job decides from Stripe's state when it runs, so a
 * replay or an event that arrives late leads to the same result; a Stripe outage throws a
 * retryable error and the job runs again later.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../core/ports.js';
import type { Provisioning } from '../../core/provisioning/index.js';
import {
  CHECKOUT_EVENTS, SUBSCRIPTION_EVENTS, checkoutLinkToken, type StripeDelivery, type StripeGateway,
} from '../../integrations/stripe/index.js';
import { PermanentJobError } from '../errors.js';
import type { QueueName } from '../names.js';
import type { JobHandler } from '../runner.js';
import type { InboundProcessor } from './inbound.js';

export const PROVISIONING_JOBS = { checkout: 'stripeCheckout', sync: 'stripeSync', atlasAccount: 'atlasAccount' } as const;

export interface StripeCheckoutJob { eventId: string; sessionId: string }
export interface StripeSyncJob { eventId: string; customerId: string }

export type Enqueue = (job: { queue: QueueName; name: string; key: string; payload: unknown; organizationId?: string | null }) => Promise<void>;

export interface StripeJobDeps {
  organizationId: string;
  stripe: StripeGateway;
  provisioning: Provisioning;
  /** The secret checkout link tokens are derived with (STRIPE_WEBHOOK_SECRET). */
  linkSecret: string;
  enqueue: Enqueue;
  clock: Clock;
}

function isDelivery(p: unknown): p is StripeDelivery {
  const d = p as Partial<StripeDelivery> | null;
  return !!d && typeof d.id === 'string' && typeof d.type === 'string';
}

/** Stored Stripe events → provisioning jobs (keyed by the event, so a redelivered job adds nothing). */
export function stripeInboundProcessor(deps: Pick<StripeJobDeps, 'enqueue' | 'organizationId'>): InboundProcessor {
  return async (payload, ctx) => {
    if (!isDelivery(payload)) {
      ctx.logger.error('stored stripe event is not readable; dropped');
      return;
    }
    const log: Logger = ctx.logger.child({ eventId: payload.id, type: payload.type });
    if (CHECKOUT_EVENTS.has(payload.type)) {
      if (!payload.objectId) return log.warn('checkout event without a session id; ignored');
      const job: StripeCheckoutJob = { eventId: payload.id, sessionId: payload.objectId };
      await deps.enqueue({ queue: 'provisioning', name: PROVISIONING_JOBS.checkout, key: payload.id, payload: job, organizationId: deps.organizationId });
      return;
    }
    if (SUBSCRIPTION_EVENTS.has(payload.type)) {
      if (!payload.customerId) return log.warn('subscription event without a customer; ignored');
      const job: StripeSyncJob = { eventId: payload.id, customerId: payload.customerId };
      await deps.enqueue({ queue: 'provisioning', name: PROVISIONING_JOBS.sync, key: payload.id, payload: job, organizationId: deps.organizationId });
      return;
    }
    log.debug('stripe event not used by Rivet; ignored');
  };
}

/** checkout.session.completed: provision the buyer from the session as Stripe has it now. */
export function stripeCheckoutHandler(deps: StripeJobDeps): JobHandler<StripeCheckoutJob> {
  return {
    async run(job, ctx) {
      const session = await deps.stripe.checkoutSession(job.sessionId);
      if (!session) throw new PermanentJobError({ kind: 'not_found', what: `Stripe checkout ${job.sessionId}` });
      const paid = session.paymentStatus === 'paid' || session.paymentStatus === 'no_payment_required';
      if (session.status !== 'complete' || !paid) {
        // A delayed payment method: checkout.session.async_payment_succeeded brings it back.
        ctx.logger.info({ sessionId: session.id, status: session.status, paymentStatus: session.paymentStatus }, 'checkout not paid yet; nothing provisioned');
        return;
      }
      const fetchedAt = deps.clock.now();
      const subscriptions = session.customerId ? await deps.stripe.customerSubscriptions(session.customerId) : [];
      const result = await deps.provisioning.checkoutCompleted({
        organizationId: deps.organizationId,
        checkout: { sessionId: session.id, paid, clientReferenceId: session.clientReferenceId, customerId: session.customerId, email: session.email, name: session.name },
        subscriptions,
        fetchedAt,
        linkToken: checkoutLinkToken(deps.linkSecret, session.id),
      });
      ctx.logger.info({ userId: result.account.id, created: result.created, tier: result.account.tier, decision: result.decision.kind }, 'checkout handled');
    },
  };
}

/** A subscription or invoice event: the customer's tier from their subscriptions now. */
export function stripeSyncHandler(deps: StripeJobDeps): JobHandler<StripeSyncJob> {
  return {
    async run(job, ctx) {
      const fetchedAt = deps.clock.now();
      const subscriptions = await deps.stripe.customerSubscriptions(job.customerId);
      const result = await deps.provisioning.customerChanged({ customerId: job.customerId, subscriptions, fetchedAt, cause: job.eventId });
      if (result) ctx.logger.info({ userId: result.account.id, tier: result.account.tier, decision: result.decision.kind }, 'subscription synced');
    },
  };
}
