/**
 * Provisioning: Stripe checkouts and subscriptions, admin provisioning and invites become Rivet
 * accounts with the right tier and a one-time link to the chat. Pure rules over ports.
 */
export { createProvisioning, checkoutSource, type Provisioning, type ProvisioningDeps, type ProvisionInput, type Provisioned, type CheckoutFacts } from './provisioning.js';
export { decideTier, tierAfter, type SubscriptionFacts, type TierDecision } from './tiers.js';
export { ROLES, type Role, type Account, type AccountPatch, type AccountStore, type NewAccount, type LinkIssuer, type ProvisioningFollowUps } from './ports.js';
export { normalizeEmail, splitName } from './people.js';
export { telegramStartLink, assetStartPayload, START_PAYLOAD, BOT_USERNAME } from './links.js';
export { provisioningTexts, personLabel, requestedBy, TIER_LABEL } from './texts.js';
