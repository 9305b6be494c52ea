/**
 * The Stripe gateway: the few reads provisioning needs (a checkout session, a customer's
 * subscriptions, the configured prices), through the official SDK. STRIPE_API_BASE points the
 * SDK at another host (a proxy, or a local server). Answers are reduced to plain facts, and
 * SDK errors become StripeUnavailableError (retry) or StripeRefusedError (don't).
 */
import Stripe from 'stripe';
import type { Logger } from 'pino';
import type { SubscriptionFacts } from '../../core/provisioning/index.js';
import { StripeRefusedError, StripeUnavailableError } from './errors.js';

export interface CheckoutSessionFacts {
  id: string;
  /** `complete` once the customer finished the checkout. */
  status: string | null;
  /** `paid`, `unpaid` or `no_payment_required`. */
  paymentStatus: string;
  clientReferenceId: string | null;
  customerId: string | null;
  subscriptionId: string | null;
  email: string | null;
  name: string | null;
}

export interface StripeGateway {
  /** Null when Stripe has no such session. */
  checkoutSession(id: string): Promise<CheckoutSessionFacts | null>;
  /** Every subscription of the customer (any status), as Stripe has them now. */
  customerSubscriptions(customerId: string): Promise<SubscriptionFacts[]>;
  /** For /health: the key works and the configured prices exist. */
  check(priceIds: string[]): Promise<{ prices: Record<string, 'active' | 'inactive' | 'missing'> }>;
}

export interface StripeGatewayDeps {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111; null for api.stripe.com. */
  apiBase: string | null;
  logger: Logger;
  timeoutMs?: number;
}

const idOf = (v: string | { id: string } | null | undefined): string | null => (v == null ? null : typeof v === 'string' ? v : v.id);

function translate(err: unknown, what: string): Error {
  if (err instanceof Stripe.errors.StripeError) {
    const status = err.statusCode ?? null;
    if (
      err instanceof Stripe.errors.StripeConnectionError ||
      err instanceof Stripe.errors.StripeAPIError ||
      err instanceof Stripe.errors.StripeRateLimitError ||
      status === null ||
      status === 429 ||
      status >= 500
    ) {
      return new StripeUnavailableError(`Stripe unavailable on ${what}: ${err.message}`, { cause: err });
    }
    return new StripeRefusedError(`Stripe refused ${what} (${status}${err.code ? ` ${err.code}` : ''}): ${err.message}`, status, err.code ?? null, { cause: err });
  }
  return new StripeUnavailableError(`Stripe call failed on ${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

export function createStripeGateway(deps: StripeGatewayDeps): StripeGateway {
  const base = deps.apiBase ? new URL(deps.apiBase) : null;
  const stripe = new Stripe(deps.secretKey, {
    // The job pipeline retries with its own backoff; one quick retry here covers a blip.
    maxNetworkRetries: 1,
    timeout: deps.timeoutMs ?? 10_000,
    telemetry: false,
    ...(base
      ? { host: base.hostname, port: base.port || (base.protocol === 'http:' ? '80' : '443'), protocol: base.protocol === 'http:' ? 'http' : 'https' }
      : {}),
  });
  const log = deps.logger.child({ component: 'stripe' });

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = translate(err, what);
      log.warn({ err: e.message }, 'stripe call failed');
      throw e;
    }
  }

  return {
    async checkoutSession(id) {
      try {
        const s = await call(`checkout session ${id}`, () => stripe.checkout.sessions.retrieve(id));
        return {
          id: s.id,
          status: s.status ?? null,
          paymentStatus: s.payment_status,
          clientReferenceId: s.client_reference_id ?? null,
          customerId: idOf(s.customer as string | { id: string } | null),
          subscriptionId: idOf(s.subscription as string | { id: string } | null),
          email: s.customer_details?.email ?? s.customer_email ?? null,
          name: s.customer_details?.name ?? null,
        };
      } catch (e) {
        if (e instanceof StripeRefusedError && e.notFound) return null;
        throw e;
      }
    },
    async customerSubscriptions(customerId) {
      const out: SubscriptionFacts[] = [];
      let startingAfter: string | undefined;
      // A customer has a handful of subscriptions; the cap guards against a runaway listing.
      for (let page = 0; page < 10; page++) {
        const list = await call(`subscriptions of ${customerId}`, () =>
          stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) }),
        );
        for (const s of list.data) {
          out.push({ id: s.id, status: s.status, created: s.created, priceIds: s.items.data.map((i) => idOf(i.price as string | { id: string })).filter((p): p is string => !!p) });
        }
        if (!list.has_more || list.data.length === 0) break;
        startingAfter = list.data.at(-1)!.id;
      }
      return out;
    },
    async check(priceIds) {
      const prices: Record<string, 'active' | 'inactive' | 'missing'> = {};
      for (const id of priceIds) {
        try {
          const p = await call(`price ${id}`, () => stripe.prices.retrieve(id));
          prices[id] = p.active ? 'active' : 'inactive';
        } catch (e) {
          if (e instanceof StripeRefusedError && e.notFound) prices[id] = 'missing';
          else throw e;
        }
      }
      return { prices };
    },
  };
}
