import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { linkTokens } from '../schema.js';

export const LINK_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export type RedeemResult =
  | { ok: true; userId: string; organizationId: string }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export function createLinkTokenRepository(db: Db) {
  return {
    /**
     * A one-time token for `t.me/<bot>?start=<token>` (Telegram allows 64 chars of [A-Za-z0-9_-]).
     * A caller that must find the token again (a checkout's welcome page) passes its own,
     * derived from a secret; issuing the same token twice keeps the first row.
     */
    async issue(input: { organizationId: string; userId: string; now: Date; token?: string; source?: string | null }): Promise<{ token: string; expiresAt: Date }> {
      const token = input.token ?? 'l' + randomBytes(24).toString('base64url');
      const expiresAt = new Date(input.now.getTime() + LINK_TOKEN_TTL_MS);
      const [row] = await db
        .insert(linkTokens)
        .values({ tokenHash: hash(token), organizationId: input.organizationId, userId: input.userId, expiresAt, source: input.source ?? null, createdAt: input.now })
        .onConflictDoNothing({ target: linkTokens.tokenHash })
        .returning({ expiresAt: linkTokens.expiresAt });
      if (row) return { token, expiresAt: row.expiresAt };
      const [existing] = await db.select({ expiresAt: linkTokens.expiresAt }).from(linkTokens).where(eq(linkTokens.tokenHash, hash(token)));
      return { token, expiresAt: existing!.expiresAt };
    },
    /** The state of a token (without spending it): null when unknown. */
    async inspect(token: string): Promise<{ userId: string; organizationId: string; expiresAt: Date; usedAt: Date | null; source: string | null } | null> {
      const [row] = await db.select().from(linkTokens).where(eq(linkTokens.tokenHash, hash(token)));
      return row ? { userId: row.userId, organizationId: row.organizationId, expiresAt: row.expiresAt, usedAt: row.usedAt, source: row.source } : null;
    },
    /** Whom a token is for, without spending it; a token of another organization is unknown here. */
    async peek(token: string, organizationId: string, now: Date): Promise<RedeemResult> {
      const [row] = await db.select().from(linkTokens).where(and(eq(linkTokens.tokenHash, hash(token)), eq(linkTokens.organizationId, organizationId)));
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.usedAt) return { ok: false, reason: 'used' };
      if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, userId: row.userId, organizationId: row.organizationId };
    },
    /**
     * Spends a token of `organizationId` once; a second use, an unknown token and an expired one
     * each say so. Another organization's token is unknown here, and stays unspent.
     */
    async redeem(token: string, telegramId: number | null, now: Date, organizationId: string): Promise<RedeemResult> {
      const [row] = await db.select().from(linkTokens).where(and(eq(linkTokens.tokenHash, hash(token)), eq(linkTokens.organizationId, organizationId)));
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.usedAt) return { ok: false, reason: 'used' };
      if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
      const spent = await db
        .update(linkTokens)
        .set({ usedAt: now, usedByTelegramId: telegramId })
        .where(and(eq(linkTokens.tokenHash, row.tokenHash), isNull(linkTokens.usedAt)))
        .returning({ userId: linkTokens.userId });
      if (spent.length === 0) return { ok: false, reason: 'used' };
      return { ok: true, userId: row.userId, organizationId: row.organizationId };
    },
  };
}
export type LinkTokenRepository = ReturnType<typeof createLinkTokenRepository>;
