/**
 * The Slack part: supervisor oversight in the oversight channel and Slack as a second chat for
 * technicians. Its send side (the transport, resolving supervisor threads), its inbound processor
 * (stored requests → the Bolt adapter), the job that makes supervisors' changes in Atlas and the
 * periodic escalation exist before the job system; the oversight service, the supervisor desk and
 * the adapter need the job system and the chat engine, so they are bound late (`start`). Until
 * then (and without Slack settings) oversight behaves as none: nobody is asked, nothing mirrored.
 */
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { createSlackBot, createSlackTransport, serializePerConversation, slackClientOptions, type SlackBot } from '../bots/slack/index.js';
import type { Config } from '../config/config.js';
import type { ChatEngine } from '../core/conversation/index.js';
import type { Observer } from '../core/observe/index.js';
import { explainFailure } from '../core/notices.js';
import {
  createEscalation, createOversight, createSupervisorCommand, createSupervisorDesk, createWorkOrderEditor,
  type Escalation, type FullOversight, type OversightDeps, type WorkOrderEdit, type WorkOrderEditor,
} from '../core/oversight/index.js';
import { noOversight, type ChatTransport, type Clock, type InboundAcceptor, type Oversight } from '../core/ports.js';
import { createOversightThreadStore } from '../db/stores/oversight.js';
import type { HealthCheck } from '../health/checks.js';
import { AtlasNotConfiguredError } from '../jobs/errors.js';
import type { JobHandler, JobSystem, JobSystemDeps } from '../jobs/index.js';
import type { InboundProcessors } from '../jobs/handlers/inbound.js';
import { MAX_SLACK_BODY_BYTES, slackWebhookRoutes } from '../webhooks/slack.js';
import type { RouteMount } from '../api/app.js';
import type { AtlasPart } from './atlas.js';
import type { DatabasePart } from './database.js';
import { sharedOversightDeps } from './oversight.js';

/** The job name of a supervisor's change to a work order (queue `atlas`). */
export const OVERSIGHT_EDIT_JOB = 'oversightEdit';

export interface SlackPart {
  transports: { slack?: ChatTransport };
  inbound: InboundProcessors;
  /** Supervisor oversight for the chat engine and the job pipeline (late-bound; none without Slack). */
  oversight: Oversight;
  handlers: NonNullable<JobSystemDeps['handlers']>;
  periodic: NonNullable<JobSystemDeps['periodic']>;
  /** Binds oversight and creates the adapter, once the job system and the engine exist. */
  start(deps: { engine: ChatEngine; jobs: JobSystem; atlas: AtlasPart }): SlackBot | null;
  routes(inbound: InboundAcceptor): RouteMount[];
  health: HealthCheck | null;
}

export function wireSlack(deps: { config: Config; logger: Logger; clock: Clock; data: DatabasePart; escalationCheckMs?: number; observer?: Observer }): SlackPart {
  const settings = deps.config.slack;
  if (!settings) {
    return { transports: {}, inbound: {}, oversight: noOversight, handlers: {}, periodic: [], start: () => null, routes: () => [], health: null };
  }
  const { db } = deps.data.database;
  const logger = deps.logger.child({ component: 'oversight' });
  const client = new WebClient(settings.botToken, slackClientOptions(settings.apiUrl, deps.logger));
  const threads = createOversightThreadStore(db);

  let real: FullOversight | null = null;
  let editor: WorkOrderEditor | null = null;
  let escalation: Escalation | null = null;
  let bot: SlackBot | null = null;
  const bound = <T>(part: T | null): T => {
    if (!part) throw new Error('slack oversight is not started yet');
    return part;
  };

  const oversight: Oversight = {
    mirror: (e) => (real ? real.mirror(e) : Promise.resolve()),
    askSupervisor: (q) => (real ? real.askSupervisor(q) : Promise.resolve({ delivered: false })),
    takenOver: (p) => (real ? real.takenOver(p) : Promise.resolve(null)),
    workOrderFiled: (f) => (real ? real.workOrderFiled(f) : Promise.resolve()),
    workOrderStatus: (s) => (real ? real.workOrderStatus(s) : Promise.resolve()),
  };

  const editJob: JobHandler<WorkOrderEdit> = {
    run: async (edit) => {
      if (!deps.config.atlas) throw new AtlasNotConfiguredError();
      await bound(editor).perform(edit);
    },
    onPermanent: (edit, cause) => bound(editor).failed(edit, explainFailure(cause)),
  };

  return {
    transports: { slack: createSlackTransport({ client, threads }) },
    inbound: { slack: serializePerConversation((payload, ctx) => bound(bot).process(payload, ctx)) },
    oversight,
    handlers: { atlas: { [OVERSIGHT_EDIT_JOB]: editJob } },
    periodic: [{ name: 'slack-escalation', intervalMs: deps.escalationCheckMs ?? 30_000, run: async () => void (await escalation?.runDue()) }],

    start({ engine, jobs, atlas }) {
      const od: OversightDeps = {
        ...sharedOversightDeps({ config: deps.config, data: deps.data, engine, jobs, atlas }),
        channel: 'slack',
        channelId: settings.channel,
        threads,
        jobs: { edit: (edit) => jobs.enqueue({ queue: 'atlas', name: OVERSIGHT_EDIT_JOB, key: edit.key, payload: edit, priority: 1 }) },
        clock: deps.clock,
        logger,
        escalation: { minutes: settings.escalationMinutes, alert: settings.escalationUsergroup },
        ...(deps.observer ? { observer: deps.observer } : {}),
      };
      real = createOversight(od);
      editor = createWorkOrderEditor(od);
      escalation = createEscalation(od);
      const b = createSlackBot({
        token: settings.botToken,
        apiUrl: settings.apiUrl,
        channelId: settings.channel,
        engine,
        desk: createSupervisorDesk(od),
        command: createSupervisorCommand(od),
        dispatcher: jobs.dispatcher,
        dataDir: deps.config.dataDir,
        publicUrl: deps.config.publicUrl,
        clock: deps.clock,
        logger: deps.logger,
      });
      bot = b;
      // auth.test: best effort; a Slack outage must not stop Rivet (the first request retries it).
      void b.init().catch((err: Error) => deps.logger.warn({ err: err.message }, 'slack not reachable at start-up; will retry on the first request'));
      return b;
    },

    routes: (inbound) => [{ path: '/slack', app: slackWebhookRoutes({ signingSecret: settings.signingSecret, inbound, clock: deps.clock }), maxBodyBytes: MAX_SLACK_BODY_BYTES }],

    health: async () => {
      const auth = await client.auth.test();
      return { team: auth.team ?? null, bot: auth.user ?? null, channel: settings.channel, escalationMinutes: settings.escalationMinutes };
    },
  };
}
