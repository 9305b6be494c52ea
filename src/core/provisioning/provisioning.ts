/**
 * Provisioning: how a person becomes a Rivet account with the right tier and a one-time link
 * to their chat — from a Stripe checkout, a change to their subscription, an admin's
 * provision call or an invite. Platform-neutral: Stripe and Atlas reach it as facts and ports;
 * every step is safe to repeat (a retried job, a replayed event), and the tier always follows
 * the subscriptions as they are now.
 */
import type { Tier } from '../model.js';
import type { Clock, Logger } from '../ports.js';
import { normalizeEmail } from './people.js';
import type { Account, AccountStore, LinkIssuer, ProvisioningFollowUps, Role } from './ports.js';
import { provisioningTexts } from './texts.js';
import { decideTier, tierAfter, type SubscriptionFacts, type TierDecision } from './tiers.js';

/** A completed Stripe checkout, as fetched from Stripe. */
export interface CheckoutFacts {
  sessionId: string;
  /** Paid, or nothing to pay (a free trial). */
  paid: boolean;
  /** What the checkout link carried: a Rivet user id when Rivet started the checkout. */
  clientReferenceId: string | null;
  customerId: string | null;
  email: string | null;
  name: string | null;
}

export interface ProvisioningDeps {
  accounts: AccountStore;
  links: LinkIssuer;
  followUps: ProvisioningFollowUps;
  priceTiers: Readonly<Record<string, Tier>>;
  clock: Clock;
  logger: Logger;
}

export interface ProvisionInput {
  organizationId: string;
  email?: string | null;
  name?: string | null;
  /** Left as it is for an existing person when not given; `beta` for a new one. */
  tier?: Tier;
  role?: Role;
  crew?: string | null;
  /** Where the link came from, kept with it (`invite`, `api`). */
  source: string;
}

export interface Provisioned {
  account: Account;
  created: boolean;
  link: { token: string; expiresAt: Date };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createProvisioning(deps: ProvisioningDeps) {
  const log = deps.logger.child({ component: 'provisioning' });

  async function followUp(account: Account): Promise<void> {
    if (account.email && account.atlasUserId === null) await deps.followUps.createAtlasAccount(account);
  }

  /** Writes a tier decision; says so to the person when their tier changed. */
  async function applyDecision(account: Account, decision: TierDecision, fetchedAt: Date, cause: string): Promise<Account> {
    if (decision.kind === 'keep') {
      const fields = { userId: account.id, subscriptionId: decision.subscriptionId, tier: account.tier };
      if (decision.reason === 'unknown_price') {
        log.error({ ...fields, unknownPrices: decision.unknownPrices }, 'subscription price not in STRIPE_PRICE_TIERS; tier left unchanged — add the price to STRIPE_PRICE_TIERS');
      } else log.info({ ...fields, reason: decision.reason }, 'no tier change');
      return account;
    }
    const tier = tierAfter(account.tier, decision);
    const written = await deps.accounts.applyStripeDecision(account.id, { tier, stripeSubscriptionId: decision.subscriptionId }, fetchedAt);
    if (!written) {
      log.info({ userId: account.id }, 'a newer Stripe decision already applied; this one dropped');
      return (await deps.accounts.get(account.id)) ?? account;
    }
    if (written.tier !== account.tier) {
      log.info({ userId: account.id, from: account.tier, to: written.tier, subscriptionId: decision.subscriptionId }, 'tier changed');
      await deps.followUps.tellPerson(written, `tier/${account.id}/${cause}`, provisioningTexts.tierChanged(written.tier));
    }
    return written;
  }

  return {
    /**
     * A person an administrator adds (API, CLI): found by email or created, given the tier,
     * role and crew asked for, and a fresh one-time link.
     */
    async provision(input: ProvisionInput): Promise<Provisioned> {
      const now = deps.clock.now();
      const email = normalizeEmail(input.email);
      const existing = email ? await deps.accounts.byEmail(input.organizationId, email) : null;
      let account: Account;
      if (existing) {
        account = (await deps.accounts.update(existing.id, {
          ...(input.tier ? { tier: input.tier } : {}),
          ...(input.role ? { role: input.role } : {}),
          ...(input.crew !== undefined ? { crew: input.crew } : {}),
          ...(input.name && !existing.displayName ? { displayName: input.name } : {}),
        }, now)) ?? existing;
      } else {
        account = await deps.accounts.create({
          organizationId: input.organizationId,
          email,
          displayName: input.name?.trim() || null,
          tier: input.tier ?? 'beta',
          ...(input.role ? { role: input.role } : {}),
          ...(input.crew !== undefined ? { crew: input.crew } : {}),
        }, now);
      }
      const link = await deps.links.issue({ organizationId: input.organizationId, userId: account.id, now, source: input.source });
      await followUp(account);
      log.info({ userId: account.id, created: !existing, source: input.source }, 'person provisioned');
      return { account, created: !existing, link };
    },

    /**
     * A completed checkout: the person found by the checkout's reference, then its customer,
     * then its email — or created — with the customer stored, the tier from the customer's
     * subscriptions, and the checkout's own link token (so its welcome page can show it).
     */
    async checkoutCompleted(input: { organizationId: string; checkout: CheckoutFacts; subscriptions: SubscriptionFacts[]; fetchedAt: Date; linkToken: string }): Promise<Provisioned & { decision: TierDecision }> {
      const { checkout } = input;
      const now = deps.clock.now();
      const email = normalizeEmail(checkout.email);
      const byReference = checkout.clientReferenceId && UUID.test(checkout.clientReferenceId) ? await deps.accounts.get(checkout.clientReferenceId) : null;
      const byCustomer = checkout.customerId ? await deps.accounts.byStripeCustomer(checkout.customerId) : null;
      const byEmail = email ? await deps.accounts.byEmail(input.organizationId, email) : null;
      let found = [byReference, byCustomer, byEmail].find((a) => a && a.organizationId === input.organizationId) ?? null;
      // The customer is Stripe's own identity for the buyer: it wins over a reference that points elsewhere.
      if (found && byCustomer && found.id !== byCustomer.id) {
        log.warn({ reference: found.id, customerOwner: byCustomer.id }, 'checkout reference and customer name different people; keeping the customer\'s');
        found = byCustomer;
      }
      let account: Account;
      if (found) {
        account = (await deps.accounts.update(found.id, {
          ...(checkout.customerId && found.stripeCustomerId !== checkout.customerId ? { stripeCustomerId: checkout.customerId } : {}),
          ...(email && !found.email ? { email } : {}),
          ...(checkout.name && !found.displayName ? { displayName: checkout.name } : {}),
        }, now)) ?? found;
      } else {
        account = await deps.accounts.create({
          organizationId: input.organizationId,
          email,
          displayName: checkout.name?.trim() || null,
          tier: 'beta',
          stripeCustomerId: checkout.customerId,
        }, now);
      }
      const decision = decideTier(input.subscriptions, deps.priceTiers);
      account = await applyDecision(account, decision, input.fetchedAt, `checkout/${checkout.sessionId}`);
      const link = await deps.links.issue({ organizationId: input.organizationId, userId: account.id, now, token: input.linkToken, source: checkoutSource(checkout.sessionId) });
      await followUp(account);
      log.info({ userId: account.id, created: !found, sessionId: checkout.sessionId, tier: account.tier, withEmail: !!email }, 'checkout provisioned');
      return { account, created: !found, link, decision };
    },

    /**
     * A subscription changed (created, updated, deleted, a payment failed): the customer's tier
     * from their subscriptions as they are now. Null when no one has this customer yet (the
     * checkout, when it is handled, decides the same way).
     */
    async customerChanged(input: { customerId: string; subscriptions: SubscriptionFacts[]; fetchedAt: Date; cause: string }): Promise<{ account: Account; decision: TierDecision } | null> {
      const account = await deps.accounts.byStripeCustomer(input.customerId);
      if (!account) {
        log.info({ customerId: input.customerId }, 'no Rivet person for this Stripe customer yet; the checkout will decide');
        return null;
      }
      const decision = decideTier(input.subscriptions, deps.priceTiers);
      return { account: await applyDecision(account, decision, input.fetchedAt, input.cause), decision };
    },
  };
}

export type Provisioning = ReturnType<typeof createProvisioning>;

/** The link-token source of a checkout: one per checkout session. */
export const checkoutSource = (sessionId: string) => `checkout:${sessionId}`;
