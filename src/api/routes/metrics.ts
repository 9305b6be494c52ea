/**
 * GET /metrics: Prometheus text format (src/observability/metrics.ts). Behind the admin key
 * (`Authorization: Bearer <RIVET_API_KEY>`) or a scrape-only token (`Bearer <METRICS_TOKEN>`),
 * so a scraper needs no admin rights; with neither configured the route says it is off.
 */
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../context.js';
import { ServiceUnavailableError, UnauthorizedError } from '../errors.js';
import { secretsEqual } from '../middleware/api-key.js';

export function metricsRoutes(deps: { registry: Registry; apiKey: string | null; token: string | null }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const accepted = [deps.apiKey, deps.token].filter((k): k is string => !!k);
    if (accepted.length === 0) throw new ServiceUnavailableError('metrics_disabled', 'Metrics are off: set METRICS_TOKEN (or RIVET_API_KEY) to enable them');
    const given = /^Bearer\s+(.+)$/i.exec((c.req.header('authorization') ?? '').trim())?.[1];
    // Every key is compared (constant time each), so the answer does not tell which one came close.
    const ok = given !== undefined && accepted.map((k) => secretsEqual(given, k)).includes(true);
    if (!ok) throw new UnauthorizedError('Missing or invalid metrics token');
    return c.body(await deps.registry.metrics(), 200, { 'content-type': deps.registry.contentType, 'cache-control': 'no-store' });
  });
  return app;
}
