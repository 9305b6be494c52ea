/**
 * The jobs part: the durable pipeline (outbox + BullMQ in queue mode, the outbox alone in embedded
 * mode) with the chat transports that deliver replies, the processors of inbound deliveries (each
 * conversation's in order, across processes), and the attachment reader. In queue mode it gets a
 * Redis factory of its own: it closes every connection it opens, and the shared factory would then
 * disconnect them a second time (ioredis holds the process for 2 s).
 */
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { ChatTransport, Clock, Oversight } from '../core/ports.js';
import type { DatabasePart } from './database.js';
import { createFileHousekeeping } from '../files/housekeeping.js';
import { createJobSystem, type JobSystem, type JobSystemDeps, type JobSystemOptions } from '../jobs/index.js';
import { createFileReader } from '../jobs/handlers/attach-files.js';
import type { InboundProcessors } from '../jobs/handlers/inbound.js';
import type { AtlasClient } from '../integrations/atlas/index.js';
import type { Lifecycle } from '../lifecycle.js';
import { createRedisFactory } from '../queue/redis.js';
import { chatIdOf } from '../bots/telegram/ordering.js';
import { conversationOf } from '../bots/slack/ordering.js';
import { demoOrderingKey } from '../bots/demo/updates.js';

export function wireJobs(deps: {
  config: Config;
  data: DatabasePart;
  atlas: AtlasClient | null;
  transports: { telegram?: ChatTransport; slack?: ChatTransport; demo?: ChatTransport };
  inbound: InboundProcessors;
  oversight: Oversight;
  logger: Logger;
  clock: Clock;
  lifecycle: Lifecycle;
  prefix?: string;
  options?: JobSystemOptions;
  /** Other features' job handlers (provisioning, Slack oversight) by queue and job name, and periodic work. */
  handlers?: JobSystemDeps['handlers'];
  periodic?: JobSystemDeps['periodic'];
  /** Traces and metrics of job runs (wiring/observability.ts). */
  observers?: JobSystemDeps['observers'];
}): JobSystem {
  const { config } = deps;
  // Files nobody accepted, and files past RIVET_FILE_RETENTION_DAYS, are deleted hourly.
  const files = createFileHousekeeping({ files: deps.data.repos.storedFiles, dataDir: config.dataDir, retentionDays: config.files.retentionDays, clock: deps.clock, logger: deps.logger });
  const jobs = createJobSystem({
    redis: config.redisUrl ? createRedisFactory(config.redisUrl, deps.logger) : null,
    prefix: deps.prefix ?? config.queuePrefix,
    repos: deps.data.repos,
    db: deps.data.database.db,
    ingestDb: deps.data.database.ingest,
    organizationId: deps.data.organization.id,
    atlas: deps.atlas,
    transports: deps.transports,
    oversight: deps.oversight,
    inbound: deps.inbound,
    // One conversation's deliveries run one after another, in every process (the runner's ordering key).
    orderingKeyOf: { telegram: chatIdOf, slack: conversationOf, demo: demoOrderingKey },
    logger: deps.logger,
    clock: deps.clock,
    ...(deps.handlers ? { handlers: deps.handlers } : {}),
    periodic: [...(deps.periodic ?? []), { name: 'file-housekeeping', intervalMs: 60 * 60_000, run: async () => void (await files.run()) }],
    ...(deps.observers ? { observers: deps.observers } : {}),
    readFile: createFileReader(config.dataDir, config.publicUrl),
    options: {
      atlasWebhookSecret: config.atlas?.webhookSecret ?? null,
      ...(config.atlas ? { pollIntervalMs: config.atlas.pollIntervalMs } : {}),
      dataDir: config.dataDir,
      publicUrl: config.publicUrl,
      ...deps.options,
    },
  });
  deps.lifecycle.onShutdown('jobs', () => jobs.close());
  return jobs;
}
