/**
 * Tier limits, kept for the callers that only need the numbers; the whole table of what each
 * plan allows is src/core/plans.
 */
import { planOf, type Plan } from './plans/index.js';

export { isTier } from './plans/index.js';

export type TierLimits = Pick<Plan, 'attachmentsPerReport' | 'listedWorkOrders'>;

/** Limits of a tier; an unknown tier (a stale row) is treated as beta. */
export function tierLimits(tier: string): TierLimits {
  return planOf(tier);
}
