/** When a conversation (and any multi-step flow in it) stops being current. */
export const CONVERSATION_IDLE_MS = 30 * 60 * 1000;
export const CONVERSATION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

export interface ConversationTimes {
  lastActivityAt: Date;
  createdAt: Date;
}

export function isConversationExpired(
  c: ConversationTimes,
  now: Date,
  limits: { idleMs?: number; maxAgeMs?: number } = {},
): boolean {
  const idle = limits.idleMs ?? CONVERSATION_IDLE_MS;
  const maxAge = limits.maxAgeMs ?? CONVERSATION_MAX_AGE_MS;
  return now.getTime() - c.lastActivityAt.getTime() >= idle || now.getTime() - c.createdAt.getTime() >= maxAge;
}

/** The bounds a conversation must be past (strictly) at `now` to still be current: the negation of isConversationExpired. */
export function currentAfter(now: Date, limits: { idleMs?: number; maxAgeMs?: number } = {}): { activeAfter: Date; createdAfter: Date } {
  return {
    activeAfter: new Date(now.getTime() - (limits.idleMs ?? CONVERSATION_IDLE_MS)),
    createdAfter: new Date(now.getTime() - (limits.maxAgeMs ?? CONVERSATION_MAX_AGE_MS)),
  };
}
