/**
 * The shared Redis part, in queue mode only (REDIS_URL set): one factory for the process's own
 * connections (health pings), closed on shutdown. Without REDIS_URL jobs run in this process from
 * the outbox (embedded mode) and nothing uses Redis.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Lifecycle } from '../lifecycle.js';
import { createRedisFactory, type RedisFactory } from '../queue/redis.js';

export function wireRedis(deps: { config: Config; logger: Logger; lifecycle: Lifecycle }): { redis: RedisFactory | null; healthRedis: Redis | null } {
  if (!deps.config.redisUrl) return { redis: null, healthRedis: null };
  const redis = createRedisFactory(deps.config.redisUrl, deps.logger);
  deps.lifecycle.onShutdown('redis', () => redis.closeAll());
  return { redis, healthRedis: redis.connect('health') };
}
