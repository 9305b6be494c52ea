/**
 * Shared set-up of the job pipeline tests: real PostgreSQL (and Redis in queue mode), the fake
 * Atlas, a recording chat. Reliability tests run once per runner: `describeEachRunner`.
 */
import { randomBytes } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import { count, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import { outbox } from '../../src/db/schema.js';
import { createAtlasClient, type AtlasClient } from '../../src/integrations/atlas/index.js';
import type { ChatTransport, CreateWorkOrderCommand, OutboundMessage } from '../../src/core/ports.js';
import { noOversight } from '../../src/core/ports.js';
import { createRedisFactory, type RedisFactory } from '../../src/queue/redis.js';
import { createJobSystem, type JobSystem, type JobSystemDeps, type JobSystemOptions, type RunnerMode } from '../../src/jobs/index.js';
import { startFakeAtlas, type FakeAtlas, type FakeAtlasOptions } from '../fakes/atlas/index.js';
import { loadCorpusAssets } from '../fakes/atlas/seed.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { memoryLogger } from '../helpers/logger.js';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { describeWith } from '../helpers/services.js';

/** A ChatTransport that keeps what it was asked to send; faults can be queued. */
export class RecordingTransport implements ChatTransport {
  readonly sent: (OutboundMessage & { at: number })[] = [];
  private faults: (() => Error)[] = [];
  private seq = 0;
  failNext(...errors: (() => Error)[]) {
    this.faults.push(...errors);
  }
  async send(message: OutboundMessage) {
    const fault = this.faults.shift();
    if (fault) throw fault();
    this.sent.push({ ...message, at: Date.now() });
    return { messageId: String(++this.seq) };
  }
  texts(chatId?: string): string[] {
    return this.sent.filter((m) => !chatId || m.to.chatId === chatId).map((m) => m.text);
  }
}

/** Both job runners: queue mode (BullMQ on Redis) and embedded mode (in-process from the outbox). */
export const RUNNERS: RunnerMode[] = ['queue', 'embedded'];

/**
 * A suite once per runner: queue mode needs PostgreSQL and Redis, embedded mode PostgreSQL only;
 * a runner whose servers are absent is reported as skipped with the reason.
 */
export function describeEachRunner(name: string, fn: (mode: RunnerMode) => void): void {
  for (const mode of RUNNERS) describeWith(mode === 'queue' ? ['postgres', 'redis'] : 'postgres', name.replace('%s', mode), () => fn(mode));
}

export const FAST: JobSystemOptions = {
  backoff: { baseMs: 50, maxMs: 400 },
  sweepIntervalMs: 300,
  sweepStaleAfterMs: 500,
  questionSweepIntervalMs: 200,
  lockDurationMs: 3_000,
  stalledIntervalMs: 1_000,
  heartbeatMs: 500,
  idlePollMs: 200,
  rateLimits: { privateChatMs: 1, groupChatMs: 1, slackChannelMs: 1, globalMs: 0 },
  pushTimeoutMs: 1_000,
};

export interface Harness {
  mode: RunnerMode;
  tdb: TestDatabase;
  organizationId: string;
  userId: string;
  prefix: string;
  /** Queue mode's Redis; null in embedded mode. */
  redis: RedisFactory | null;
  logger: Logger;
  logLines: Record<string, unknown>[];
  atlasFake: FakeAtlas;
  atlas: AtlasClient;
  systems: JobSystem[];
  system(over?: Partial<JobSystemDeps> & { options?: JobSystemOptions }): JobSystem;
  close(): Promise<void>;
}

export async function startHarness(opts: { mode?: RunnerMode; atlas?: FakeAtlasOptions; redisUrl?: string } = {}): Promise<Harness> {
  const mode = opts.mode ?? 'queue';
  const tdb = await createTestDatabase('rivet_jobs');
  const org = await tdb.repos.organizations.ensure({ slug: 'default', name: 'Test org' });
  const user = await tdb.repos.users.create({ organizationId: org.id, telegramId: 1000 + Math.floor(Math.random() * 1e6), displayName: 'Ana' });
  const prefix = uniquePrefix('rivet-jobs');
  const { logger, lines } = memoryLogger('info');
  const redisUrl = opts.redisUrl ?? TEST_REDIS_URL;
  const redis = mode === 'queue' ? createRedisFactory(redisUrl, logger) : null;
  const atlasFake = await startFakeAtlas({ seedAssets: loadCorpusAssets(), licensed: true, ...opts.atlas });
  const atlas = atlasClientFor(atlasFake, logger);
  const systems: JobSystem[] = [];
  return {
    mode, tdb, organizationId: org.id, userId: user.id, prefix, redis, logger, logLines: lines, atlasFake, atlas, systems,
    system(over = {}) {
      const s = createJobSystem({
        redis, prefix, repos: tdb.repos, db: tdb.database.db, organizationId: org.id, atlas,
        transports: {}, oversight: noOversight, inbound: {}, logger,
        ...over,
        options: { ...FAST, ...over.options },
      });
      systems.push(s);
      return s;
    },
    async close() {
      for (const s of systems.splice(0)) await s.close().catch(() => undefined);
      await redis?.closeAll();
      await atlasFake.close();
      await tdb.drop();
      if (redis && redisUrl === TEST_REDIS_URL) await clearPrefix(prefix);
    },
  };
}

export function atlasClientFor(fake: FakeAtlas, logger: Logger): AtlasClient {
  return createAtlasClient({
    baseUrl: fake.url,
    auth: { kind: 'password', email: fake.credentials.email, password: fake.credentials.password },
    logger,
    timeoutMs: 2_000,
    retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
  });
}

let n = 0;
export function report(h: Pick<Harness, 'organizationId' | 'userId'>, over: Partial<CreateWorkOrderCommand> = {}): CreateWorkOrderCommand {
  n += 1;
  return {
    idempotencyKey: `tg:cb:${randomBytes(4).toString('hex')}-${n}`,
    organizationId: h.organizationId,
    requesterId: h.userId,
    conversationId: null,
    chat: { channel: 'telegram', chatId: '555' },
    title: `Pump P-301 leaking oil ${n}`,
    description: 'Reported by Ana via chat',
    priority: 'MEDIUM',
    assetId: null,
    locationId: null,
    ...over,
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | false | null | undefined> | T | false | null | undefined, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the pipeline has nothing left to do: no live outbox row (pending, enqueued,
 * running) and no job waiting, active or delayed in `jobs`' queues. Use it instead of a fixed
 * sleep before asserting that something did *not* happen (a second send, a second notice): on a
 * starved machine a sleep proves nothing, while "settled" means every job that could have done
 * it has finished. The outbox is read first: a job whose row is done may still be active (a
 * send's bookkeeping runs after its row is marked done), and the queue counts catch that.
 */
export async function settled(h: Pick<Harness, 'tdb'>, jobs: JobSystem, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    'pipeline settled',
    async () => {
      const [live] = await h.tdb.database.db.select({ n: count() }).from(outbox).where(inArray(outbox.status, ['pending', 'enqueued', 'running']));
      if (Number(live?.n ?? 0) > 0) return false;
      const { queues } = await jobs.health();
      return queues !== null && Object.values(queues).every((c) => c.waiting + c.active + c.delayed === 0);
    },
    timeoutMs,
  );
}

/** A job's outbox row (its status and attempts, whichever runner ran it). */
export async function jobRow(h: Pick<Harness, 'tdb'>, jobId: string) {
  const [row] = await h.tdb.database.db.select().from(outbox).where(eq(outbox.jobId, jobId));
  return row ?? null;
}

/** Waits until the job is finished (done, failed for good, or parked) and returns its row. */
export async function finishedRow(h: Pick<Harness, 'tdb'>, jobId: string, timeoutMs = 20_000) {
  return waitFor(`job ${jobId} finished`, async () => {
    const row = await jobRow(h, jobId);
    return row && ['done', 'failed', 'parked'].includes(row.status) ? row : null;
  }, timeoutMs);
}

/** Waits until BullMQ has finished the job (completed or failed for good) and returns it (queue mode). */
export async function finishedJob(queue: Queue, jobId: string, timeoutMs = 20_000): Promise<Job> {
  return waitFor(`job ${jobId} finished`, async () => {
    const job = await queue.getJob(jobId);
    return job?.finishedOn ? job : null;
  }, timeoutMs);
}

/** A harness plus a job system whose Telegram transport records what it sends, workers running. */
export async function startRecordingSystem(
  over: Parameters<Harness['system']>[0] = {},
  harnessOpts?: Parameters<typeof startHarness>[0],
): Promise<{ h: Harness; chat: RecordingTransport; jobs: JobSystem }> {
  const h = await startHarness(harnessOpts);
  const chat = new RecordingTransport();
  const jobs = h.system({ transports: { telegram: chat }, ...over });
  await jobs.startWorkers();
  return { h, chat, jobs };
}
