/**
 * What each subscription tier may do. Beta users (anyone who found the bot) get the whole
 * product with modest limits; paid tiers lift them.
 */
import type { Tier } from './model.js';
import { TIERS } from './model.js';

export interface TierLimits {
  /** Photos and voice notes on one report or comment. */
  attachmentsPerReport: number;
  /** Work orders listed by /mine. */
  listedWorkOrders: number;
}

const LIMITS: Record<Tier, TierLimits> = {
  beta: { attachmentsPerReport: 3, listedWorkOrders: 5 },
  starter: { attachmentsPerReport: 5, listedWorkOrders: 10 },
  pro: { attachmentsPerReport: 10, listedWorkOrders: 10 },
  enterprise: { attachmentsPerReport: 10, listedWorkOrders: 10 },
  // A subscription that ended or went unpaid: existing work orders stay visible.
  lapsed: { attachmentsPerReport: 0, listedWorkOrders: 10 },
};

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

/** Limits of a tier; an unknown tier (a stale row) is treated as beta. */
export function tierLimits(tier: string): TierLimits {
  return LIMITS[isTier(tier) ? tier : 'beta'];
}
