/**
 * The one-time link token of a checkout, derived from its session id with a secret: the
 * provisioning job stores its hash, and the checkout's welcome page (which only knows the
 * session id) derives the same token to show it. Nobody without the secret can derive it.
 */
import { createHmac } from 'node:crypto';

export function checkoutLinkToken(secret: string, sessionId: string): string {
  // 'c' + 43 base64url characters: well inside Telegram's 64-character start payload.
  return 'c' + createHmac('sha256', secret).update(`rivet checkout link\n${sessionId}`).digest('base64url').slice(0, 43);
}

/** Stripe checkout session ids: cs_test_… / cs_live_…. */
export const CHECKOUT_SESSION_ID = /^cs_(?:test_|live_)?[A-Za-z0-9]{8,240}$/;
