import type { Logger } from 'pino';

/** A delivery accepted, a duplicate, or ignored (answered 200) for a reason. */
export type WebhookOutcome = 'accepted' | 'duplicate' | { ignored: string };

/** What every request handler can read from the Hono context. */
export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
    /** What a webhook route did with a delivery, for the delivery counts (observability/webhooks.ts). */
    webhookOutcome: WebhookOutcome;
  };
};
