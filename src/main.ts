/**
 * Wires real implementations into Rivet: the one place that knows every concrete
 * dependency. `startRivet` is used by `rivet start`, `rivet worker` and end-to-end tests alike.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Api } from 'grammy';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { openDatabase, type Database } from './db/client.js';
import { createRepositories, type Repositories } from './db/repositories/index.js';
import type { Organization } from './db/repositories/organizations.js';
import { createStoredFileRepository } from './db/repositories/stored-files.js';
import { createTelegramAccountRepository } from './db/repositories/telegram-accounts.js';
import { createGroupConversationRepository } from './db/repositories/group-conversations.js';
import { createInboundMessageRepository } from './db/repositories/inbound-messages.js';
import { createRedisFactory, pingRedis, type RedisFactory } from './queue/redis.js';
import { createApp } from './api/app.js';
import { atlasErrorMapper } from './api/atlas-errors.js';
import { assetRoutes } from './api/routes/assets.js';
import { workOrderRoutes } from './api/routes/work-orders.js';
import { createAssetLookup } from './core/asset-lookup.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import { VERSION } from './version.js';
import { noOversight, systemClock, type AssetCatalog, type Clock, type Oversight, type WorkOrderReader } from './core/ports.js';
import { createUnderstanding } from './core/conversation/understanding.js';
import {
  createAssetDirectory, createAtlasClient, createAtlasWorkOrderReader, type AtlasClient, type AssetDirectory,
} from './integrations/atlas/index.js';
import { createJobSystem, type JobSystem } from './jobs/index.js';
import { createFileReader } from './jobs/handlers/attach-files.js';
import { API_TIMEOUT_S, createBot, createTelegramTransport, keptFileReader, keptFileRoutes, startPolling, telegramWebhookRoutes, type TelegramBot } from './bots/telegram/index.js';
import { chatIdOf, serializePerChat } from './bots/telegram/ordering.js';

export interface RivetOptions {
  /** Run the HTTP server (API, webhooks) and, without a webhook secret, Telegram long polling. */
  http?: boolean;
  /** Run job workers in this process. */
  workers?: boolean;
  /** The clock every component reads (tests move it forward). */
  clock?: Clock;
  /** BullMQ key prefix (tests use one of their own). */
  queuePrefix?: string;
  /** Job pipeline tuning passed through (tests shorten backoffs and sweeps). */
  jobOptions?: Parameters<typeof createJobSystem>[0]['options'];
  /** Supervisor oversight; the Slack bot will provide one. */
  oversight?: Oversight;
}

export interface Rivet {
  config: Config;
  logger: Logger;
  database: Database;
  repos: Repositories;
  organization: Organization;
  /** Queue mode only (REDIS_URL set); null in embedded mode. */
  redis: RedisFactory | null;
  lifecycle: Lifecycle;
  atlas: AtlasClient | null;
  assets: AssetCatalog;
  jobs: JobSystem;
  telegram: TelegramBot | null;
  /** The bound HTTP port (useful when PORT=0). */
  port: number | null;
  url: string | null;
  shutdown(reason?: string): Promise<void>;
}

export async function openAndMigrate(config: Config, logger: Logger): Promise<Database> {
  const database = await openDatabase(
    config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  const started = performance.now();
  await database.migrate();
  logger.info({ database: database.kind, ms: Math.round(performance.now() - started) }, 'database migrated');
  return database;
}

/** Without Atlas the catalog is empty and reads say so; reports still queue and wait. */
const emptyCatalog: AssetCatalog = { all: () => [], get: () => undefined, version: () => 0, requestRefresh: () => {} };
const noAtlasReader: WorkOrderReader = {
  getByNumber: () => Promise.reject(new Error('Atlas is not configured')),
  openForAsset: () => Promise.resolve([]),
  byIds: () => Promise.reject(new Error('Atlas is not configured')),
};

export async function startRivet(config: Config, logger: Logger, options: RivetOptions = {}): Promise<Rivet> {
  const http = options.http ?? true;
  const workers = options.workers ?? true;
  const clock = options.clock ?? systemClock;
  const oversight = options.oversight ?? noOversight;
  const lifecycle = createLifecycle(logger);
  const startedAt = new Date();

  const database = await openAndMigrate(config, logger);
  lifecycle.onShutdown('database', () => database.close());
  const repos = createRepositories(database.db);
  const organization = await repos.organizations.ensure({
    slug: 'default',
    name: config.organizationName,
    atlasUrl: config.atlas?.url ?? null,
    atlasAuthMode: config.atlas?.auth.kind ?? null,
    slackChannelId: config.slack?.channel ?? null,
  });

  // Queue mode only: without REDIS_URL jobs run in this process (embedded mode) and nothing uses Redis.
  const redis = config.redisUrl ? createRedisFactory(config.redisUrl, logger) : null;
  if (redis) lifecycle.onShutdown('redis', () => redis.closeAll());
  const healthRedis = redis?.connect('health') ?? null;

  // Atlas: the client, the in-memory asset directory, and the read side for the chat.
  const atlas = config.atlas ? createAtlasClient({ baseUrl: config.atlas.url, auth: config.atlas.auth, logger, clock }) : null;
  let directory: AssetDirectory | null = null;
  if (atlas && config.atlas) {
    directory = createAssetDirectory({ client: atlas, logger, refreshIntervalMs: config.atlas.assetRefreshMs, clock });
    const d = directory;
    lifecycle.onShutdown('asset-directory', () => d.stop());
    // A slow or absent Atlas must not hold start-up: the directory keeps retrying on its own.
    await Promise.race([d.start(), new Promise((r) => setTimeout(r, 5_000).unref())]);
  }
  const assets: AssetCatalog = directory ?? emptyCatalog;
  const reader = atlas ? createAtlasWorkOrderReader(atlas) : noAtlasReader;
  // One asset index per catalog version, shared by the bot and the REST API.
  const assetLookup = directory ? createAssetLookup(directory) : null;

  // Telegram's send side exists whenever a token is configured (workers deliver messages).
  const telegramApi = config.telegram ? new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot, timeoutSeconds: API_TIMEOUT_S }) : null;
  let bot: TelegramBot | null = null;

  // The job system closes every connection it opens; a factory of its own keeps the shared
  // one from disconnecting them a second time (ioredis then holds the process for 2 s).
  const jobs = createJobSystem({
    redis: config.redisUrl ? createRedisFactory(config.redisUrl, logger) : null,
    prefix: options.queuePrefix ?? config.queuePrefix,
    repos,
    db: database.db,
    organizationId: organization.id,
    atlas,
    transports: telegramApi ? { telegram: createTelegramTransport(telegramApi) } : {},
    oversight,
    inbound: config.telegram ? { telegram: serializePerChat((payload, ctx) => bot!.processUpdate(payload, ctx)) } : {},
    // One chat's updates run one after another, in every process (the runner's ordering key).
    orderingKeyOf: { telegram: chatIdOf },
    logger,
    clock,
    apiKey: config.apiKey,
    readFile: keptFileReader({ dataDir: config.dataDir, publicUrl: config.publicUrl, fallback: createFileReader(config.dataDir) }),
    options: {
      atlasWebhookSecret: config.atlas?.webhookSecret ?? null,
      ...(config.atlas ? { pollIntervalMs: config.atlas.pollIntervalMs } : {}),
      dataDir: config.dataDir,
      ...options.jobOptions,
    },
  });
  lifecycle.onShutdown('jobs', () => jobs.close());

  if (config.telegram) {
    const understanding = createUnderstanding(assets, assetLookup ?? undefined);
    bot = createBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      organizationId: organization.id,
      repos,
      storedFiles: createStoredFileRepository(database.db),
      telegramAccounts: createTelegramAccountRepository(database.db),
      groupConversations: createGroupConversationRepository(database.db),
      inboundMessages: createInboundMessageRepository(database.db),
      dispatcher: jobs.dispatcher,
      questions: jobs.questions,
      oversight,
      reader,
      assets,
      understand: understanding.understand,
      resolveAsset: understanding.resolveAsset,
      dataDir: config.dataDir,
      publicUrl: config.publicUrl,
      logger: logger.child({ component: 'telegram' }),
      clock,
    });
    const b = bot;
    lifecycle.onShutdown('telegram', () => b.close());
    // getMe and the command menu: best effort; a Telegram outage must not stop Rivet.
    void b
      .init()
      .then(() => (http ? b.registerCommands() : undefined))
      .catch((err: Error) => logger.warn({ err: err.message }, 'telegram not reachable at start-up; will retry on the first update'));
  }

  if (http && config.telegram && !config.telegram.webhookSecret && telegramApi) {
    const poller = await startPolling({ api: telegramApi, inbound: jobs.inbound, logger });
    lifecycle.onShutdown('telegram-polling', () => poller.stop());
  }

  let server: ServerType | null = null;
  let port: number | null = null;
  if (http) {
    const routes = [
      { path: '/webhooks/atlas', app: jobs.routes.atlasWebhook },
      { path: '/admin/queues', app: jobs.routes.adminQueues },
      { path: '/files', app: keptFileRoutes({ dataDir: config.dataDir }) },
    ];
    if (config.telegram?.webhookSecret) {
      routes.push({ path: '/telegram/webhook', app: telegramWebhookRoutes({ secret: config.telegram.webhookSecret, inbound: jobs.inbound }) });
    }
    const app = createApp({
      logger,
      apiKey: config.apiKey,
      routes,
      apiRoutes: [assetRoutes({ lookup: assetLookup }), workOrderRoutes({ atlas, repos, organizationId: organization.id })],
      errorMappers: [atlasErrorMapper],
      health: {
        version: VERSION,
        startedAt,
        checks: {
          database: () => database.ping(),
          redis: healthRedis ? () => pingRedis(healthRedis) : null,
          atlas: atlas
            ? async () => {
                const h = await atlas.health();
                if (!h.reachable || !h.authenticated) throw new Error(h.error ?? (h.reachable ? 'not authenticated' : 'unreachable'));
                return {
                  authMode: h.authMode,
                  account: h.user?.email ?? null,
                  statusUpdates: config.atlas?.webhookSecret ? 'webhook + safety poll' : 'polling',
                  licenceLimits: h.licenceLimits,
                  ...(directory ? { assets: directory.stats().assets } : {}),
                };
              }
            : null,
          stripe: null,
          telegram: telegramApi
            ? async () => {
                const me = await telegramApi.getMe();
                return { bot: me.username, mode: config.telegram?.webhookSecret ? 'webhook' : 'polling' };
              }
            : null,
          slack: null,
        },
        extras: async () => ({ jobs: await jobs.health() }),
      },
    });
    server = await listen(app.fetch, config.port);
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, database: database.kind, jobs: jobs.mode, telegram: config.telegram ? (config.telegram.webhookSecret ? 'webhook' : 'polling') : 'off' }, 'rivet listening');
    const s = server;
    lifecycle.onShutdown('http', () => closeServer(s));
  }

  // After listening: /health and webhooks answer even while Redis is away (workers attach later).
  if (workers) await jobs.startWorkers();

  return {
    config,
    logger,
    database,
    repos,
    organization,
    redis,
    lifecycle,
    atlas,
    assets,
    jobs,
    telegram: bot,
    port,
    url: port !== null ? `http://127.0.0.1:${port}` : null,
    shutdown: (reason = 'shutdown') => lifecycle.shutdown(reason),
  };
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '0.0.0.0' }, () => resolve(server));
    server.once('error', reject);
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
