/**
 * POST /slack/events: the one URL of the Slack app — Events API (JSON), interactivity (form with
 * `payload`) and slash commands (form). The v0 signature over the raw body is checked before
 * anything else (verify/slack.ts; bad or stale → 401, nothing stored). A url_verification is
 * answered; everything else is handed to the inbound acceptor (deduplicated: a retry of the same
 * event_id, or the same interaction, is stored once) and acknowledged at once with an empty 200,
 * well inside Slack's 3 seconds. Text is sanitized first (api/safe-json.ts); malformed or unstorable
 * requests are logged and acknowledged, never a 5xx.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../api/context.js';
import { UnauthorizedError } from '../api/errors.js';
import { cleanText, parseSafeJson } from '../api/safe-json.js';
import type { Clock, InboundAcceptor } from '../core/ports.js';
import { storeDelivery } from './store.js';
import { verifySlackSignature } from './verify/slack.js';

export { verifySlackSignature, signSlackBody, MAX_SLACK_SKEW_S, type SlackSignatureCheck } from './verify/slack.js';

/** The body limit of /slack (createApp refuses more, 413). Far above anything Slack sends (a block action with a large message is tens of KB). */
export const MAX_SLACK_BODY_BYTES = 1_000_000;

type Stored = { externalId: string; body: Record<string, unknown> } | { ignored: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);

/** What to store for a form request: an interaction's payload, or a slash command's fields. */
function fromForm(raw: string): Stored {
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) {
    const parsed = parseSafeJson(payload);
    if (!parsed.ok) return { ignored: 'interaction payload is not JSON' };
    const body = parsed.value;
    if (!isObject(body) || !str(body.type)) return { ignored: 'interaction without a type' };
    const actions = Array.isArray(body.actions) ? body.actions : [];
    const user = isObject(body.user) ? str(body.user.id) : null;
    const id = str(body.trigger_id) ?? (isObject(actions[0]) && str(actions[0].action_ts) && user ? `${user}/${actions[0].action_ts}` : null);
    return id ? { externalId: `ia:${id}`, body } : { ignored: 'interaction without a trigger_id' };
  }
  if (form.get('command') !== null) {
    const body = Object.fromEntries([...form].map(([k, v]) => [cleanText(k), cleanText(v)]));
    const id = str(body.trigger_id);
    return id ? { externalId: `cmd:${id}`, body } : { ignored: 'slash command without a trigger_id' };
  }
  return { ignored: 'form without payload or command' };
}

export function slackWebhookRoutes(deps: { signingSecret: string; inbound: InboundAcceptor; clock: Clock }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/events', async (c) => {
    const log = c.get('logger');
    // Already cut off at MAX_SLACK_BODY_BYTES by the app's body limit.
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const check = verifySlackSignature({
      rawBody: bytes,
      signature: c.req.header('x-slack-signature'),
      timestamp: c.req.header('x-slack-request-timestamp'),
      secret: deps.signingSecret,
      now: deps.clock.now(),
    });
    if (!check.ok) throw new UnauthorizedError(`Slack request refused: ${check.reason}`);

    const raw = new TextDecoder().decode(bytes);
    const retry = c.req.header('x-slack-retry-num');
    let stored: Stored;
    if ((c.req.header('content-type') ?? '').includes('application/json')) {
      const parsed = parseSafeJson(raw);
      const body = parsed.ok ? parsed.value : null;
      if (isObject(body) && body.type === 'url_verification' && typeof body.challenge === 'string') {
        return c.json({ challenge: body.challenge });
      }
      const eventId = isObject(body) ? str(body.event_id) : null;
      stored = isObject(body) && body.type === 'event_callback' && eventId && isObject(body.event)
        ? { externalId: `ev:${eventId}`, body }
        : { ignored: isObject(body) ? `event of type ${String(body.type).slice(0, 40)}` : 'body is not a JSON object' };
    } else {
      stored = fromForm(raw);
    }
    if ('ignored' in stored) {
      log.warn({ reason: stored.ignored }, 'slack request ignored');
      return c.body(null, 200);
    }
    const outcome = await storeDelivery(deps.inbound, 'slack', stored.externalId, stored.body, log);
    if ('ignored' in outcome) return c.body(null, 200);
    log.info({ externalId: stored.externalId, result: outcome.result, ...(retry ? { retry, retryReason: c.req.header('x-slack-retry-reason') } : {}) }, 'slack request');
    return c.body(null, 200);
  });
  return app;
}
