/**
 * The provisioning part: how people get accounts. Stripe (when configured: the gateway, the
 * webhook route, the welcome page, the jobs that turn events into accounts and tiers), the
 * admin API for people and invites, asset QR stickers, and the Atlas-account job every new
 * person with an email gets. Its jobs need the job system, which needs its handlers first, so
 * the job system is bound late (`bindJobs`), as the Telegram part does with its bot.
 */
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../api/context.js';
import { stickerRoutes } from '../api/routes/stickers.js';
import { userRoutes } from '../api/routes/users.js';
import { welcomeRoutes } from '../api/routes/welcome.js';
import type { BotUsername } from '../bots/telegram/index.js';
import type { Config } from '../config/config.js';
import type { Clock, InboundAcceptor, Oversight } from '../core/ports.js';
import { createProvisioning, type Provisioning } from '../core/provisioning/index.js';
import { createLinkTokenRepository } from '../db/repositories/link-tokens.js';
import { createAccountStore, createLinkIssuer } from '../db/stores/accounts.js';
import { createStripeGateway, type StripeGateway } from '../integrations/stripe/index.js';
import type { JobHandler, JobSystem } from '../jobs/index.js';
import { atlasAccountHandler } from '../jobs/handlers/atlas-accounts.js';
import type { InboundProcessors } from '../jobs/handlers/inbound.js';
import { PROVISIONING_JOBS, stripeCheckoutHandler, stripeInboundProcessor, stripeSyncHandler, type Enqueue } from '../jobs/handlers/stripe-events.js';
import type { HealthCheck } from '../health/checks.js';
import { MAX_STRIPE_EVENT_BYTES, stripeWebhookRoutes } from '../webhooks/stripe.js';
import type { RouteMount } from '../api/app.js';
import type { AtlasPart } from './atlas.js';
import type { DatabasePart } from './database.js';

export interface ProvisioningPart {
  provisioning: Provisioning;
  stripe: StripeGateway | null;
  /** Handlers of the `provisioning` queue. */
  handlers: { provisioning: Record<string, JobHandler> };
  /** The processor of stored Stripe events (when Stripe is configured). */
  inbound: InboundProcessors;
  bindJobs(jobs: JobSystem): void;
  /** Public routes: /webhooks/stripe and /welcome (when Stripe is configured). */
  routes(inbound: InboundAcceptor): RouteMount[];
  /** Under /api: users, invites, QR stickers. */
  apiRoutes: Hono<AppEnv>[];
  healthCheck: HealthCheck | null;
}

export function wireProvisioning(deps: {
  config: Config;
  data: DatabasePart;
  atlas: AtlasPart;
  oversight: Oversight;
  botUsername: BotUsername;
  logger: Logger;
  clock: Clock;
}): ProvisioningPart {
  const { config, data, clock } = deps;
  const organizationId = data.organization.id;
  const logger = deps.logger.child({ component: 'provisioning' });
  const db = data.database.db;
  const accounts = createAccountStore(db);
  let jobs: JobSystem | null = null;
  const bound = () => {
    if (!jobs) throw new Error('provisioning used before the job system was bound');
    return jobs;
  };
  const enqueue: Enqueue = (job) => bound().enqueue(job);
  const send = (message: Parameters<JobSystem['dispatcher']['send']>[0]) => bound().dispatcher.send(message);

  const provisioning = createProvisioning({
    accounts,
    links: createLinkIssuer(db),
    priceTiers: config.stripe?.priceTiers ?? {},
    clock,
    logger,
    followUps: {
      createAtlasAccount: (account) =>
        enqueue({ queue: 'provisioning', name: PROVISIONING_JOBS.atlasAccount, key: account.id, payload: { userId: account.id }, organizationId: account.organizationId }),
      async tellPerson(account, key, text) {
        if (account.telegramId === null) return;
        await send({ idempotencyKey: key, to: { channel: 'telegram', chatId: String(account.telegramId) }, text, kind: 'status' });
      },
    },
  });

  const handlers: Record<string, JobHandler> = {
    [PROVISIONING_JOBS.atlasAccount]: atlasAccountHandler({
      organizationId, atlas: deps.atlas.client, accounts, roleCode: config.atlas?.defaultRole ?? 'REQUESTER',
      oversight: deps.oversight, send, clock, logger,
    }),
  };
  const settings = config.stripe;
  const stripe = settings ? createStripeGateway({ secretKey: settings.secretKey, apiBase: settings.apiBase, logger }) : null;
  let inbound: InboundProcessors = {};
  if (settings && stripe) {
    const jobDeps = { organizationId, stripe, provisioning, linkSecret: settings.webhookSecret, enqueue, clock };
    handlers[PROVISIONING_JOBS.checkout] = stripeCheckoutHandler(jobDeps);
    handlers[PROVISIONING_JOBS.sync] = stripeSyncHandler(jobDeps);
    inbound = { stripe: stripeInboundProcessor(jobDeps) };
  }
  const linkTokens = createLinkTokenRepository(db);
  let checked: { at: number; result: Record<string, unknown> } | null = null;

  return {
    provisioning,
    stripe,
    handlers: { provisioning: handlers },
    inbound,
    bindJobs(j) {
      jobs = j;
    },
    routes(acceptor) {
      if (!settings || !stripe) return [];
      return [
        { path: '/webhooks/stripe', app: stripeWebhookRoutes({ secret: settings.webhookSecret, inbound: acceptor, clock }), maxBodyBytes: MAX_STRIPE_EVENT_BYTES },
        { path: '/welcome', app: welcomeRoutes({ stripe, linkSecret: settings.webhookSecret, inspectToken: (t) => linkTokens.inspect(t), botUsername: deps.botUsername, clock }) },
      ];
    },
    apiRoutes: [
      userRoutes({ organizationId, accounts, provisioning, botUsername: deps.botUsername, clock }),
      stickerRoutes({ assets: deps.atlas.client ? deps.atlas.assets : null, botUsername: deps.botUsername }),
    ],
    healthCheck:
      settings && stripe
        ? async () => {
            // Health probes come often; Stripe is asked at most once a minute.
            if (checked && Date.now() - checked.at < 60_000) return checked.result;
            const { prices } = await stripe.check(Object.keys(settings.priceTiers));
            const missing = Object.keys(prices).filter((p) => prices[p] === 'missing');
            if (missing.length) throw new Error(`STRIPE_PRICE_TIERS names prices Stripe does not have: ${missing.join(', ')}`);
            const result = { prices, webhook: '/webhooks/stripe', apiBase: settings.apiBase ?? 'api.stripe.com' };
            checked = { at: Date.now(), result };
            return result;
          }
        : null,
  };
}
