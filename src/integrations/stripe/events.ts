/**
 * The Stripe events Rivet acts on, and what of an event is kept: its id, type and the ids it
 * names. Everything else is fetched from Stripe when the job runs, so the decision reflects
 * Stripe's state then, not the event's snapshot.
 */
export interface StripeDelivery {
  id: string;
  type: string;
  /** Epoch seconds. */
  created: number;
  /** The event's object: a checkout session, subscription or invoice id. */
  objectId: string | null;
  /** The Stripe customer the object belongs to, when it names one. */
  customerId: string | null;
  livemode: boolean;
}

/** A checkout finished (or its delayed payment went through): provision the buyer. */
export const CHECKOUT_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);

/** Something about a customer's subscriptions changed: decide their tier again. */
export const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'invoice.payment_failed',
  'invoice.paid',
]);
