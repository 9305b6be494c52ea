/**
 * Who may use the bot at all (RIVET_SIGNUP): `open` lets anyone in as a beta person; `invite`
 * only people Rivet already knows (provisioned, linked with a sign-up link) and allow-listed
 * Telegram usernames or emails (RIVET_ALLOWLIST); `stripe` only paying customers. A person an
 * administrator switched off is refused in every mode. A valid sign-up link (`/start <token>`)
 * always gets in: the engine spends it before asking here.
 */
import type { Role, Tier } from '../model.js';
import { isSupervisor } from './can.js';

export const SIGNUP_MODES = ['open', 'invite', 'stripe'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** Telegram usernames (without "@") and emails, lower-cased. */
export interface Allowlist {
  usernames: string[];
  emails: string[];
}
export const emptyAllowlist: Allowlist = { usernames: [], emails: [] };

/** "@ana_t, bo@plant.com" → the allowlist, or what is wrong with it. */
export function parseAllowlist(raw: string): { allowlist: Allowlist } | { error: string } {
  const list: Allowlist = { usernames: [], emails: [] };
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (/^@[A-Za-z0-9_]{3,32}$/.test(item)) list.usernames.push(item.slice(1).toLowerCase());
    else if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(item)) list.emails.push(item.toLowerCase());
    else return { error: `“${item.slice(0, 60)}” is neither a @username nor an email` };
  }
  return { allowlist: list };
}

export function onAllowlist(list: Allowlist, who: { username: string | null; email?: string | null }): boolean {
  const username = who.username?.replace(/^@/, '').toLowerCase();
  const email = who.email?.trim().toLowerCase();
  return (!!username && list.usernames.includes(username)) || (!!email && list.emails.includes(email));
}

/** A person Rivet knows, as admission needs them. */
export interface Admittee {
  role: Role;
  tier: Tier;
  disabled: boolean;
}

export type Admission =
  | { admit: true }
  /** `stranger`: unknown and not invited; `not_customer`: known but not paying (stripe mode). */
  | { admit: false; reason: 'stranger' | 'disabled' | 'not_customer' };

const PAYING: readonly Tier[] = ['starter', 'pro', 'enterprise'];

/**
 * May this person (null: nobody Rivet knows yet) use the bot? A lapsed customer is let in: their
 * plan keeps their work orders readable and refuses anything new (core/plans).
 */
export function admit(mode: SignupMode, person: Admittee | null, identity: { username: string | null; email?: string | null }, allowlist: Allowlist): Admission {
  if (person) {
    if (person.disabled) return { admit: false, reason: 'disabled' };
    if (mode !== 'stripe' || isSupervisor(person) || PAYING.includes(person.tier) || person.tier === 'lapsed') return { admit: true };
    return { admit: false, reason: 'not_customer' };
  }
  if (mode === 'open') return { admit: true };
  if (mode === 'invite' && onAllowlist(allowlist, identity)) return { admit: true };
  return { admit: false, reason: 'stranger' };
}

/**
 * May a sign-up link connect this chat account to the link's person? Only when the account is
 * nobody's yet, already that person's, or a throwaway beta person the account made by talking to
 * the bot (whose work orders then move along). An account that belongs to a provisioned or
 * switched-off person is never moved: that would hand their work orders to someone else.
 */
export function mayLink(current: { id: string; selfSignedUp: boolean } | null, targetPersonId: string): 'ok' | 'in_use' {
  if (!current || current.id === targetPersonId || current.selfSignedUp) return 'ok';
  return 'in_use';
}
