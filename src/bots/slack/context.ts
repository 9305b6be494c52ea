/** What the Slack adapter's features are built from, and small helpers they share. */
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChatEngine } from '../../core/conversation/index.js';
import type { SupervisorCommand, SupervisorDesk } from '../../core/oversight/index.js';
import type { Clock, JobDispatcher } from '../../core/ports.js';
import type { SlackFiles } from './files.js';
import type { SlackPeople } from './people.js';

export interface SlackBotDeps {
  token: string;
  /** Slack Web API root (SLACK_API_URL). */
  apiUrl: string;
  /** The oversight channel's id: supervisors act there, and only there. */
  channelId: string;
  /** Technicians' direct messages go to the chat engine. */
  engine: ChatEngine;
  /** What supervisors' replies, controls and /rivet mean (src/core/oversight). */
  desk: SupervisorDesk;
  command: SupervisorCommand;
  /** Only for a tap's short answer (a toast): it is shown as a note through the outbound queue. */
  dispatcher: JobDispatcher;
  dataDir: string;
  publicUrl: string | null;
  clock: Clock;
  logger: Logger;
}

/** Who Rivet's bot is in its workspace (auth.test). */
export interface SlackSelf {
  teamId: string;
  botUserId: string;
  botId: string | null;
}

export interface SlackServices {
  deps: SlackBotDeps;
  people: SlackPeople;
  files: SlackFiles;
  self(): SlackSelf;
}

/** The inbound job's logger travels to the listeners in Bolt's context. */
export const jobLog = (context: Record<string, unknown>, fallback: Logger): Logger => (context.jobLog as Logger | undefined) ?? fallback;

/** Bolt and the Web API client log through pino. */
export function slackLogger(log: Logger): SlackLogger {
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...m) => log.debug({ slack: true }, line(m)),
    info: (...m) => log.info({ slack: true }, line(m)),
    warn: (...m) => log.warn({ slack: true }, line(m)),
    error: (...m) => log.error({ slack: true }, line(m)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

/** Errors of the code itself, as opposed to a dependency being unavailable ("fetch failed" is a TypeError too). */
export function isBug(err: unknown): boolean {
  if (err instanceof TypeError) return !/fetch failed|network|socket|ECONN|terminated/i.test(err.message);
  return err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError;
}
