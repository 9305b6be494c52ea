/**
 * createSlackBot(deps): the Slack adapter, a Bolt app with one feature per file. It only
 * translates: technicians' direct messages and taps into chat-engine inputs, supervisors'
 * replies, controls, shortcut and /rivet into the supervisor desk's. Requests reach it from the
 * inbound job (the route verified and stored them), through Bolt's `processEvent`; nothing it
 * does sends to Slack directly (replies leave through the outbound job and the Slack transport).
 */
import { App } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { isBug, slackLogger, type SlackBotDeps, type SlackSelf, type SlackServices } from './context.js';
import { commandFeature } from './features/command.js';
import { directMessagesFeature } from './features/direct-messages.js';
import { oversightFeature } from './features/oversight.js';
import { tapsFeature } from './features/taps.js';
import { createSlackFiles } from './files.js';
import { createSlackPeople } from './people.js';

export interface SlackBot {
  /** The Web API client (also the transport's and /health's). */
  client: WebClient;
  /** auth.test (once): who the bot is and in which workspace; retried on the next request when Slack was unreachable. */
  init(): Promise<SlackSelf>;
  /** The inbound job's processor: one stored request, handled. */
  process(payload: unknown, ctx: { jobId: string; logger: Logger }): Promise<void>;
}

/** Calls fail fast; the job pipeline retries them with its own backoff. */
export function slackClientOptions(apiUrl: string, logger: Logger): WebClientOptions {
  return { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 30_000, logger: slackLogger(logger.child({ component: 'slack-web-api' })) };
}

/** The workspace a stored request came from. */
export function teamOf(body: Record<string, unknown>): string | null {
  const team = body.team as { id?: unknown } | string | undefined;
  const user = body.user as { team_id?: unknown } | undefined;
  const id = body.team_id ?? (typeof team === 'object' ? team?.id : team) ?? user?.team_id;
  return typeof id === 'string' ? id : null;
}

export function createSlackBot(deps: SlackBotDeps): SlackBot {
  const log = deps.logger.child({ component: 'slack' });
  const options = slackClientOptions(deps.apiUrl, deps.logger);
  const client = new WebClient(deps.token, options);
  let self: SlackSelf | null = null;
  let app: App | null = null;
  let initialising: Promise<SlackSelf> | null = null;

  function build(me: SlackSelf): App {
    const a = new App({
      token: deps.token,
      receiver: { init() {}, start: async () => {}, stop: async () => {} },
      botId: me.botId ?? undefined,
      botUserId: me.botUserId,
      clientOptions: options,
      logger: slackLogger(log),
      convoStore: false,
    });
    // Only the workspace the token belongs to is acted on.
    a.use(async ({ body, next }) => {
      const team = teamOf(body as Record<string, unknown>);
      if (team && team !== me.teamId) return log.warn({ team }, 'request from another workspace; ignored');
      await next();
    });
    const services: SlackServices = {
      deps,
      people: createSlackPeople({ client }),
      files: createSlackFiles({ token: deps.token, apiUrl: deps.apiUrl, dataDir: deps.dataDir, publicUrl: deps.publicUrl, clock: deps.clock }),
      self: () => me,
    };
    directMessagesFeature(a, services);
    tapsFeature(a, services);
    oversightFeature(a, services);
    commandFeature(a, services);
    return a;
  }

  function init(): Promise<SlackSelf> {
    if (self) return Promise.resolve(self);
    initialising ??= (async () => {
      const auth = await client.auth.test();
      if (!auth.team_id || !auth.user_id) throw new Error('slack auth.test answered without team_id or user_id');
      const me: SlackSelf = { teamId: auth.team_id, botUserId: auth.user_id, botId: auth.bot_id ?? null };
      app = build(me);
      self = me;
      log.info({ team: auth.team, bot: auth.user }, 'slack bot ready');
      return me;
    })().finally(() => (initialising = null));
    return initialising;
  }

  return {
    client,
    init,
    async process(payload, ctx) {
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
        ctx.logger.warn('malformed slack request dropped');
        return;
      }
      await init();
      try {
        await app!.processEvent({ body: payload as Record<string, unknown>, ack: async () => {}, customProperties: { jobLog: ctx.logger } });
      } catch (err) {
        const cause = (err as { original?: unknown }).original ?? err;
        // A bug handling this request will not go away by retrying it: log it and move on.
        // Anything else (database, Redis, Slack unreachable) is thrown so the job retries.
        if (isBug(cause)) {
          ctx.logger.error({ err: cause }, 'slack request handling failed (bug); not retried');
          return;
        }
        throw cause;
      }
    },
  };
}
