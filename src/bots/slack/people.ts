/**
 * Who a Slack user is, as core needs it (a PlatformIdentity): read with users.info and kept a
 * while in memory, since every event names only a user id. A user Slack does not know, or
 * another app's bot user, is nobody Rivet acts for.
 */
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { PlatformIdentity } from '../../core/conversation/index.js';

const TTL_MS = 10 * 60_000;
const MAX_KEPT = 5_000;

export type SlackPerson = { ok: true; identity: PlatformIdentity } | { ok: false; reason: 'unknown' | 'bot' | 'deleted' };

export interface SlackPeople {
  identify(userId: string): Promise<SlackPerson>;
}

export function createSlackPeople(deps: { client: WebClient; now?: () => number }): SlackPeople {
  const now = deps.now ?? Date.now;
  const kept = new Map<string, { at: number; person: SlackPerson }>();
  return {
    async identify(userId) {
      if (!/^[UW][A-Z0-9]{2,}$/.test(userId)) return { ok: false, reason: 'unknown' };
      const hit = kept.get(userId);
      if (hit && now() - hit.at < TTL_MS) return hit.person;
      let person: SlackPerson;
      try {
        const res = await deps.client.users.info({ user: userId, include_locale: true });
        const u = res.user;
        if (!u) person = { ok: false, reason: 'unknown' };
        else if (u.is_bot || u.id === 'USLACKBOT') person = { ok: false, reason: 'bot' };
        else if (u.deleted) person = { ok: false, reason: 'deleted' };
        else {
          const displayName = u.real_name?.trim() || u.profile?.real_name?.trim() || u.profile?.display_name?.trim() || u.name || 'there';
          person = { ok: true, identity: { channel: 'slack', externalId: userId, username: u.name ?? null, displayName, language: u.locale ?? null } };
        }
      } catch (err) {
        // Slack does not know them: bad input, not an outage (an outage is thrown, and the job retries).
        if (err instanceof WebAPIPlatformError && ['user_not_found', 'user_not_visible'].includes(String(err.data.error))) person = { ok: false, reason: 'unknown' };
        else throw err;
      }
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(userId, { at: now(), person });
      return person;
    },
  };
}
