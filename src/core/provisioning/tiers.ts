/**
 * Which tier a Stripe customer's subscriptions entitle them to. Decided from the subscriptions
 * as they are now (fetched from Stripe), never from the order events arrived in, so a replayed
 * or late event leads to the same answer. Pure.
 */
import type { Tier } from '../model.js';

/** A subscription as Stripe reports it now. */
export interface SubscriptionFacts {
  id: string;
  /** Stripe's status: active, trialing, past_due, canceled, unpaid, incomplete, incomplete_expired, paused. */
  status: string;
  /** The price ids of its items. */
  priceIds: string[];
  /** Creation time (epoch seconds): among equals, the newest subscription is the one kept. */
  created: number;
}

export type TierDecision =
  /** A live subscription with a known price. */
  | { kind: 'paid'; tier: Tier; subscriptionId: string }
  /** Every subscription ended (cancelled, unpaid, expired, paused). */
  | { kind: 'lapsed'; subscriptionId: string | null }
  /**
   * Nothing to change: no subscription yet, the first payment is still incomplete, or a live
   * subscription whose prices are not in STRIPE_PRICE_TIERS (logged loudly by the caller).
   */
  | { kind: 'keep'; reason: 'no_subscription' | 'incomplete' | 'unknown_price'; subscriptionId: string | null; unknownPrices: string[] };

/** Paying (or in a trial, or in Stripe's retry window after a failed payment). */
const LIVE = new Set(['active', 'trialing', 'past_due']);
/** Over: the person keeps read access as `lapsed`. */
const ENDED = new Set(['canceled', 'unpaid', 'incomplete_expired', 'paused']);

const RANK: Record<Tier, number> = { lapsed: 0, beta: 0, starter: 1, pro: 2, enterprise: 3 };

export function decideTier(subscriptions: readonly SubscriptionFacts[], priceTiers: Readonly<Record<string, Tier>>): TierDecision {
  const newestFirst = [...subscriptions].sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
  const live = newestFirst.filter((s) => LIVE.has(s.status));
  let best: { tier: Tier; subscriptionId: string } | null = null;
  const unknownPrices: string[] = [];
  for (const s of live) {
    for (const price of s.priceIds) {
      const tier = priceTiers[price];
      if (!tier) {
        unknownPrices.push(price);
        continue;
      }
      if (!best || RANK[tier] > RANK[best.tier]) best = { tier, subscriptionId: s.id };
    }
  }
  if (best) return { kind: 'paid', ...best };
  if (live.length > 0) return { kind: 'keep', reason: 'unknown_price', subscriptionId: live[0]!.id, unknownPrices: [...new Set(unknownPrices)] };
  const incomplete = newestFirst.find((s) => s.status === 'incomplete');
  if (incomplete) return { kind: 'keep', reason: 'incomplete', subscriptionId: incomplete.id, unknownPrices: [] };
  const ended = newestFirst.find((s) => ENDED.has(s.status));
  if (ended) return { kind: 'lapsed', subscriptionId: ended.id };
  return { kind: 'keep', reason: 'no_subscription', subscriptionId: null, unknownPrices: [] };
}

/** The tier a decision leaves a person on. */
export function tierAfter(current: Tier, decision: TierDecision): Tier {
  return decision.kind === 'paid' ? decision.tier : decision.kind === 'lapsed' ? 'lapsed' : current;
}
