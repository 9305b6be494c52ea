/** The shared Redis part: one factory for the process's own connections (health pings), closed on shutdown. */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Lifecycle } from '../lifecycle.js';
import { createRedisFactory, type RedisFactory } from '../queue/redis.js';

export function wireRedis(deps: { config: Config; logger: Logger; lifecycle: Lifecycle }): { redis: RedisFactory; healthRedis: Redis } {
  const redis = createRedisFactory(deps.config.redisUrl, deps.logger);
  deps.lifecycle.onShutdown('redis', () => redis.closeAll());
  return { redis, healthRedis: redis.connect('health') };
}
