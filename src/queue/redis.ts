/**
 * The one place that creates Redis connections (queue mode only). BullMQ workers need
 * `maxRetriesPerRequest: null` (they block); producers and health pings fail fast.
 *
 * Redis going away is said once, in one line that says what to do — not once per connection,
 * queue, worker and reconnect attempt — and its return once. Connections keep reconnecting on
 * their own (capped at 5 s), so Redis coming back needs no restart.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export type RedisRole = 'producer' | 'worker' | 'health' | 'limiter';

export interface RedisFactory {
  connect(role: RedisRole): Redis;
  /** False while Redis is known to be unreachable (since a connection failed, until one is ready again). */
  reachable(): boolean;
  /** Every connection made so far, for shutdown. */
  closeAll(): Promise<void>;
}

/** Errors that mean "cannot reach Redis" rather than "Redis said no". */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)$/.test(code)
    || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|connect|Connection is closed|Stream isn't writeable|ended/i.test(message);
}

/** The URL without its password, for logs. */
export function safeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}

/** Per URL, per process: several factories (the API's health ping, the job system) share one outage. */
const outages = new Map<string, { since: number } | null>();

export function createRedisFactory(url: string, logger: Logger): RedisFactory {
  const made: Redis[] = [];
  const where = safeRedisUrl(url);
  const log = logger.child({ component: 'redis' });

  function wentAway(err: Error): void {
    if (outages.get(url)) return;
    outages.set(url, { since: Date.now() });
    log.warn(
      { redis: where, err: err.message },
      `Redis at ${where} is unreachable (${err.message}). Nothing is lost: jobs wait in PostgreSQL and run once Redis is back. ` +
        'Start Redis or correct REDIS_URL; or unset REDIS_URL to run jobs inside Rivet (embedded mode, no Redis needed).',
    );
  }
  function cameBack(): void {
    const outage = outages.get(url);
    if (!outage) return;
    outages.set(url, null);
    log.info({ redis: where, downForMs: Date.now() - outage.since }, 'Redis is reachable again');
  }

  return {
    connect(role) {
      const options: RedisOptions = {
        lazyConnect: false,
        enableReadyCheck: true,
        connectionName: `rivet:${role}`,
        maxRetriesPerRequest: role === 'worker' ? null : role === 'health' ? 0 : 3,
        enableOfflineQueue: role !== 'health',
        connectTimeout: 5_000,
        // Keep reconnecting (capped at 5 s): Redis coming back must not need a restart.
        retryStrategy: (times) => Math.min(times * 200, 5_000),
      };
      const redis = new Redis(url, options);
      let lastError = '';
      redis.on('error', (err: Error) => {
        if (isConnectionError(err)) {
          wentAway(err);
          log.debug({ role, err: err.message }, 'redis connection error');
        } else if (err.message !== lastError) {
          log.warn({ role, err: err.message }, 'redis error');
        }
        lastError = err.message;
      });
      redis.on('ready', () => {
        lastError = '';
        cameBack();
      });
      made.push(redis);
      return redis;
    },
    reachable: () => !outages.get(url),
    async closeAll() {
      await Promise.all(made.splice(0).map(closeRedis));
    },
  };
}

/**
 * Closes one connection: QUIT when it is up (lets pending replies arrive), a hard
 * disconnect otherwise. A connection already ended is left alone.
 */
export async function closeRedis(r: Redis): Promise<void> {
  if (r.status === 'end') return;
  try {
    if (r.status === 'ready') await r.quit();
    else r.disconnect();
  } catch {
    r.disconnect();
  }
}

/** Resolves when Redis answers PING, rejects otherwise. */
export async function pingRedis(redis: Redis): Promise<void> {
  const reply = await redis.ping();
  if (reply !== 'PONG') throw new Error(`unexpected PING reply ${reply}`);
}
