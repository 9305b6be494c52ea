import { eq } from 'drizzle-orm';
import { LinkRefusedError } from '../../core/conversation/stores.js';
import type { Db } from '../client.js';
import { conversations, users, workOrderLinks } from '../schema.js';
import { isSelfSignedUp, type User } from './users.js';

/**
 * Connects a Telegram account to a user provisioned elsewhere (Stripe sign-up, an invite). When
 * the account belonged to a self-signed-up beta user (someone who just talked to the bot), that
 * user's work orders and conversations move to the provisioned one and the beta row lets go of
 * the Telegram id. An account that belongs to any other person (provisioned, given a crew, role or
 * Atlas account, switched off) is never moved: LinkRefusedError, nothing changed.
 */
export function createTelegramAccountRepository(db: Db) {
  return {
    async link(input: { userId: string; telegramId: number; username: string | null; displayName: string; now: Date }): Promise<User> {
      return db.transaction(async (tx) => {
        const [previous] = await tx.select().from(users).where(eq(users.telegramId, input.telegramId)).for('update');
        if (previous && previous.id !== input.userId) {
          if (!isSelfSignedUp(previous)) throw new LinkRefusedError(`telegram account ${input.telegramId} belongs to user ${previous.id}`);
          await tx.update(users).set({ telegramId: null, updatedAt: input.now }).where(eq(users.id, previous.id));
          await tx.update(workOrderLinks).set({ requesterId: input.userId }).where(eq(workOrderLinks.requesterId, previous.id));
          await tx.update(conversations).set({ userId: input.userId }).where(eq(conversations.userId, previous.id));
        }
        const [target] = await tx.select().from(users).where(eq(users.id, input.userId));
        if (!target) throw new LinkRefusedError(`no user ${input.userId}`);
        const [row] = await tx
          .update(users)
          .set({
            telegramId: input.telegramId,
            telegramUsername: input.username,
            // A provisioned person keeps the name they were given (or none): never the chat's own.
            displayName: target.displayName ?? (target.email ? null : input.displayName),
            homeLocationId: target.homeLocationId ?? previous?.homeLocationId ?? null,
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
