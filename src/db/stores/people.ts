/**
 * Who is talking: the PeopleStore and LinkTokens ports over rivet_users, the Telegram account
 * columns and link_tokens. Telegram identities only for now: a Slack or demo identity needs a
 * mapping of its own (a column or an identities table), and says so instead of guessing.
 */
import type { LinkTokens, PeopleStore, Person, PlatformIdentity } from '../../core/conversation/index.js';
import { isTier } from '../../core/tiers.js';
import type { Db } from '../client.js';
import { createLinkTokenRepository } from '../repositories/link-tokens.js';
import { createTelegramAccountRepository } from '../repositories/telegram-accounts.js';
import { createUserRepository, type User } from '../repositories/users.js';

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
  return {
    async identify(organizationId, identity) {
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
