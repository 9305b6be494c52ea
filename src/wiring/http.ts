/**
 * The HTTP part: one Hono app with /health, the admin REST API under /api, the webhooks (each
 * verified in src/webhooks and handed to the inbound acceptor), bull-board at /admin/queues and
 * the files Rivet keeps; served on PORT, closed gracefully on shutdown.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Api } from 'grammy';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createApp, type RouteMount } from '../api/app.js';
import { atlasErrorMapper } from '../api/atlas-errors.js';
import type { AppEnv } from '../api/context.js';
import { adminQueuesRoutes } from '../api/routes/admin-queues.js';
import { assetRoutes } from '../api/routes/assets.js';
import { keptFileRoutes } from '../api/routes/files.js';
import { groupRoutes } from '../api/routes/groups.js';
import { metricsRoutes } from '../api/routes/metrics.js';
import { reportRoutes } from '../api/routes/report.js';
import { workOrderRoutes } from '../api/routes/work-orders.js';
import type { Config } from '../config/config.js';
import type { HealthCheck } from '../health/checks.js';
import type { Clock } from '../core/ports.js';
import type { JobSystem } from '../jobs/index.js';
import type { Lifecycle } from '../lifecycle.js';
import { pingRedis } from '../queue/redis.js';
import { VERSION } from '../version.js';
import { atlasWebhookRoutes, MAX_ATLAS_WEBHOOK_BYTES } from '../webhooks/atlas.js';
import { MAX_UPDATE_BYTES, telegramTooLarge, telegramWebhookRoutes } from '../webhooks/telegram.js';
import type { AtlasPart } from './atlas.js';
import type { DatabasePart } from './database.js';
import type { ProvisioningPart } from './provisioning.js';
import type { ObservabilityPart } from './observability.js';
import { countedWebhookRoutes } from '../observability/webhooks.js';
import { INGEST_POOL_SIZE } from '../db/client.js';
import { PortInUseError } from './startup-error.js';

/** Which outside system speaks at a webhook path (for the delivery counts). */
const WEBHOOK_SOURCES: Record<string, string> = { '/telegram/webhook': 'telegram', '/webhooks/atlas': 'atlas', '/webhooks/stripe': 'stripe', '/slack': 'slack' };

export interface HttpPart {
  server: ServerType;
  /** The bound port (useful when PORT=0). */
  port: number;
}

export async function wireHttp(deps: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  clock: Clock;
  startedAt: Date;
  data: DatabasePart;
  /** Null in embedded mode (no REDIS_URL). */
  healthRedis: Redis | null;
  atlas: AtlasPart;
  jobs: JobSystem;
  telegramApi: Api | null;
  /** People: Stripe webhook and welcome page, users/invites API, QR stickers. */
  provisioning?: ProvisioningPart;
  /** Other parts' routes (e.g. /slack/events) and their health checks. */
  routes?: RouteMount[];
  slackHealth?: HealthCheck | null;
  /** GET /metrics, GET /api/report and webhook delivery counts. */
  observability?: ObservabilityPart;
}): Promise<HttpPart> {
  const { config, data, atlas, jobs, telegramApi } = deps;
  const routes: RouteMount[] = [
    { path: '/webhooks/atlas', app: atlasWebhookRoutes({ secret: config.atlas?.webhookSecret ?? null, inbound: jobs.inbound, clock: deps.clock }), maxBodyBytes: MAX_ATLAS_WEBHOOK_BYTES },
    { path: '/admin/queues', app: adminQueuesRoutes({ queues: jobs.queues ? Object.values(jobs.queues) : [], apiKey: config.apiKey }) },
    { path: '/files', app: keptFileRoutes({ dataDir: config.dataDir }) },
    ...(deps.routes ?? []),
  ];
  routes.push(...(deps.provisioning?.routes(jobs.inbound) ?? []));
  if (config.telegram?.webhookSecret) {
    routes.push({ path: '/telegram/webhook', app: telegramWebhookRoutes({ secret: config.telegram.webhookSecret, inbound: jobs.inbound }), maxBodyBytes: MAX_UPDATE_BYTES, tooLarge: telegramTooLarge(config.telegram.webhookSecret) });
  }
  const metrics = deps.observability?.metrics ?? null;
  const counted = routes.map((r) => (WEBHOOK_SOURCES[r.path] ? { ...r, app: countedWebhookRoutes(WEBHOOK_SOURCES[r.path]!, r.app, metrics) } : r));
  if (metrics) counted.push({ path: '/metrics', app: metricsRoutes({ registry: metrics.registry, apiKey: config.apiKey, token: config.metricsToken }) });
  const client = atlas.client;
  const app = createApp({
    logger: deps.logger,
    apiKey: config.apiKey,
    routes: counted,
    apiRoutes: [
      ...(deps.provisioning?.apiRoutes ?? []),
      assetRoutes({ lookup: atlas.lookup }),
      workOrderRoutes({ atlas: client, repos: data.repos, organizationId: data.organization.id }),
      groupRoutes({ chats: data.repos.allowedChats, organizationId: data.organization.id, configured: config.telegram?.allowedGroups ?? new Map() }),
      reportRoutes({ db: data.database.db, organizationId: data.organization.id, assets: client ? atlas.assets : null, now: () => deps.clock.now() }),
    ],
    errorMappers: [atlasErrorMapper],
    health: {
      version: VERSION,
      startedAt: deps.startedAt,
      checks: {
        database: () => data.database.ping(),
        redis: deps.healthRedis ? () => pingRedis(deps.healthRedis!) : null,
        atlas: client
          ? async () => {
              const h = await client.health();
              if (!h.reachable || !h.authenticated) throw new Error(h.error ?? (h.reachable ? 'not authenticated' : 'unreachable'));
              return {
                authMode: h.authMode,
                account: h.user?.email ?? null,
                statusUpdates: config.atlas?.webhookSecret ? 'webhook + safety poll' : 'polling',
                licenceLimits: h.licenceLimits,
                ...(atlas.directory ? { assets: atlas.directory.stats().assets } : {}),
              };
            }
          : null,
        stripe: deps.provisioning?.healthCheck ?? null,
        telegram: telegramApi
          ? async () => {
              const me = await telegramApi.getMe();
              return { bot: me.username, mode: config.telegram?.webhookSecret ? 'webhook' : 'polling' };
            }
          : null,
        slack: deps.slackHealth ?? null,
      },
      extras: async () => ({ jobs: await jobs.health() }),
    },
  });
  // The first deliveries after start-up find the connections open and their statement planned.
  await jobs.prepareIngest(INGEST_POOL_SIZE).catch((err: Error) => deps.logger.warn({ err: err.message }, 'could not prepare the database for webhooks; they will connect on demand'));
  const server = await listen(app.fetch, config.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  deps.logger.info({ port, database: data.database.kind, telegram: config.telegram ? (config.telegram.webhookSecret ? 'webhook' : 'polling') : 'off', slack: config.slack ? 'on' : 'off', jobs: jobs.mode }, 'rivet listening');
  deps.lifecycle.onShutdown('http', () => closeServer(server));
  return { server, port };
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '0.0.0.0' }, () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(port, { cause: err }) : err));
  });
}

/** Stops accepting, lets in-flight requests finish, then drops idle keep-alive sockets. */
function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    const s = server as import('node:http').Server;
    s.close(() => resolve());
    s.closeIdleConnections?.();
    setTimeout(() => s.closeAllConnections?.(), 5_000).unref();
  });
}
