/** What provisioning says to people and to supervisors: short and plain. */
import type { Tier } from '../model.js';

export const TIER_LABEL: Record<Tier, string> = { beta: 'Beta', starter: 'Starter', pro: 'Pro', enterprise: 'Enterprise', lapsed: 'Lapsed' };

export const provisioningTexts = {
  tierChanged(tier: Tier): string {
    if (tier === 'lapsed') {
      return 'Your Rivet subscription has ended. Your work orders stay visible (/mine); renew the subscription to report again with photos and everything else.';
    }
    return `Your Rivet plan is now ${TIER_LABEL[tier]}. Thanks!`;
  },
  atlasRefused(who: string, reason: string): string {
    return `Rivet could not create an Atlas account for ${who}: ${reason}. Their Rivet account works; Rivet keeps trying, or free a seat / change ATLAS_DEFAULT_ROLE.`;
  },
  atlasDelayed(who: string): string {
    return `Creating the Atlas account for ${who} is delayed: Atlas is not answering. Rivet keeps trying; their Rivet account works meanwhile.`;
  },
  atlasGaveUp(who: string, reason: string): string {
    return `Rivet gave up creating an Atlas account for ${who}: ${reason}. Create it in Atlas by hand (same email); their Rivet account works.`;
  },
};

/** "Ana Lopez <ana@plant.test>", "ana@plant.test" or "Ana Lopez". */
export function personLabel(a: { displayName: string | null; email: string | null; id: string }): string {
  if (a.displayName && a.email) return `${a.displayName} <${a.email}>`;
  return a.displayName ?? a.email ?? `person ${a.id.slice(0, 8)}`;
}

/**
 * The line a work order's description ends with in Atlas, naming who asked: Atlas work orders
 * have no requester field (createdBy is Rivet's account, primaryUser is the assignee), so the
 * person, their email and their Atlas user are named in words.
 */
export function requestedBy(p: { displayName: string | null; email: string | null; atlasUserId: number | null }): string | null {
  if (!p.displayName && !p.email) return null;
  const who = p.displayName ?? p.email!;
  const details = [p.displayName && p.email ? p.email : null, p.atlasUserId !== null ? `Atlas user #${p.atlasUserId}` : null].filter(Boolean);
  return `Requested by ${who}${details.length ? ` (${details.join(', ')})` : ''} via Rivet`;
}
