/** Stripe: the SDK behind a small gateway, its errors by cause, and checkout link tokens. */
export { createStripeGateway, type StripeGateway, type StripeGatewayDeps, type CheckoutSessionFacts } from './client.js';
export { StripeGatewayError, StripeUnavailableError, StripeRefusedError } from './errors.js';
export { checkoutLinkToken, CHECKOUT_SESSION_ID } from './checkout-link.js';
export { CHECKOUT_EVENTS, SUBSCRIPTION_EVENTS, type StripeDelivery } from './events.js';
