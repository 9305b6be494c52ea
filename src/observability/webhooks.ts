/**
 * Webhook deliveries counted by what became of them, from the answer each route gave: accepted,
 * a duplicate, or refused/ignored with a reason (the error code of a 4xx/5xx — unauthorized, a
 * bad signature, too large, malformed — or what an "ok, ignored" answer named). A route on a hot
 * path says what it did (`c.set('webhookOutcome', …)`, e.g. Telegram's) and its answer is not
 * read again; for the others, and for every refusal, the answer's JSON is read.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { Hono as App } from 'hono';
import type { AppEnv } from '../api/context.js';
import type { Metrics } from './metrics.js';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || 'unknown';

export function countWebhooks(source: string, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    const told = c.get('webhookOutcome');
    if (told !== undefined && res.status < 400) {
      if (typeof told === 'object') {
        metrics.webhookRejections.inc({ source, reason: slug(told.ignored) });
        metrics.webhooks.inc({ source, result: 'ignored' });
      } else metrics.webhooks.inc({ source, result: told });
      return;
    }
    let body: Record<string, unknown> | null = null;
    if ((res.headers.get('content-type') ?? '').includes('json')) body = (await res.clone().json().catch(() => null)) as Record<string, unknown> | null;
    if (res.status >= 400) {
      const code = (body?.error as { code?: unknown } | undefined)?.code;
      const reason = typeof code === 'string' ? slug(code) : `http_${res.status}`;
      metrics.webhookRejections.inc({ source, reason });
      metrics.webhooks.inc({ source, result: 'rejected' });
      return;
    }
    if (typeof body?.ignored === 'string') {
      metrics.webhookRejections.inc({ source, reason: slug(body.ignored) });
      metrics.webhooks.inc({ source, result: 'ignored' });
      return;
    }
    const duplicate = body?.result === 'duplicate' || body?.duplicate === true;
    metrics.webhooks.inc({ source, result: duplicate ? 'duplicate' : 'accepted' });
  };
}

/** `app` behind the counting middleware, for mounting at the same path. */
export function countedWebhookRoutes(source: string, app: Hono<AppEnv>, metrics: Metrics | null): Hono<AppEnv> {
  if (!metrics) return app;
  const counted = new App<AppEnv>();
  counted.use('*', countWebhooks(source, metrics));
  counted.route('/', app);
  return counted;
}
