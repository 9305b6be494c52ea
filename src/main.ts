/**
 * Wires real implementations into Rivet: the one place that knows every concrete
 * dependency. `startRivet` is used by `rivet start` and by end-to-end tests alike.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { openDatabase, type Database } from './db/client.js';
import { createRepositories, type Repositories } from './db/repositories/index.js';
import type { Organization } from './db/repositories/organizations.js';
import { createRedisFactory, pingRedis, type RedisFactory } from './queue/redis.js';
import { createApp } from './api/app.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import { VERSION } from './version.js';

export interface RivetOptions {
  /** Run the HTTP server (API, webhooks). */
  http?: boolean;
  /** Run job workers in this process. */
  workers?: boolean;
}

export interface Rivet {
  config: Config;
  logger: Logger;
  database: Database;
  repos: Repositories;
  organization: Organization;
  redis: RedisFactory;
  lifecycle: Lifecycle;
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

export async function startRivet(config: Config, logger: Logger, options: RivetOptions = {}): Promise<Rivet> {
  const http = options.http ?? true;
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

  const redis = createRedisFactory(config.redisUrl, logger);
  lifecycle.onShutdown('redis', () => redis.closeAll());
  const healthRedis = redis.connect('health');

  let server: ServerType | null = null;
  let port: number | null = null;
  if (http) {
    const app = createApp({
      logger,
      apiKey: config.apiKey,
      health: {
        version: VERSION,
        startedAt,
        checks: {
          database: () => database.ping(),
          redis: () => pingRedis(healthRedis),
          atlas: null,
          stripe: null,
          telegram: null,
          slack: null,
        },
      },
    });
    server = await listen(app.fetch, config.port);
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, database: database.kind }, 'rivet listening');
    const s = server;
    lifecycle.onShutdown('http', () => closeServer(s));
  }

  return {
    config,
    logger,
    database,
    repos,
    organization,
    redis,
    lifecycle,
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
