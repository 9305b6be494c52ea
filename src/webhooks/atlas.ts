/**
 * POST /webhooks/atlas: Atlas status changes (contract §9.3). Verified over the raw body
 * (verify/atlas.ts), timestamp within 5 minutes; then queued, and answered at once. Atlas never
 * retries a delivery, so anything past verification answers 2xx.
 *
 * The HMAC covers the body only: a captured delivery can be replayed with a fresh timestamp and a
 * fresh X-Webhook-Id. So the delivery is deduplicated on a hash of its raw body (the body carries
 * `occurredAt`, so two real events never share one), and a body whose `occurredAt` is older than
 * MAX_DELIVERY_AGE_MS is ignored — long before the remembered hashes are pruned (30 days).
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../api/context.js';
import { ServiceUnavailableError, UnauthorizedError } from '../api/errors.js';
import { parseSafeJson } from '../api/safe-json.js';
import type { Clock, InboundAcceptor } from '../core/ports.js';
// The payload the inbound job's Atlas handler reads (its consumer defines the shape).
import type { AtlasDelivery } from '../jobs/handlers/inbound.js';
import { storeDelivery } from './store.js';
import { verifyAtlasSignature } from './verify/atlas.js';

export { verifyAtlasSignature, signAtlasBody, MAX_WEBHOOK_SKEW_MS, type SignatureCheck } from './verify/atlas.js';

/** An Atlas delivery is a few KB of JSON at most; createApp refuses bodies over this (413). */
export const MAX_ATLAS_WEBHOOK_BYTES = 64 * 1024;
/** Atlas sends within seconds of the change; a body older than this is a replay. */
export const MAX_DELIVERY_AGE_MS = 24 * 60 * 60 * 1000;

/** The key a delivery is deduplicated on: the same body is the same event, whatever its headers. */
export const atlasDeliveryKey = (raw: Uint8Array) => `sha256:${createHash('sha256').update(raw).digest('hex')}`;

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
    const log = c.get('logger').child({ webhookId: check.webhookId, event: check.event });
    const parsed = parseSafeJson(new TextDecoder().decode(raw));
    if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      log.warn('atlas webhook body is not a JSON object; ignored');
      return c.json({ ok: true, ignored: 'malformed' });
    }
    if (parsed.changed.text || parsed.changed.truncatedDepth) log.warn({ changed: parsed.changed }, 'atlas webhook body sanitized');
    // The work order's id is looked up in PostgreSQL (an integer column): a string, a fraction or
    // a number past its range is not an Atlas id, and must not reach the database as one.
    const workOrderId = (parsed.value as { workOrderId?: unknown }).workOrderId;
    if (workOrderId !== undefined && workOrderId !== null && !(Number.isInteger(workOrderId) && (workOrderId as number) > 0 && (workOrderId as number) <= 2_147_483_647)) {
      log.warn('atlas webhook with a workOrderId that is not an id; ignored');
      return c.json({ ok: true, ignored: 'malformed' });
    }
    const occurredAt = Date.parse(String((parsed.value as { occurredAt?: unknown }).occurredAt ?? ''));
    if (Number.isFinite(occurredAt) && now.getTime() - occurredAt > MAX_DELIVERY_AGE_MS) {
      log.warn({ occurredAt: new Date(occurredAt).toISOString() }, 'atlas webhook about an old event (a replay); ignored');
      return c.json({ ok: true, ignored: 'stale_event' });
    }
    const delivery: AtlasDelivery = { event: check.event, body: parsed.value };
    const stored = await storeDelivery(deps.inbound, 'atlas', atlasDeliveryKey(raw), delivery, log);
    if ('ignored' in stored) return c.json({ ok: true, ignored: stored.ignored });
    log.info({ outcome: stored.result }, 'atlas webhook');
    return c.json({ ok: true, duplicate: stored.result === 'duplicate' });
  });
  return app;
}
