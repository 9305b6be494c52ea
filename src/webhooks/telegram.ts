/**
 * POST /telegram/webhook: checks Telegram's secret header (verify/telegram.ts), then hands the
 * update to the inbound acceptor (deduplicated by update_id, stored, queued) and answers at
 * once. Nothing malformed ever gets a 5xx: Telegram would redeliver it forever.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../api/context.js';
import { UnauthorizedError } from '../api/errors.js';
import type { InboundAcceptor } from '../core/ports.js';
import { SECRET_HEADER, secretMatches } from './verify/telegram.js';

export { SECRET_HEADER, secretMatches } from './verify/telegram.js';

/** The body limit of /telegram/webhook (createApp refuses more, 413). Far above any real update (a 4096-character text is ~16 KB of JSON). */
export const MAX_UPDATE_BYTES = 1024 * 1024;

export function telegramWebhookRoutes(deps: { secret: string; inbound: InboundAcceptor }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post(
    '/',
    async (c, next) => {
      if (!secretMatches(c.req.header(SECRET_HEADER), deps.secret)) throw new UnauthorizedError('Wrong or missing secret token');
      await next();
    },
    async (c) => {
      const log = c.get('logger');
      let update: unknown;
      try {
        update = await c.req.json();
      } catch {
        log.warn('telegram update is not JSON; ignored');
        return c.json({ ok: true, ignored: 'malformed' });
      }
      const updateId = (update as { update_id?: unknown } | null)?.update_id;
      if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId)) {
        log.warn('telegram update without update_id; ignored');
        return c.json({ ok: true, ignored: 'malformed' });
      }
      const result = await deps.inbound.accept('telegram', String(updateId), update);
      if (result === 'duplicate') log.info({ updateId }, 'duplicate telegram update');
      return c.json({ ok: true, result });
    },
  );
  return app;
}
