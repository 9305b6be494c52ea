/**
 * The one place that creates Redis connections. BullMQ workers need
 * `maxRetriesPerRequest: null` (they block); producers and health pings fail fast.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export type RedisRole = 'producer' | 'worker' | 'health' | 'limiter';

export interface RedisFactory {
  connect(role: RedisRole): Redis;
  /** Every connection made so far, for shutdown. */
  closeAll(): Promise<void>;
}

export function createRedisFactory(url: string, logger: Logger): RedisFactory {
  const made: Redis[] = [];
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
        // ioredis emits the same error on every reconnect attempt; log each new one once.
        if (err.message !== lastError) logger.warn({ role, err: err.message }, 'redis connection error');
        lastError = err.message;
      });
      redis.on('ready', () => {
        if (lastError) logger.info({ role }, 'redis connection restored');
        lastError = '';
      });
      made.push(redis);
      return redis;
    },
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
