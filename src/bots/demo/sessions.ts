/**
 * Who is on the demo page. Opening it makes a new technician the way an administrator would
 * (a person in the organization and a one-time sign-up link, as `rivet invite` does), and the
 * page's first message is that link's `/start <token>`, through the same inbound path as every
 * other message: the engine lets them in exactly as it lets an invited Telegram user in. Every
 * page also acts as the one demo supervisor in the supervisors' channel. Sessions live in
 * memory (a restarted demo asks the page to start again) and their creation is rate limited,
 * so an open demo cannot be used to fill the database with people.
 */
import { randomUUID } from 'node:crypto';
import type { InboundAcceptor } from '../../core/ports.js';
import type { DemoHub } from './hub.js';
import type { DemoUpdate } from './updates.js';

export interface DemoSession {
  /** The technician's demo id, which is also their private chat's id. */
  id: string;
  name: string;
  /** The browser's language, as a chat app reports its user's. */
  language: string | null;
}

/** Makes the person and their one-time link (the provisioning the admin API uses). */
export type ProvisionDemoPerson = (name: string) => Promise<{ token: string }>;

export const DEMO_SUPERVISOR = { id: 'demo-supervisor', name: 'Sam Supervisor' } as const;
const NAMES = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eli', 'Farah', 'Gus', 'Hana', 'Iker', 'Jo'];
export const SESSION_LIMITS = { kept: 1_000, perMinute: 30 };

export interface DemoSessions {
  /** A new technician on the page; null when too many were started in the last minute. */
  start(opts?: { name?: string | null; language?: string | null }): Promise<DemoSession | null>;
  get(id: string): DemoSession | null;
}

export function createDemoSessions(deps: { hub: DemoHub; inbound: InboundAcceptor; provision: ProvisionDemoPerson; now?: () => number; limits?: Partial<typeof SESSION_LIMITS> }): DemoSessions {
  const now = deps.now ?? Date.now;
  const limits = { ...SESSION_LIMITS, ...deps.limits };
  const sessions = new Map<string, DemoSession>();
  let started: number[] = [];

  return {
    async start(opts = {}) {
      const t = now();
      started = started.filter((at) => t - at < 60_000);
      if (started.length >= limits.perMinute) return null;
      started.push(t);
      const id = randomUUID();
      const name = opts.name?.trim().slice(0, 60) || `${NAMES[Math.floor(Math.random() * NAMES.length)]} (demo)`;
      const { token } = await deps.provision(name);
      const session: DemoSession = { id, name, language: opts.language ?? null };
      if (sessions.size >= limits.kept) sessions.delete(sessions.keys().next().value!);
      sessions.set(id, session);
      // The chat shows what the person "tapped" (Telegram's START); the bot gets the link's token.
      const shown = deps.hub.post({ chatId: id, from: 'person', author: name, text: '/start' });
      const update: DemoUpdate = { kind: 'text', id: `start-${id}`, from: { id, name, language: session.language }, messageId: shown.id, text: `/start ${token}` };
      await deps.inbound.accept('demo', `${id}/start`, update);
      return session;
    },
    get(id) {
      return sessions.get(id) ?? null;
    },
  };
}
