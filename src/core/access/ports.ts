/**
 * What access decisions need from storage, as interfaces core owns (src/db/stores/access.ts
 * implements them over PostgreSQL; engine tests use in-memory ones).
 */
import type { Channel } from '../model.js';

/** Rivet's side of one work order: who asked for it through Rivet, and the crews of the Rivet people on it. */
export interface RivetWorkOrderFacts {
  requesterId: string | null;
  crews: string[];
}

export interface AccessRecords {
  /**
   * For each work order (Atlas id, and the Atlas user ids Atlas names on it): its requester
   * (work_order_links) and the crews of its requester and of the Rivet people whose Atlas
   * account is among those ids. Work orders Rivet knows nothing about are absent from the map.
   */
  factsOf(organizationId: string, workOrders: { id: number; atlasUserIds: number[] }[]): Promise<Map<number, RivetWorkOrderFacts>>;
}

/** A group chat an administrator allowed (allowed_chats, or TELEGRAM_ALLOWED_GROUPS). */
export interface AllowedChat {
  /** The crew the group stands for: its members see that crew's work orders there. */
  crew: string | null;
}

export interface AllowedChats {
  /** The group, when the bot may work in it; null otherwise. */
  get(channel: Channel, chatId: string): Promise<AllowedChat | null>;
}

export interface RateRule {
  /** How many at once (the burst) … */
  limit: number;
  /** … and how long it takes for all of them to come back (one every perMs / limit). */
  perMs: number;
}

/** A per-key allowance shared by every process (implemented on PostgreSQL, so it holds in both job modes). */
export interface RateLimiter {
  /** Takes one from `key`'s allowance at `now`; when none is left, how long until one is. */
  take(key: string, rule: RateRule, now: Date): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }>;
}

/** Notices said once (a refusal to a stranger): remembered for at least 30 days. */
export interface NoticeLog {
  /** True the first time `key` is given; false after. */
  first(key: string, now: Date): Promise<boolean>;
}
