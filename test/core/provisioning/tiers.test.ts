import { describe, expect, it } from 'vitest';
import { decideTier, tierAfter, type SubscriptionFacts } from '../../../src/core/provisioning/index.js';

const prices = { price_s: 'starter', price_p: 'pro', price_e: 'enterprise' } as const;
const sub = (id: string, status: string, priceIds: string[], created = 100): SubscriptionFacts => ({ id, status, priceIds, created });

describe('decideTier', () => {
  it('a live subscription gives the tier of its price; trialing and past_due count as live', () => {
    expect(decideTier([sub('a', 'active', ['price_p'])], prices)).toEqual({ kind: 'paid', tier: 'pro', subscriptionId: 'a' });
    expect(decideTier([sub('a', 'trialing', ['price_s'])], prices)).toMatchObject({ kind: 'paid', tier: 'starter' });
    expect(decideTier([sub('a', 'past_due', ['price_e'])], prices)).toMatchObject({ kind: 'paid', tier: 'enterprise' });
  });

  it('cancelled, unpaid, expired or paused everywhere → lapsed', () => {
    for (const status of ['canceled', 'unpaid', 'incomplete_expired', 'paused']) {
      expect(decideTier([sub('a', status, ['price_p'])], prices)).toEqual({ kind: 'lapsed', subscriptionId: 'a' });
    }
  });

  it('the best live subscription wins over ended ones, whatever their order', () => {
    const subs = [sub('old', 'canceled', ['price_e'], 1), sub('new', 'active', ['price_s'], 5), sub('mid', 'active', ['price_p'], 3)];
    expect(decideTier(subs, prices)).toEqual({ kind: 'paid', tier: 'pro', subscriptionId: 'mid' });
    expect(decideTier([...subs].reverse(), prices)).toEqual(decideTier(subs, prices));
  });

  it('an unknown price keeps the current tier and names the price', () => {
    const d = decideTier([sub('a', 'active', ['price_x', 'price_x'])], prices);
    expect(d).toEqual({ kind: 'keep', reason: 'unknown_price', subscriptionId: 'a', unknownPrices: ['price_x'] });
    expect(tierAfter('pro', d)).toBe('pro');
    // A known price beside an unknown one decides.
    expect(decideTier([sub('a', 'active', ['price_x', 'price_s'])], prices)).toMatchObject({ kind: 'paid', tier: 'starter' });
  });

  it('nothing yet, or a first payment still incomplete, changes nothing', () => {
    expect(decideTier([], prices)).toMatchObject({ kind: 'keep', reason: 'no_subscription' });
    expect(decideTier([sub('a', 'incomplete', ['price_p'])], prices)).toMatchObject({ kind: 'keep', reason: 'incomplete' });
    expect(tierAfter('beta', decideTier([], prices))).toBe('beta');
  });
});
