/**
 * How Rivet names a person to others (Atlas comments, "… changed your work order"): from its own
 * record, never from a display name the person chose on their chat platform. A provisioned person
 * is their provisioned name and email; anyone else is their platform account id and username,
 * which the platform vouches for.
 */
import type { Channel } from '../model.js';

const PLATFORM: Record<Channel, string> = { telegram: 'Telegram', slack: 'Slack', demo: 'Demo' };

export interface AttributionRecord {
  /** The name an administrator or Stripe provisioned (not one copied from the chat). */
  provisionedName: string | null;
  email: string | null;
  account: { channel: Channel; externalId: string; username: string | null } | null;
}

export function attributionOf(r: AttributionRecord): string {
  const email = r.email?.trim();
  const name = r.provisionedName?.trim();
  if (email) return name ? `${name} <${email}>` : email;
  if (r.account) {
    const handle = r.account.username ? ` @${r.account.username.replace(/^@/, '')}` : '';
    return `${PLATFORM[r.account.channel]} user ${r.account.externalId}${handle}`;
  }
  return name || 'a Rivet user';
}
