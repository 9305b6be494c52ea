/**
 * Rivet, assembled: a table of contents. Each part is wired in src/wiring/ by a factory that
 * takes what it needs; this file only says in which order they start. `startRivet` is used by
 * `rivet start`, `rivet worker` and the end-to-end tests alike. Parts stop in reverse order.
 */
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import type { ChatEngine } from './core/conversation/index.js';
import { systemClock, type AssetCatalog, type Clock, type Oversight } from './core/ports.js';
import type { Database } from './db/client.js';
import type { Repositories } from './db/repositories/index.js';
import type { Organization } from './db/repositories/organizations.js';
import type { AtlasClient } from './integrations/atlas/index.js';
import type { JobSystem, JobSystemOptions } from './jobs/index.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import type { RedisFactory } from './queue/redis.js';
import type { SlackBot } from './bots/slack/index.js';
import type { TelegramBot } from './bots/telegram/index.js';
import { wireAtlas } from './wiring/atlas.js';
import { wireChat } from './wiring/chat.js';
import { wireDatabase } from './wiring/database.js';
import { wireHttp } from './wiring/http.js';
import { wireJobs } from './wiring/jobs.js';
import { wireRedis } from './wiring/redis.js';
import { wireSlack } from './wiring/slack.js';
import { wireTelegram } from './wiring/telegram.js';
import { wireDemo } from './wiring/demo.js';
import { installLanguageScope } from './wiring/language.js';
import { wireProvisioning } from './wiring/provisioning.js';
import { wireObservability, type ObservabilityPart } from './wiring/observability.js';
import type { ExporterOptions } from './integrations/langsmith/index.js';
import { watchQueues } from './observability/metrics.js';
import { observedTransports } from './observability/transports.js';
import { createBotUsername } from './bots/telegram/index.js';

export { openAndMigrate } from './wiring/database.js';

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
  jobOptions?: JobSystemOptions;
  /** Supervisor oversight; by default Slack's when it is configured, else none. */
  oversight?: Oversight;
  /** How often untouched HIGH reports are checked for escalation (default 30 s). */
  slack?: { escalationCheckMs?: number };
  /** Trace exporter tuning (queue size, batch, request timeout); tests shorten them. */
  telemetry?: { exporter?: ExporterOptions };
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
  /** The chat engine every platform adapter hands its events to. */
  chat: ChatEngine;
  telegram: TelegramBot | null;
  slack: SlackBot | null;
  /** Metrics, tracing and the observer of decisions and corrections. */
  observability: ObservabilityPart;
  /** The bound HTTP port (useful when PORT=0). */
  port: number | null;
  url: string | null;
  shutdown(reason?: string): Promise<void>;
}

export async function startRivet(config: Config, logger: Logger, options: RivetOptions = {}): Promise<Rivet> {
  const http = options.http ?? true;
  const clock = options.clock ?? systemClock;
  const lifecycle = createLifecycle(logger);
  const startedAt = new Date();
  // Replies in each person's language (core/texts), turn by turn and job by job.
  installLanguageScope();

  // 1. Storage and outside systems.
  const data = await wireDatabase({ config, logger, lifecycle });
  // Metrics, tracing (a no-op unless LANGSMITH_TRACING=true) and feedback: every later part reports to it.
  const observability = wireObservability({ config, logger, clock, lifecycle, data, ...(options.telemetry?.exporter ? { exporter: options.telemetry.exporter } : {}) });
  const { redis, healthRedis } = wireRedis({ config, logger, lifecycle });
  const atlas = await wireAtlas({ config, logger, lifecycle, clock, observability });

  // 2. The job pipeline, with each platform's send side and inbound processor, and provisioning's jobs.
  const telegram = wireTelegram({ config, logger, clock, lifecycle });
  const slack = wireSlack({ config, logger, clock, data, observer: observability.observer, ...options.slack });
  // The browser demo (RIVET_DEMO): a third chat platform, and oversight in its page unless Slack oversees.
  const demo = wireDemo({ config, logger, clock, data, observer: observability.observer });
  const oversight = options.oversight ?? demo.oversight ?? slack.oversight;
  const provisioning = wireProvisioning({ config, data, atlas, oversight, botUsername: createBotUsername({ configured: config.botUsername, api: telegram.api }), logger, clock });
  const jobs = wireJobs({
    config, data, atlas: atlas.client, oversight, logger, clock, lifecycle,
    transports: observedTransports({ ...telegram.transports, ...slack.transports, ...demo.transports }, observability.metrics),
    inbound: { ...telegram.inbound, ...slack.inbound, ...demo.inbound, ...provisioning.inbound },
    handlers: { ...slack.handlers, ...demo.handlers, ...provisioning.handlers },
    periodic: [...slack.periodic, ...demo.periodic],
    observers: observability.jobObservers,
    ...(options.queuePrefix ? { prefix: options.queuePrefix } : {}),
    ...(options.jobOptions ? { options: options.jobOptions } : {}),
  });
  provisioning.bindJobs(jobs);

  // 3. The chat engine, and the platform adapters in front of it.
  const chat = wireChat({ config, data, atlas, jobs, oversight, logger, clock, observability });
  watchQueues(observability.metrics, jobs);
  const bot = telegram.startBot(chat, { announce: http });
  const slackBot = slack.start({ engine: chat, jobs, atlas });
  demo.start({ engine: chat, jobs, atlas, provisioning: provisioning.provisioning });

  // 4. Traffic first (/health and webhooks answer even while Redis is away), then work.
  if (http) await telegram.startPolling(jobs.inbound);
  const server = http
    ? await wireHttp({ config, logger, lifecycle, clock, startedAt, data, healthRedis, atlas, jobs, telegramApi: telegram.api, provisioning, routes: [...slack.routes(jobs.inbound), ...demo.routes(jobs.inbound)], slackHealth: slack.health, observability })
    : null;

  lifecycle.onShutdown('demo-streams', () => demo.closeStreams());

  if (options.workers ?? true) await jobs.startWorkers();

  return {
    config,
    logger,
    ...data,
    redis,
    lifecycle,
    atlas: atlas.client,
    assets: atlas.assets,
    jobs,
    chat,
    telegram: bot,
    slack: slackBot,
    observability,
    port: server?.port ?? null,
    url: server ? `http://127.0.0.1:${server.port}` : null,
    shutdown: (reason = 'shutdown') => lifecycle.shutdown(reason),
  };
}
