import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { conversations, users, workOrderLinks } from '../schema.js';
import type { User } from './users.js';

/**
 * Connects a Telegram account to a user provisioned elsewhere (Stripe sign-up). When the person
 * had already talked to the bot as a beta user, that user's work orders and conversations move
 * to the provisioned one, and the beta row lets go of the Telegram id.
 */
export function createTelegramAccountRepository(db: Db) {
  return {
    async link(input: { userId: string; telegramId: number; username: string | null; displayName: string; now: Date }): Promise<User> {
      return db.transaction(async (tx) => {
        const [previous] = await tx.select().from(users).where(eq(users.telegramId, input.telegramId));
        if (previous && previous.id !== input.userId) {
          await tx.update(users).set({ telegramId: null, updatedAt: input.now }).where(eq(users.id, previous.id));
          await tx.update(workOrderLinks).set({ requesterId: input.userId }).where(eq(workOrderLinks.requesterId, previous.id));
          await tx.update(conversations).set({ userId: input.userId }).where(eq(conversations.userId, previous.id));
        }
        const [target] = await tx.select().from(users).where(eq(users.id, input.userId));
        const [row] = await tx
          .update(users)
          .set({
            telegramId: input.telegramId,
            telegramUsername: input.username,
            displayName: target?.displayName ?? input.displayName,
            homeLocationId: target?.homeLocationId ?? previous?.homeLocationId ?? null,
            updatedAt: input.now,
          })
          .where(eq(users.id, input.userId))
          .returning();
        return row!;
      });
    },
  };
}
export type TelegramAccountRepository = ReturnType<typeof createTelegramAccountRepository>;
