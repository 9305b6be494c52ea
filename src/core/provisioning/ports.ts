/**
 * What provisioning needs from the world, as interfaces it owns: the people Rivet knows (as
 * accounts: email, tier, Stripe and Atlas ids, role), one-time chat links, and the durable
 * follow-ups (the Atlas account, a word to the person). src/db/stores/accounts.ts and the job
 * wiring implement them; tests use in-memory ones.
 */
import type { Tier } from '../model.js';

export const ROLES = ['technician', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A `rivet_users` row as provisioning and the admin API see it. */
export interface Account {
  id: string;
  organizationId: string;
  /** Stored lower-case. */
  email: string | null;
  displayName: string | null;
  tier: Tier;
  role: Role;
  crew: string | null;
  disabledAt: Date | null;
  telegramId: number | null;
  telegramUsername: string | null;
  language: string | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  atlasUserId: number | null;
  /** Where they work (`/site`, PATCH /api/users/:id): an Atlas location of their site. */
  homeLocationId?: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewAccount {
  organizationId: string;
  email: string | null;
  displayName: string | null;
  tier: Tier;
  role?: Role;
  crew?: string | null;
  telegramId?: number | null;
  telegramUsername?: string | null;
  language?: string | null;
  stripeCustomerId?: string | null;
}

export interface AccountPatch {
  email?: string | null;
  displayName?: string | null;
  tier?: Tier;
  role?: Role;
  crew?: string | null;
  disabledAt?: Date | null;
  telegramUsername?: string | null;
  stripeCustomerId?: string | null;
  stripeSubscriptionId?: string | null;
  atlasUserId?: number | null;
  homeLocationId?: number | null;
}

export interface AccountStore {
  get(id: string): Promise<Account | null>;
  byStripeCustomer(customerId: string): Promise<Account | null>;
  /** Case-insensitive; the oldest account when several share an address. */
  byEmail(organizationId: string, email: string): Promise<Account | null>;
  byTelegramId(telegramId: number): Promise<Account | null>;
  create(account: NewAccount, now: Date): Promise<Account>;
  update(id: string, patch: AccountPatch, now: Date): Promise<Account | null>;
  /**
   * Writes what Stripe's subscriptions decided, unless a decision from a later fetch already
   * did (`fetchedAt` older than the stored one): null then, the newer decision stands.
   */
  applyStripeDecision(id: string, patch: Pick<AccountPatch, 'tier' | 'stripeSubscriptionId'>, fetchedAt: Date): Promise<Account | null>;
  /** Supervisors and admins of the organization who are not switched off. */
  supervisors(organizationId: string): Promise<Account[]>;
}

/** One-time `t.me/<bot>?start=<token>` links. */
export interface LinkIssuer {
  /** `token` when the caller must be able to find it again (derived from a secret); random otherwise. */
  issue(input: { organizationId: string; userId: string; now: Date; token?: string; source: string }): Promise<{ token: string; expiresAt: Date }>;
}

/** Slow work that provisioning leaves to durable jobs (each keyed, so a retry does it once). */
export interface ProvisioningFollowUps {
  /** Create (or find) the person's Atlas user and store its id. */
  createAtlasAccount(account: Account): Promise<void>;
  /** A message to the person in their chat, when they have one. */
  tellPerson(account: Account, key: string, text: string): Promise<void>;
}
