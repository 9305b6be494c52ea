/**
 * Chat identities other than Telegram's (Slack users, demo visitors): one row per platform
 * account, pointing at its Rivet person. The first message creates the person and the identity
 * together; a concurrent first message finds the one that won.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { conversations, identities, users, workOrderLinks } from '../schema.js';
import type { User } from './users.js';

export type Identity = typeof identities.$inferSelect;

class LostRace extends Error {}

export function createIdentityRepository(db: Db) {
  async function userOf(channel: string, externalId: string): Promise<User | null> {
    const [row] = await db
      .select({ user: users })
      .from(identities)
      .innerJoin(users, eq(users.id, identities.userId))
      .where(and(eq(identities.channel, channel), eq(identities.externalId, externalId)));
    return row?.user ?? null;
  }

  return {
    userOf,
    /** The newest account of a person on a platform. */
    async ofUser(userId: string, channel: string): Promise<Identity | null> {
      const [row] = await db
        .select()
        .from(identities)
        .where(and(eq(identities.userId, userId), eq(identities.channel, channel)))
        .orderBy(desc(identities.createdAt))
        .limit(1);
      return row ?? null;
    },
    /** The person behind an account, created (as a `beta` person) with the account the first time. */
    async upsert(input: { organizationId: string; channel: string; externalId: string; username: string | null; displayName: string; language: string | null }): Promise<{ user: User; created: boolean }> {
      const existing = await userOf(input.channel, input.externalId);
      if (existing) return { user: existing, created: false };
      try {
        const user = await db.transaction(async (tx) => {
          const [user] = await tx
            .insert(users)
            .values({ organizationId: input.organizationId, displayName: input.displayName, language: input.language })
            .returning();
          const won = await tx
            .insert(identities)
            .values({ channel: input.channel, externalId: input.externalId, userId: user!.id, username: input.username })
            .onConflictDoNothing()
            .returning({ userId: identities.userId });
          if (won.length === 0) throw new LostRace(); // rolls the new person back
          return user!;
        });
        return { user, created: true };
      } catch (e) {
        if (!(e instanceof LostRace)) throw e;
        return { user: (await userOf(input.channel, input.externalId))!, created: false };
      }
    },
    /**
     * Points an account at a person provisioned elsewhere (a sign-up link). Whoever held it before
     * hands over their work orders and conversations.
     */
    async link(input: { userId: string; channel: string; externalId: string; username: string | null; displayName: string; now: Date }): Promise<User> {
      return db.transaction(async (tx) => {
        const [held] = await tx.select().from(identities).where(and(eq(identities.channel, input.channel), eq(identities.externalId, input.externalId)));
        if (held && held.userId !== input.userId) {
          await tx.update(workOrderLinks).set({ requesterId: input.userId }).where(eq(workOrderLinks.requesterId, held.userId));
          await tx.update(conversations).set({ userId: input.userId }).where(eq(conversations.userId, held.userId));
        }
        await tx
          .insert(identities)
          .values({ channel: input.channel, externalId: input.externalId, userId: input.userId, username: input.username })
          .onConflictDoUpdate({ target: [identities.channel, identities.externalId], set: { userId: input.userId, username: input.username } });
        const [target] = await tx.select().from(users).where(eq(users.id, input.userId));
        const [row] = await tx
          .update(users)
          .set({ displayName: target?.displayName ?? input.displayName, updatedAt: input.now })
          .where(eq(users.id, input.userId))
          .returning();
        return row!;
      });
    },
  };
}
export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
