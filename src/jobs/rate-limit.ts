/**
 * Outbound rate limits: per Telegram chat (≈1/s in a private chat, 20/min in a group; negative
 * chat ids are groups), per Slack channel (1/s), and 30/s over all. A GCRA-style "next free slot"
 * per key: in Redis in queue mode (shared by every worker process, reserved atomically by one Lua
 * script), in memory in embedded mode (one process sends).
 */
import type { Redis } from 'ioredis';
import type { ChatAddress } from '../core/ports.js';

export interface RateLimits {
  privateChatMs: number;
  groupChatMs: number;
  slackChannelMs: number;
  globalMs: number;
}
export const DEFAULT_RATE_LIMITS: RateLimits = { privateChatMs: 1_000, groupChatMs: 3_000, slackChannelMs: 1_000, globalMs: 34 };

const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local chatNext = tonumber(redis.call('GET', KEYS[1]) or '0')
local globalNext = tonumber(redis.call('GET', KEYS[2]) or '0')
local wait = math.max(chatNext - now, globalNext - now, 0)
if wait > 0 then return wait end
local chatMs = tonumber(ARGV[1])
local globalMs = tonumber(ARGV[2])
redis.call('SET', KEYS[1], now + chatMs, 'PX', chatMs + 1000)
redis.call('SET', KEYS[2], now + globalMs, 'PX', globalMs + 1000)
return 0
`;

const BLOCK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000) end
return untilMs - now
`;

export interface RateLimiter {
  /** 0 when a slot was reserved for this chat now; otherwise how many ms to wait before asking again. */
  reserve(to: ChatAddress): Promise<number>;
  /** The platform said to wait (429 retry_after): nobody sends to this chat before then. */
  block(to: ChatAddress, ms: number): Promise<void>;
}

export function isGroupChat(to: ChatAddress): boolean {
  return to.channel === 'telegram' && to.chatId.startsWith('-');
}

export function createRateLimiter(redis: Redis, prefix: string, limits: RateLimits = DEFAULT_RATE_LIMITS): RateLimiter {
  // EVALSHA: the script goes to Redis once per connection, not with every call.
  if (!('rivetReserveSlot' in redis)) redis.defineCommand('rivetReserveSlot', { numberOfKeys: 2, lua: RESERVE });
  const reserveSlot = (redis as unknown as { rivetReserveSlot(...args: (string | number)[]): Promise<number> }).rivetReserveSlot.bind(redis);
  const chatKey = (to: ChatAddress) => `${prefix}:ratelimit:${to.channel}:${to.chatId}`;
  const globalKey = (to: ChatAddress) => `${prefix}:ratelimit:${to.channel}:*`;
  const intervalOf = (to: ChatAddress) =>
    to.channel === 'slack' ? limits.slackChannelMs : isGroupChat(to) ? limits.groupChatMs : limits.privateChatMs;
  return {
    async reserve(to) {
      const wait = await reserveSlot(chatKey(to), globalKey(to), intervalOf(to), limits.globalMs);
      return Number(wait);
    },
    async block(to, ms) {
      await redis.eval(BLOCK, 1, chatKey(to), Math.max(0, Math.round(ms)));
    },
  };
}

/**
 * The same limits kept in this process's memory, for embedded mode (one process sends). Entries
 * of chats that have been quiet past their interval are dropped now and then.
 */
export function createMemoryRateLimiter(limits: RateLimits = DEFAULT_RATE_LIMITS, now: () => number = Date.now): RateLimiter {
  const next = new Map<string, number>();
  const chatKey = (to: ChatAddress) => `${to.channel}:${to.chatId}`;
  const globalKey = (to: ChatAddress) => `${to.channel}:*`;
  const intervalOf = (to: ChatAddress) =>
    to.channel === 'slack' ? limits.slackChannelMs : isGroupChat(to) ? limits.groupChatMs : limits.privateChatMs;
  let calls = 0;
  function forgetQuiet(t: number): void {
    if (++calls % 1_000 !== 0) return;
    for (const [k, v] of next) if (v < t) next.delete(k);
  }
  return {
    async reserve(to) {
      const t = now();
      forgetQuiet(t);
      const wait = Math.max((next.get(chatKey(to)) ?? 0) - t, (next.get(globalKey(to)) ?? 0) - t, 0);
      if (wait > 0) return wait;
      next.set(chatKey(to), t + intervalOf(to));
      next.set(globalKey(to), t + limits.globalMs);
      return 0;
    },
    async block(to, ms) {
      const until = now() + Math.max(0, Math.round(ms));
      if (until > (next.get(chatKey(to)) ?? 0)) next.set(chatKey(to), until);
    },
  };
}
