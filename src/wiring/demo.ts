/**
 * The demo part (RIVET_DEMO=true, `npm run demo`): the browser page at /demo as a third chat
 * platform. Its "platform" (the hub), its send side (the demo transport) and its inbound
 * processor exist before the job system, like Telegram's; the adapter, and — unless Slack is
 * configured — supervisor oversight in the page's supervisor pane (the same core oversight
 * service, desk and work-order editor Slack uses, over the demo transport), are bound once the
 * job system and the chat engine exist (`start`). Without RIVET_DEMO nothing of it exists: no
 * route, no person can be made from outside.
 */
import type { Logger } from 'pino';
import { demoRoutes, MAX_PHOTO_BYTES } from '../api/routes/demo.js';
import type { RouteMount } from '../api/app.js';
import { createDemoAdapter, createDemoHub, createDemoSessions, createDemoTransport, DEMO_CHANNEL_ID, DEMO_SUPERVISOR, type DemoAdapter, type DemoHub } from '../bots/demo/index.js';
import type { Config } from '../config/config.js';
import type { ChatEngine } from '../core/conversation/index.js';
import type { Observer } from '../core/observe/index.js';
import { explainFailure } from '../core/notices.js';
import {
  createEscalation, createOversight, createSupervisorDesk, createWorkOrderEditor,
  type Escalation, type FullOversight, type OversightDeps, type WorkOrderEdit, type WorkOrderEditor,
} from '../core/oversight/index.js';
import type { Provisioning } from '../core/provisioning/index.js';
import type { ChatTransport, Clock, InboundAcceptor, Oversight } from '../core/ports.js';
import { createOversightThreadStore } from '../db/stores/oversight.js';
import { AtlasNotConfiguredError } from '../jobs/errors.js';
import type { JobHandler, JobSystem, JobSystemDeps } from '../jobs/index.js';
import type { InboundProcessors } from '../jobs/handlers/inbound.js';
import type { AtlasPart } from './atlas.js';
import type { DatabasePart } from './database.js';
import { sharedOversightDeps } from './oversight.js';

/** The job name of a demo supervisor's change to a work order (queue `atlas`). */
export const DEMO_OVERSIGHT_EDIT_JOB = 'demoOversightEdit';
/** How long a HIGH report may stay untouched before it is posted again in the demo's channel. */
const ESCALATION_MINUTES = 30;

export interface DemoPart {
  hub: DemoHub | null;
  transports: { demo?: ChatTransport };
  inbound: InboundProcessors;
  /** Oversight in the page's supervisor pane; null when off (no demo, or Slack oversees). */
  oversight: Oversight | null;
  handlers: NonNullable<JobSystemDeps['handlers']>;
  periodic: NonNullable<JobSystemDeps['periodic']>;
  /** Binds the adapter (and oversight), once the job system and the engine exist. */
  start(deps: { engine: ChatEngine; jobs: JobSystem; atlas: AtlasPart; provisioning: Provisioning }): void;
  routes(inbound: InboundAcceptor): RouteMount[];
  /** Ends the pages' event streams; registered after the HTTP server, so it runs before the server waits for them. */
  closeStreams(): void;
}

export function wireDemo(deps: { config: Config; logger: Logger; clock: Clock; data: DatabasePart; observer?: Observer }): DemoPart {
  const { config } = deps;
  if (!config.demo) {
    return { hub: null, transports: {}, inbound: {}, oversight: null, handlers: {}, periodic: [], start: () => {}, routes: () => [], closeStreams: () => {} };
  }
  const { db } = deps.data.database;
  const organizationId = deps.data.organization.id;
  const logger = deps.logger.child({ component: 'demo' });
  if (config.env === 'production') logger.warn({}, 'RIVET_DEMO is on: anyone who opens /demo becomes a technician of this organization');
  const hub = createDemoHub({ now: () => deps.clock.now() });
  const threads = createOversightThreadStore(db);
  const oversees = !config.slack;

  let adapter: DemoAdapter | null = null;
  let real: FullOversight | null = null;
  let editor: WorkOrderEditor | null = null;
  let escalation: Escalation | null = null;
  let provision: Provisioning | null = null;
  let catalog: AtlasPart['assets'] | null = null;
  const bound = <T>(part: T | null): T => {
    if (!part) throw new Error('the demo is not started yet');
    return part;
  };

  const oversight: Oversight | null = oversees
    ? {
        mirror: (e) => (real ? real.mirror(e) : Promise.resolve()),
        askSupervisor: (q) => (real ? real.askSupervisor(q) : Promise.resolve({ delivered: false })),
        takenOver: (p) => (real ? real.takenOver(p) : Promise.resolve(null)),
        workOrderFiled: (f) => (real ? real.workOrderFiled(f) : Promise.resolve()),
        workOrderStatus: (s) => (real ? real.workOrderStatus(s) : Promise.resolve()),
      }
    : null;

  const editJob: JobHandler<WorkOrderEdit> = {
    run: async (edit) => {
      if (!config.atlas) throw new AtlasNotConfiguredError();
      await bound(editor).perform(edit);
    },
    onPermanent: (edit, cause) => bound(editor).failed(edit, explainFailure(cause)),
  };

  return {
    hub,
    transports: { demo: createDemoTransport({ hub, threads }) },
    inbound: { demo: (payload, ctx) => bound(adapter).process(payload, ctx) },
    oversight,
    handlers: oversees ? { atlas: { [DEMO_OVERSIGHT_EDIT_JOB]: editJob } } : {},
    periodic: oversees ? [{ name: 'demo-escalation', intervalMs: 30_000, run: async () => void (await escalation?.runDue()) }] : [],

    start({ engine, jobs, atlas, provisioning }) {
      provision = provisioning;
      catalog = atlas.assets;
      let desk = null;
      if (oversees) {
        const od: OversightDeps = {
          ...sharedOversightDeps({ config, data: deps.data, engine, jobs, atlas }),
          channel: 'demo',
          channelId: DEMO_CHANNEL_ID,
          threads,
          jobs: { edit: (edit) => jobs.enqueue({ queue: 'atlas', name: DEMO_OVERSIGHT_EDIT_JOB, key: edit.key, payload: edit, priority: 1 }) },
          clock: deps.clock,
          logger,
          escalation: { minutes: ESCALATION_MINUTES, alert: null },
          ...(deps.observer ? { observer: deps.observer } : {}),
        };
        real = createOversight(od);
        editor = createWorkOrderEditor(od);
        escalation = createEscalation(od);
        desk = createSupervisorDesk(od);
      }
      adapter = createDemoAdapter({ hub, engine, desk, channelId: DEMO_CHANNEL_ID, dataDir: config.dataDir, publicUrl: config.publicUrl, clock: deps.clock, logger });
    },

    closeStreams: () => hub.close(),

    routes(inbound) {
      const sessions = createDemoSessions({
        hub,
        inbound,
        async provision(name) {
          const done = await bound(provision).provision({ organizationId, name, role: 'technician', tier: 'pro', source: 'demo' });
          return { token: done.link.token };
        },
      });
      logger.info({ path: '/demo' }, 'browser demo on: anyone who opens /demo becomes a technician');
      return [{ path: '/demo', app: demoRoutes({ hub, sessions, inbound, channelId: DEMO_CHANNEL_ID, supervisor: DEMO_SUPERVISOR, oversees, example: () => exampleReport(catalog) }), maxBodyBytes: MAX_PHOTO_BYTES }];
    },
  };
}

/** A report the page suggests, on a machine of this site: "Press PR-101 is leaking". */
function exampleReport(catalog: AtlasPart['assets'] | null): string | null {
  const asset = catalog?.all()[0];
  return asset ? `${asset.name.split(' - ')[0]!.trim()} is leaking` : null;
}
