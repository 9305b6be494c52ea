/**
 * What the chat engine needs to remember, as interfaces it owns: who people are, which
 * conversation a chat is in, what was said, one-time links, what Rivet filed for whom, the
 * files it keeps. src/db/stores implements them over PostgreSQL; engine tests use in-memory ones.
 * They store and return; every rule (expiry, who may tap what) is decided in the engine.
 */
import type { Channel, Role, Tier } from '../model.js';
import type { Lang } from '../texts/index.js';

/** A person as one chat platform knows them. */
export interface PlatformIdentity {
  channel: Channel;
  /** The platform's id for the person (Telegram user id, Slack user id), as a string. */
  externalId: string;
  username: string | null;
  /** How the platform names the person, e.g. "Ana Tech"; never empty. */
  displayName: string;
  /** The language the platform reports for the person ("en", "es-MX"), if any. */
  language: string | null;
  /** The email the platform vouches for (Slack), if any: matched against RIVET_ALLOWLIST. */
  email?: string | null;
}

/** A Rivet person (the `rivet_users` row), as the chat needs them. */
export interface Person {
  id: string;
  organizationId: string;
  /** The full name Rivet uses for them ("Ana Tech"); never empty. */
  name: string;
  tier: Tier;
  /** Where they usually work: breaks ties between same-named assets. */
  homeLocationId: number | null;
  /** What their chat app reports ("es-MX"). */
  language: string | null;
  /** The language they chose for replies (/language), if any. */
  replyLanguage: Lang | null;
  /** The language their recent messages were in, when clear. */
  detectedLanguage: Lang | null;
  role: Role;
  /** The crew an administrator put them in (rivet_users.crew). */
  crew: string | null;
  /** Their own Atlas account, when provisioned with one. */
  atlasUserId: number | null;
  /** An administrator switched them off (rivet_users.disabled_at). */
  disabled: boolean;
  /**
   * Made by writing to the bot (open sign-up, the allow-list), with nothing an administrator or
   * Stripe gave it: a sign-up link may take its place (and its work orders move along).
   */
  selfSignedUp: boolean;
  /** How Rivet names them to others (Atlas comments), from its own record: core/access/attribution.ts. */
  attribution: string;
}

export interface PeopleStore {
  /** The person behind a platform identity, or null when Rivet does not know them (nothing is created). */
  find(organizationId: string, identity: PlatformIdentity): Promise<Person | null>;
  /** The person behind a platform identity; a new `beta` person the first time they write. */
  identify(organizationId: string, identity: PlatformIdentity): Promise<Person>;
  /**
   * Connects a platform identity to a person provisioned elsewhere (a Stripe sign-up, an invite).
   * Whoever held the identity before hands over their work orders and conversations only when
   * that was a self-signed-up person (Person.selfSignedUp); an identity held by anyone else is
   * refused with LinkRefusedError, nothing moved. The platform's display name never becomes a
   * provisioned person's name.
   */
  link(personId: string, identity: PlatformIdentity, now: Date): Promise<Person>;
  /** Where the person works (`/site`): an asset location of their site, or null to clear it. */
  setHomeLocation(personId: string, locationId: number | null): Promise<void>;
  /** Remembers the language a person chose (`chosen`; null clears it) or writes in (`detected`). */
  setLanguage(personId: string, patch: { chosen?: Lang | null; detected?: Lang }): Promise<void>;
}

/** A sign-up link would have moved an identity that belongs to someone else: nothing was changed. */
export class LinkRefusedError extends Error {
  override readonly name = 'LinkRefusedError';
}

/** A conversation as stored: its pending flow state and the version that guards it. */
export interface StoredConversation {
  id: string;
  /** The key it was opened under (see conversationKey()). */
  key: string;
  userId: string | null;
  /** The pending flow state as saved (JSON), or null. */
  state: unknown;
  /** Bumped by every state write. */
  version: number;
  lastActivityAt: Date;
  createdAt: Date;
}

export interface ConversationStore {
  /**
   * The open conversation under `key` on `channel` as it is (not touched), or a new one when none
   * is open. Two concurrent openers get the same conversation.
   */
  open(input: { organizationId: string; channel: Channel; key: string; userId: string | null; now: Date }): Promise<{ conversation: StoredConversation; created: boolean }>;
  /**
   * `open`, and `touch` in the same step when the conversation is still current — active after
   * `activeAfter` and created after `createdAfter` (`touched` says whether it was). Optional:
   * without it the engine opens, then touches.
   */
  openTouched?(input: { organizationId: string; channel: Channel; key: string; userId: string | null; now: Date; activeAfter: Date; createdAfter: Date }): Promise<{ conversation: StoredConversation; created: boolean; touched: boolean }>;
  /** Records activity at `now` (and the person, when the conversation had none yet). */
  touch(id: string, input: { now: Date; userId: string | null }): Promise<StoredConversation>;
  /** Closes an open conversation; true only for the call that closed it. */
  close(id: string, now: Date): Promise<boolean>;
  get(id: string): Promise<StoredConversation | null>;
  /** Writes the state when the version is still `expectedVersion` (and bumps it); false on a conflict. */
  saveState(id: string, state: unknown, expectedVersion: number): Promise<boolean>;
  /**
   * The state of the open conversation, among those of a group chat (keys `<chatId>:<member>`),
   * whose id starts with the button's conversation tag; null when there is none.
   */
  stateOfButton(channel: Channel, chatId: string, convTag: string): Promise<unknown | null>;
}

/** One inbound message as history keeps it. */
export interface InboundRecord {
  organizationId: string;
  conversationId: string;
  channel: Channel;
  senderId: string;
  /** The platform's chat id (not the conversation key). */
  chatId: string;
  platformMessageId: string | null;
  /** A human-readable description: the text, "[photo] caption", "[tapped] Create". */
  text: string;
  /** Platform facts worth keeping (e.g. Telegram's update id). */
  meta: Record<string, unknown> | null;
}

export interface MessageLog {
  /** Records an inbound message once per event key (a redelivery writes nothing); true the first time. */
  recordInbound(eventKey: string, message: InboundRecord): Promise<boolean>;
}

export type LinkRedemption = { ok: true; personId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * One-time sign-up links (`/start <token>`), issued when a paying customer adds a person. A
 * token of another organization is 'unknown' here (and is not spent).
 */
export interface LinkTokens {
  /** Whom a token is for, without spending it; the same refusals as redeem. */
  peek(token: string, organizationId: string, now: Date): Promise<LinkRedemption>;
  /** Spends a token once; a second use, an unknown and an expired token each say so. */
  redeem(token: string, by: PlatformIdentity, now: Date, organizationId: string): Promise<LinkRedemption>;
}

/** The work orders Rivet filed for people (work_order_links). */
export interface FiledWorkOrders {
  /** Newest first. */
  filedBy(personId: string, limit: number): Promise<{ workOrderId: number; assetId: number | null }[]>;
  /** How many work orders Rivet filed for the person since `since` (their plan's monthly count). */
  countSince(personId: string, since: Date): Promise<number>;
}

/** A file an adapter received and keeps under the data dir, to be recorded with its owner. */
export interface KeptFile {
  /** Path relative to the data dir, e.g. files/2026-11/<uuid>.jpg. */
  path: string;
  /** The platform's id for the file (to fetch it again), if any. */
  platformFileId: string | null;
  sizeBytes: number;
}

export interface KeptFileLog {
  record(file: KeptFile & { organizationId: string; ownerId: string; fileName: string; mimeType: string | null }): Promise<void>;
  /** Bytes of the person's files Rivet keeps now (their quota's use). */
  usedBytes?(ownerId: string): Promise<number>;
  /** Deletes a file just kept that will not be recorded (over the quota). */
  discard?(file: KeptFile): Promise<void>;
}
