/**
 * POST /telegram/webhook: checks Telegram's secret header (verify/telegram.ts), then hands the
 * update to the inbound acceptor (deduplicated by update_id, stored, queued) and answers at
 * once. The body was cut off at MAX_UPDATE_BYTES by the app (telegramTooLarge answers that); its text is sanitized (no NUL, no
 * lone surrogate, depth capped) before it is stored. Nothing malformed or unstorable ever gets a
 * 5xx: Telegram would redeliver it forever; it is logged and answered 200 "ignored".
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../api/context.js';
import { UnauthorizedError } from '../api/errors.js';
import { parseSafeJson } from '../api/safe-json.js';
import type { InboundAcceptor } from '../core/ports.js';
import { storeDelivery } from './store.js';
import { SECRET_HEADER, secretMatches } from './verify/telegram.js';

export { SECRET_HEADER, secretMatches } from './verify/telegram.js';

/** The body limit of /telegram/webhook (createApp refuses more, 413). Far above any real update (a 4096-character text is ~16 KB of JSON). */
export const MAX_UPDATE_BYTES = 1024 * 1024;

/**
 * An oversize update with the right secret is Telegram's (or someone holding the secret): answered
 * 200 "ignored" like anything else it cannot store, since Telegram redelivers a refusal forever.
 * Without the secret: the body limit's 413.
 */
export function telegramTooLarge(secret: string) {
  return (c: Context<AppEnv>): Response | undefined =>
    secretMatches(c.req.header(SECRET_HEADER), secret) ? c.json({ ok: true, ignored: 'too large' }, 200) : undefined;
}

export function telegramWebhookRoutes(deps: { secret: string; inbound: InboundAcceptor }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The answer, with what became of the delivery told to the delivery counts (not re-read from the body).
  const ignored = (c: Context<AppEnv>, reason: string) => {
    c.set('webhookOutcome', { ignored: reason });
    return c.json({ ok: true, ignored: reason });
  };
  app.post('/', async (c) => {
    if (!secretMatches(c.req.header(SECRET_HEADER), deps.secret)) throw new UnauthorizedError('Wrong or missing secret token');
    const log = c.get('logger');
    const parsed = parseSafeJson(await c.req.text());
    if (!parsed.ok) {
      log.warn('telegram update is not JSON; ignored');
      return ignored(c, 'malformed');
    }
    if (parsed.changed.text || parsed.changed.truncatedDepth) log.warn({ changed: parsed.changed }, 'telegram update sanitized');
    const update = parsed.value;
    const updateId = (update as { update_id?: unknown } | null)?.update_id;
    if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId)) {
      log.warn('telegram update without update_id; ignored');
      return ignored(c, 'malformed');
    }
    const stored = await storeDelivery(deps.inbound, 'telegram', String(updateId), update, log);
    if ('ignored' in stored) return ignored(c, stored.ignored);
    if (stored.result === 'duplicate') log.info({ updateId }, 'duplicate telegram update');
    c.set('webhookOutcome', stored.result);
    return c.json({ ok: true, result: stored.result });
  });
  return app;
}
