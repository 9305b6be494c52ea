/**
 * Who is talking: the PeopleStore and LinkTokens ports over rivet_users, the Telegram account
 * columns and link_tokens. Telegram accounts live on rivet_users.telegram_id; Slack (and demo)
 * accounts in the identities table (repositories/identities.ts).
 */
import type { LinkTokens, PeopleStore, Person, PlatformIdentity } from '../../core/conversation/index.js';
import { isTier } from '../../core/tiers.js';
import type { Db } from '../client.js';
import { createIdentityRepository } from '../repositories/identities.js';
import { createLinkTokenRepository } from '../repositories/link-tokens.js';
import { createTelegramAccountRepository } from '../repositories/telegram-accounts.js';
import { createUserRepository, type User } from '../repositories/users.js';

/** Channels whose accounts are kept in the identities table. */
const IDENTITY_CHANNELS = new Set(['slack', 'demo']);

/** A platform whose people Rivet cannot store yet. */
export class UnsupportedIdentityError extends Error {
  override readonly name = 'UnsupportedIdentityError';
  constructor(readonly channel: string) {
    super(`no store for ${channel} identities yet`);
  }
}

export function toPerson(u: User): Person {
  return {
    id: u.id,
    organizationId: u.organizationId,
    name: u.displayName || u.telegramUsername || 'Technician',
    tier: isTier(u.tier) ? u.tier : 'beta',
    homeLocationId: u.homeLocationId,
    language: u.language,
  };
}

function telegramId(identity: PlatformIdentity): number {
  const id = Number(identity.externalId);
  if (identity.channel !== 'telegram') throw new UnsupportedIdentityError(identity.channel);
  if (!Number.isSafeInteger(id)) throw new RangeError(`not a Telegram user id: ${identity.externalId.slice(0, 40)}`);
  return id;
}

export function createPeopleStore(db: Db): PeopleStore {
  const users = createUserRepository(db);
  const accounts = createTelegramAccountRepository(db);
  const others = createIdentityRepository(db);
  return {
    async identify(organizationId, identity) {
      if (IDENTITY_CHANNELS.has(identity.channel)) {
        const { user } = await others.upsert({ organizationId, ...identity });
        return toPerson(user);
      }
      const { user } = await users.upsertTelegram({
        organizationId,
        telegramId: telegramId(identity),
        username: identity.username,
        displayName: identity.displayName,
        language: identity.language,
      });
      return toPerson(user);
    },
    async link(personId, identity, now) {
      if (IDENTITY_CHANNELS.has(identity.channel)) {
        return toPerson(await others.link({ userId: personId, ...identity, now }));
      }
      const user = await accounts.link({ userId: personId, telegramId: telegramId(identity), username: identity.username, displayName: identity.displayName, now });
      return toPerson(user);
    },
  };
}

export function createLinkTokenStore(db: Db): LinkTokens {
  const tokens = createLinkTokenRepository(db);
  return {
    async redeem(token, by, now) {
      const result = await tokens.redeem(token, by.channel === 'telegram' ? telegramId(by) : null, now);
      return result.ok ? { ok: true, personId: result.userId } : result;
    },
  };
}
