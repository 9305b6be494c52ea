/**
 * GET /welcome?session_id=cs_…: where Stripe sends a buyer after checkout (the success URL,
 * `https://<rivet>/welcome?session_id={CHECKOUT_SESSION_ID}`). Shows the checkout's one-time
 * link to the bot and its QR code once the webhook job has minted it, "almost ready" until
 * then, and a clear page for an unknown, unpaid or used checkout. Public: the session id is
 * the secret, as in Stripe's own design; the page is never cached.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { telegramStartLink } from '../../core/provisioning/index.js';
import { CHECKOUT_SESSION_ID, checkoutLinkToken, StripeUnavailableError, type StripeGateway } from '../../integrations/stripe/index.js';
import type { Clock } from '../../core/ports.js';
import { welcomePages, welcomeReady } from '../pages/welcome.js';

export interface WelcomeDeps {
  stripe: Pick<StripeGateway, 'checkoutSession'>;
  /** The secret checkout link tokens are derived with (STRIPE_WEBHOOK_SECRET). */
  linkSecret: string;
  inspectToken(token: string): Promise<{ expiresAt: Date; usedAt: Date | null } | null>;
  botUsername(): Promise<string | null>;
  clock: Clock;
}

export function welcomeRoutes(deps: WelcomeDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
    const log = c.get('logger');
    const sessionId = c.req.query('session_id') ?? '';
    if (!CHECKOUT_SESSION_ID.test(sessionId)) return c.html(welcomePages.unknown(), 404);
    const bot = await deps.botUsername().catch((err: Error) => {
      log.warn({ err: err.message }, 'bot username unknown (getMe failed)');
      return null;
    });
    const token = checkoutLinkToken(deps.linkSecret, sessionId);
    const state = await deps.inspectToken(token);
    if (state) {
      if (state.usedAt) return c.html(welcomePages.alreadyConnected(bot ? `https://t.me/${bot}` : null));
      if (state.expiresAt.getTime() <= deps.clock.now().getTime()) return c.html(welcomePages.expired(), 410);
      if (!bot) return c.html(welcomePages.telegramOff(), 503);
      return c.html(await welcomeReady(telegramStartLink(bot, token), state.expiresAt));
    }
    // Not minted yet: the webhook may still be on its way, or the checkout is not (yet) paid.
    let session;
    try {
      session = await deps.stripe.checkoutSession(sessionId);
    } catch (err) {
      // Down (retry soon) or refusing our key (an operator must fix it): the buyer can only wait.
      const down = err instanceof StripeUnavailableError;
      log[down ? 'warn' : 'error']({ err: (err as Error).message }, 'welcome page could not ask Stripe');
      return c.html(welcomePages.unavailable(), 503);
    }
    if (!session) return c.html(welcomePages.unknown(), 404);
    const paid = session.status === 'complete' && (session.paymentStatus === 'paid' || session.paymentStatus === 'no_payment_required');
    if (!paid) return c.html(welcomePages.unpaid(), 402);
    log.info({ sessionId }, 'welcome page before the checkout was provisioned; asking to refresh');
    return c.html(welcomePages.almostReady(), 202);
  });
}
