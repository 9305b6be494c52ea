import { TIERS, type Tier } from '../core/model.js';

/** `STRIPE_PRICE_TIERS` is `price_id=tier` pairs separated by commas: `price_123=starter,price_456=pro`. */
export function parsePriceTiers(raw: string): { tiers: Record<string, Tier> } | { error: string } {
  const tiers: Record<string, Tier> = {};
  for (const pair of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [price, tier] = pair.split('=').map((s) => s.trim());
    if (!price || !tier) return { error: `"${pair}" is not price_id=tier` };
    if (!(TIERS as readonly string[]).includes(tier)) return { error: `unknown tier "${tier}" (one of ${TIERS.join(', ')})` };
    tiers[price] = tier as Tier;
  }
  if (Object.keys(tiers).length === 0) return { error: 'lists no price_id=tier pair' };
  return { tiers };
}
