/**
 * What core/access reads, over PostgreSQL: work order requesters and crews (AccessRecords), the
 * group chats an administrator allowed (AllowedChats: the allowed_chats table, plus the groups
 * TELEGRAM_ALLOWED_GROUPS names), the per-person lookup allowance (RateLimiter, on PostgreSQL so
 * it holds in both job modes) and notices said once (NoticeLog, on processed_events: remembered
 * for 30 days, like any delivery id).
 */
import type { AccessRecords, AllowedChat, AllowedChats, NoticeLog, RateLimiter } from '../../core/access/index.js';
import type { Channel } from '../../core/model.js';
import type { Db } from '../client.js';
import { createAllowedChatRepository } from '../repositories/allowed-chats.js';
import { createProcessedEventRepository } from '../repositories/processed-events.js';
import { createRateLimitRepository } from '../repositories/rate-limits.js';
import { createUserRepository } from '../repositories/users.js';
import { createWorkOrderLinkRepository } from '../repositories/work-order-links.js';

export function createAccessRecords(db: Db): AccessRecords {
  const links = createWorkOrderLinkRepository(db);
  const users = createUserRepository(db);
  return {
    async factsOf(organizationId, workOrders) {
      const requesters = await links.requestersOf(organizationId, workOrders.map((w) => w.id));
      const ids = [...new Set([...requesters.values()].filter((v): v is string => v !== null))];
      const atlasUserIds = [...new Set(workOrders.flatMap((w) => w.atlasUserIds))];
      const people = await users.crewsOf(organizationId, { ids, atlasUserIds });
      const out = new Map<number, { requesterId: string | null; crews: string[] }>();
      for (const w of workOrders) {
        const requesterId = requesters.get(w.id) ?? null;
        const crews = people.filter((p) => p.id === requesterId || (p.atlasUserId !== null && w.atlasUserIds.includes(p.atlasUserId))).map((p) => p.crew);
        if (requesterId !== null || crews.length > 0) out.set(w.id, { requesterId, crews: [...new Set(crews)] });
      }
      return out;
    },
  };
}

/** Groups allowed in configuration (TELEGRAM_ALLOWED_GROUPS), each with its crew (or none). */
export type ConfiguredGroups = ReadonlyMap<string, string | null>;

export function createAllowedChats(db: Db, configured: { telegram?: ConfiguredGroups } = {}): AllowedChats {
  const chats = createAllowedChatRepository(db);
  return {
    async get(channel: Channel, chatId: string): Promise<AllowedChat | null> {
      const fromConfig = channel === 'telegram' ? configured.telegram : undefined;
      if (fromConfig?.has(chatId)) return { crew: fromConfig.get(chatId) ?? null };
      const row = await chats.get(channel, chatId);
      return row ? { crew: row.crew?.trim() || null } : null;
    },
  };
}

export function createRateLimiter(db: Db): RateLimiter {
  const limits = createRateLimitRepository(db);
  return {
    async take(key, rule, now) {
      const wait = await limits.take(key, rule.limit, rule.perMs, now.getTime());
      return wait === null ? { allowed: true } : { allowed: false, retryAfterMs: wait };
    },
  };
}

export function createNoticeLog(db: Db, organizationId: string | null = null): NoticeLog {
  const seen = createProcessedEventRepository(db);
  return {
    first: (key) => seen.markFirst('notice', key, organizationId),
  };
}
