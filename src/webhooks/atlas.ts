/**
 * POST /webhooks/atlas: Atlas status changes (contract §9.3). Verified over the raw body
 * (verify/atlas.ts), timestamp within 5 minutes, X-Webhook-Id deduplicated; then queued, and
 * answered at once. Atlas never retries a delivery, so anything past verification answers 2xx.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../api/context.js';
import { BadRequestError, ServiceUnavailableError, UnauthorizedError } from '../api/errors.js';
import type { Clock, InboundAcceptor } from '../core/ports.js';
// The payload the inbound job's Atlas handler reads (its consumer defines the shape).
import type { AtlasDelivery } from '../jobs/handlers/inbound.js';
import { verifyAtlasSignature } from './verify/atlas.js';

export { verifyAtlasSignature, signAtlasBody, MAX_WEBHOOK_SKEW_MS, type SignatureCheck } from './verify/atlas.js';

/** An Atlas delivery is a few hundred bytes of JSON; createApp refuses bodies over this (413). */
export const MAX_ATLAS_WEBHOOK_BYTES = 64 * 1024;

export function atlasWebhookRoutes(deps: { secret: string | null | undefined; inbound: InboundAcceptor; clock: Clock }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const secrets = (deps.secret ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  app.post('/', async (c) => {
    if (secrets.length === 0) throw new ServiceUnavailableError('atlas_webhooks_disabled', 'Atlas webhooks are off: set ATLAS_WEBHOOK_SECRET');
    // Already cut off at MAX_ATLAS_WEBHOOK_BYTES by the app's body limit.
    const raw = new Uint8Array(await c.req.arrayBuffer());
    // Several secrets (comma-separated) while one endpoint is rotated or replaced.
    const now = deps.clock.now();
    const checks = secrets.map((secret) => verifyAtlasSignature({ rawBody: raw, headers: c.req.raw.headers, secret, now }));
    const check = checks.find((r) => r.ok) ?? checks.find((r) => !r.ok && r.reason !== 'bad_signature') ?? checks[0]!;
    if (!check.ok) throw new UnauthorizedError(`Atlas webhook refused: ${check.reason}`);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      throw new BadRequestError('Webhook body is not JSON');
    }
    const delivery: AtlasDelivery = { event: check.event, body };
    const outcome = await deps.inbound.accept('atlas', check.webhookId, delivery);
    c.get('logger')?.info({ webhookId: check.webhookId, event: check.event, outcome }, 'atlas webhook');
    return c.json({ ok: true, duplicate: outcome === 'duplicate' });
  });
  return app;
}
