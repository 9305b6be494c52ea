/**
 * Provisioning's ports over PostgreSQL: accounts are rivet_users rows, links are link_tokens.
 * Emails are stored lower-case so lookups by email are exact.
 */
import { and, asc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Account, AccountPatch, AccountStore, LinkIssuer, Role } from '../../core/provisioning/index.js';
import { ROLES } from '../../core/provisioning/index.js';
import { isTier } from '../../core/tiers.js';
import type { Db } from '../client.js';
import { createLinkTokenRepository } from '../repositories/link-tokens.js';
import { users } from '../schema.js';

type Row = typeof users.$inferSelect;

export function toAccount(u: Row): Account {
  return {
    id: u.id,
    organizationId: u.organizationId,
    email: u.email,
    displayName: u.displayName,
    tier: isTier(u.tier) ? u.tier : 'beta',
    role: (ROLES as readonly string[]).includes(u.role) ? (u.role as Role) : 'technician',
    crew: u.crew,
    disabledAt: u.disabledAt,
    telegramId: u.telegramId,
    telegramUsername: u.telegramUsername,
    language: u.language,
    stripeCustomerId: u.stripeCustomerId,
    stripeSubscriptionId: u.stripeSubscriptionId,
    atlasUserId: u.atlasUserId,
    homeLocationId: u.homeLocationId,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

const lower = (e: string | null | undefined) => (e == null ? e : e.trim().toLowerCase());

export function createAccountStore(db: Db): AccountStore & { list(filter: { organizationId: string; email?: string; telegramId?: number }): Promise<Account[]> } {
  const one = async (where: SQL | undefined): Promise<Account | null> => {
    const [row] = await db.select().from(users).where(where).orderBy(asc(users.createdAt)).limit(1);
    return row ? toAccount(row) : null;
  };
  return {
    get: (id) => one(eq(users.id, id)),
    byStripeCustomer: (customerId) => one(eq(users.stripeCustomerId, customerId)),
    byEmail: (organizationId, email) => one(and(eq(users.organizationId, organizationId), eq(users.email, lower(email)!))),
    byTelegramId: (telegramId) => one(eq(users.telegramId, telegramId)),
    async list(filter) {
      const rows = await db
        .select()
        .from(users)
        .where(and(
          eq(users.organizationId, filter.organizationId),
          filter.email !== undefined ? eq(users.email, lower(filter.email)!) : undefined,
          filter.telegramId !== undefined ? eq(users.telegramId, filter.telegramId) : undefined,
        ))
        .orderBy(asc(users.createdAt))
        .limit(100);
      return rows.map(toAccount);
    },
    async create(a, now) {
      const [row] = await db
        .insert(users)
        .values({
          organizationId: a.organizationId,
          email: lower(a.email) ?? null,
          displayName: a.displayName,
          tier: a.tier,
          role: a.role ?? 'technician',
          crew: a.crew ?? null,
          telegramId: a.telegramId ?? null,
          telegramUsername: a.telegramUsername ?? null,
          language: a.language ?? null,
          stripeCustomerId: a.stripeCustomerId ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return toAccount(row!);
    },
    async update(id, patch: AccountPatch, now) {
      const set = { ...patch, ...(patch.email !== undefined ? { email: lower(patch.email) ?? null } : {}), updatedAt: now };
      const [row] = await db.update(users).set(set).where(eq(users.id, id)).returning();
      return row ? toAccount(row) : null;
    },
    async applyStripeDecision(id, patch, fetchedAt) {
      const [row] = await db
        .update(users)
        .set({ ...patch, stripeSyncedAt: fetchedAt, updatedAt: new Date() })
        .where(and(eq(users.id, id), or(isNull(users.stripeSyncedAt), lt(users.stripeSyncedAt, fetchedAt))))
        .returning();
      return row ? toAccount(row) : null;
    },
    async supervisors(organizationId) {
      const rows = await db
        .select()
        .from(users)
        .where(and(eq(users.organizationId, organizationId), inArray(users.role, ['supervisor', 'admin']), isNull(users.disabledAt)));
      return rows.map(toAccount);
    },
  };
}

export function createLinkIssuer(db: Db): LinkIssuer {
  const tokens = createLinkTokenRepository(db);
  return { issue: (input) => tokens.issue(input) };
}
