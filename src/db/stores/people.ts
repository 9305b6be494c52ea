/**
 * Who is talking: the PeopleStore and LinkTokens ports over rivet_users, the Telegram account
 * columns and link_tokens. Telegram accounts live on rivet_users.telegram_id; Slack (and demo)
 * accounts in the identities table (repositories/identities.ts).
 */
import { attributionOf } from '../../core/access/index.js';
import type { LinkTokens, PeopleStore, Person, PlatformIdentity } from '../../core/conversation/index.js';
import { ROLES, type Role } from '../../core/model.js';
import { isTier } from '../../core/plans/index.js';
import { eq } from 'drizzle-orm';
import { asLang } from '../../core/texts/index.js';
import type { Db } from '../client.js';
import { users as usersTable } from '../schema.js';
import { createIdentityRepository } from '../repositories/identities.js';
import { createLinkTokenRepository } from '../repositories/link-tokens.js';
import { createTelegramAccountRepository } from '../repositories/telegram-accounts.js';
import { createUserRepository, isSelfSignedUp, type User } from '../repositories/users.js';

/** Channels whose accounts are kept in the identities table. */
const IDENTITY_CHANNELS = new Set(['slack', 'demo']);

/** A platform whose people Rivet cannot store yet. */
export class UnsupportedIdentityError extends Error {
  override readonly name = 'UnsupportedIdentityError';
  constructor(readonly channel: string) {
    super(`no store for ${channel} identities yet`);
  }
}

const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** A person from their row; `chatName` names them in the chat when nobody provisioned a name. */
export function toPerson(u: User, chatName?: string, other?: PlatformIdentity): Person {
  const provisioned = !!u.email?.trim();
  return {
    id: u.id,
    organizationId: u.organizationId,
    name: u.displayName || chatName || u.telegramUsername || 'Technician',
    tier: isTier(u.tier) ? u.tier : 'beta',
    homeLocationId: u.homeLocationId,
    language: u.language,
    replyLanguage: asLang(u.replyLanguage),
    detectedLanguage: asLang(u.detectedLanguage),
    role: isRole(u.role) ? u.role : 'technician',
    crew: u.crew?.trim() || null,
    atlasUserId: u.atlasUserId,
    disabled: u.disabledAt !== null,
    selfSignedUp: isSelfSignedUp(u),
    attribution: attributionOf({
      provisionedName: provisioned ? u.displayName : null,
      email: u.email,
      account: other
        ? { channel: other.channel, externalId: other.externalId, username: other.username }
        : u.telegramId !== null ? { channel: 'telegram', externalId: String(u.telegramId), username: u.telegramUsername } : null,
    }),
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
    async find(organizationId, identity) {
      if (IDENTITY_CHANNELS.has(identity.channel)) {
        const user = await others.userOf(identity.channel, identity.externalId);
        return user && user.organizationId === organizationId ? toPerson(user, identity.displayName, identity) : null;
      }
      const user = await users.byTelegramId(telegramId(identity));
      // One deployment serves one organization: someone else's person is nobody here.
      return user && user.organizationId === organizationId ? toPerson(user, identity.displayName) : null;
    },
    async identify(organizationId, identity) {
      if (IDENTITY_CHANNELS.has(identity.channel)) {
        const { user } = await others.upsert({ organizationId, ...identity });
        return toPerson(user, identity.displayName, identity);
      }
      const { user } = await users.upsertTelegram({
        organizationId,
        telegramId: telegramId(identity),
        username: identity.username,
        displayName: identity.displayName,
        language: identity.language,
      });
      return toPerson(user, identity.displayName);
    },
    async setLanguage(personId, patch) {
      await users.setLanguage(personId, patch);
    },
    async link(personId, identity, now) {
      if (IDENTITY_CHANNELS.has(identity.channel)) {
        return toPerson(await others.link({ userId: personId, ...identity, now }), identity.displayName, identity);
      }
      const user = await accounts.link({ userId: personId, telegramId: telegramId(identity), username: identity.username, displayName: identity.displayName, now });
      return toPerson(user, identity.displayName);
    },
    async setHomeLocation(personId, locationId) {
      await db.update(usersTable).set({ homeLocationId: locationId, updatedAt: new Date() }).where(eq(usersTable.id, personId));
    },
  };
}

export function createLinkTokenStore(db: Db): LinkTokens {
  const tokens = createLinkTokenRepository(db);
  return {
    async peek(token, organizationId, now) {
      const result = await tokens.peek(token, organizationId, now);
      return result.ok ? { ok: true, personId: result.userId } : result;
    },
    async redeem(token, by, now, organizationId) {
      const result = await tokens.redeem(token, by.channel === 'telegram' ? telegramId(by) : null, now, organizationId);
      return result.ok ? { ok: true, personId: result.userId } : result;
    },
  };
}
