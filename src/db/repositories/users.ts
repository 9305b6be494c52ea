import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { users } from '../schema.js';

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export function createUserRepository(db: Db) {
  return {
    async get(id: string): Promise<User | null> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },
    async byTelegramId(telegramId: number): Promise<User | null> {
      const [row] = await db.select().from(users).where(eq(users.telegramId, telegramId));
      return row ?? null;
    },
    async byStripeCustomer(customerId: string): Promise<User | null> {
      const [row] = await db.select().from(users).where(eq(users.stripeCustomerId, customerId));
      return row ?? null;
    },
    /** Finds the person behind a Telegram account, creating a `beta` user the first time. */
    async upsertTelegram(input: { organizationId: string; telegramId: number; username: string | null; displayName: string; language?: string | null }): Promise<{ user: User; created: boolean }> {
      const existing = await this.byTelegramId(input.telegramId);
      if (existing) {
        if (existing.telegramUsername !== input.username || existing.displayName !== input.displayName) {
          const [row] = await db
            .update(users)
            .set({ telegramUsername: input.username, displayName: existing.displayName ?? input.displayName, updatedAt: new Date() })
            .where(eq(users.id, existing.id))
            .returning();
          return { user: row!, created: false };
        }
        return { user: existing, created: false };
      }
      const [row] = await db
        .insert(users)
        .values({
          organizationId: input.organizationId,
          telegramId: input.telegramId,
          telegramUsername: input.username,
          displayName: input.displayName,
          language: input.language ?? null,
        })
        .onConflictDoNothing({ target: users.telegramId })
        .returning();
      if (row) return { user: row, created: true };
      // Lost a race with a concurrent first message from the same person.
      return { user: (await this.byTelegramId(input.telegramId))!, created: false };
    },
    async create(input: NewUser): Promise<User> {
      const [row] = await db.insert(users).values(input).returning();
      return row!;
    },
    async update(id: string, patch: Partial<NewUser>): Promise<User | null> {
      const [row] = await db.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, id)).returning();
      return row ?? null;
    },
    async delete(id: string): Promise<void> {
      await db.delete(users).where(eq(users.id, id));
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
