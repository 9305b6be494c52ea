import { and, asc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db } from '../client.js';
import { batched } from '../batch.js';
import { users } from '../schema.js';

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * Made by writing to the bot, with nothing an administrator or Stripe gave it: no email, no
 * Stripe customer, no Atlas account, no crew, the default role and tier, not switched off.
 */
export function isSelfSignedUp(u: User): boolean {
  return !u.email && !u.stripeCustomerId && u.atlasUserId === null && !u.crew && u.role === 'technician' && u.tier === 'beta' && u.disabledAt === null;
}

export function createUserRepository(db: Db) {
  // Every update reads its sender: the reads of updates handled at the same time go in one query (db/batch.ts).
  const byTelegram = batched(async (ids: number[]) => {
    const rows = await db.select().from(users).where(inArray(users.telegramId, [...new Set(ids)]));
    const byId = new Map(rows.map((r) => [r.telegramId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return {
    async get(id: string): Promise<User | null> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },
    /** The language a person chose for replies (null clears it) or writes in. */
    async setLanguage(id: string, patch: { chosen?: string | null; detected?: string }): Promise<void> {
      const set: Partial<NewUser> = {};
      if (patch.chosen !== undefined) set.replyLanguage = patch.chosen;
      if (patch.detected) set.detectedLanguage = patch.detected;
      if (Object.keys(set).length === 0) return;
      await db.update(users).set({ ...set, updatedAt: new Date() }).where(eq(users.id, id));
    },
    async byTelegramId(telegramId: number): Promise<User | null> {
      return byTelegram(telegramId);
    },
    /** People of the organization with a crew, among these Rivet ids or Atlas accounts. */
    async crewsOf(organizationId: string, q: { ids: string[]; atlasUserIds: number[] }): Promise<{ id: string; atlasUserId: number | null; crew: string }[]> {
      if (q.ids.length === 0 && q.atlasUserIds.length === 0) return [];
      const who = [...(q.ids.length ? [inArray(users.id, q.ids)] : []), ...(q.atlasUserIds.length ? [inArray(users.atlasUserId, q.atlasUserIds)] : [])];
      const rows = await db
        .select({ id: users.id, atlasUserId: users.atlasUserId, crew: users.crew })
        .from(users)
        .where(and(eq(users.organizationId, organizationId), isNotNull(users.crew), or(...who)));
      return rows.flatMap((r) => (r.crew?.trim() ? [{ id: r.id, atlasUserId: r.atlasUserId, crew: r.crew.trim() }] : []));
    },
    /** Supervisors and admins of the organization who use Telegram and are not switched off, oldest first. */
    async supervisorsOnTelegram(organizationId: string): Promise<User[]> {
      return db
        .select()
        .from(users)
        .where(and(eq(users.organizationId, organizationId), inArray(users.role, ['supervisor', 'admin']), isNotNull(users.telegramId), isNull(users.disabledAt)))
        .orderBy(asc(users.createdAt));
    },
    async byStripeCustomer(customerId: string): Promise<User | null> {
      const [row] = await db.select().from(users).where(eq(users.stripeCustomerId, customerId));
      return row ?? null;
    },
    /** Finds the person behind a Telegram account, creating a `beta` user the first time. */
    /**
     * `known`: the row (or its absence) as read a moment ago by the caller, to start from instead
     * of reading it again; a row created meanwhile is still found (the insert conflicts).
     */
    async upsertTelegram(
      input: { organizationId: string; telegramId: number; username: string | null; displayName: string; language?: string | null },
      known?: User | null,
    ): Promise<{ user: User; created: boolean }> {
      const existing = known !== undefined ? known : await this.byTelegramId(input.telegramId);
      if (existing) {
        // A provisioned person (an email) keeps the name they were given, or none: never the chat's.
        const displayName = existing.displayName ?? (existing.email ? null : input.displayName);
        if (existing.telegramUsername !== input.username || existing.displayName !== displayName) {
          const [row] = await db
            .update(users)
            .set({ telegramUsername: input.username, displayName, updatedAt: new Date() })
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
