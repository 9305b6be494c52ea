/** Everything oversight is built from; wiring (src/wiring/slack.ts) hands real implementations in. */
import type { AssetLookup } from '../asset-lookup.js';
import type { ChatEngine } from '../conversation/engine.js';
import type { FiledWorkOrders } from '../conversation/stores.js';
import type { Channel } from '../model.js';
import type { Observer } from '../observe/index.js';
import type { AssetCatalog, Clock, JobDispatcher, Logger, OutboundMessage, QuestionDesk, WorkOrderReader } from '../ports.js';
import { rootMessage } from './cards.js';
import type { OversightThread } from './model.js';
import type { ConversationLines, OversightAtlas, OversightJobs, OversightPeople, OversightThreads } from './ports.js';

export interface OversightDeps {
  organizationId: string;
  /** The platform of the oversight channel, and the channel. */
  channel: Channel;
  channelId: string;
  threads: OversightThreads;
  people: OversightPeople;
  lines: ConversationLines;
  /** Everything oversight says leaves through the outbound queue. */
  dispatcher: JobDispatcher;
  jobs: OversightJobs;
  /** Null when Atlas is not configured. */
  atlas: OversightAtlas | null;
  reader: WorkOrderReader;
  filed: FiledWorkOrders;
  questions: QuestionDesk | null;
  assets: AssetCatalog;
  lookup: AssetLookup;
  /** The chat engine: a supervisor's pick continues the technician's report there. */
  engine: Pick<ChatEngine, 'handle'>;
  clock: Clock;
  logger: Logger;
  escalation: { minutes: number; alert: string | null };
  /** Supervisors' corrections become feedback on what Rivet understood (core/observe); none by default. */
  observer?: Observer;
}

/** Outside reads that only add context wait this long at most. */
export const CONTEXT_WAIT_MS = 2_000;

/** The value of `p`, or `fallback` when it fails or takes longer than `ms`. */
export async function bounded<T, F>(p: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p, new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } catch {
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}

/** Posts the thread's first message, or refreshes it as it stands now. */
export async function sendRoot(deps: OversightDeps, thread: OversightThread, key: string): Promise<void> {
  const users = thread.kind === 'work_order' && deps.atlas ? await bounded(deps.atlas.assignableUsers(), CONTEXT_WAIT_MS, null) : null;
  await deps.dispatcher.send(rootMessage(thread, deps.channel, users, key));
}

export const send = (deps: OversightDeps, message: OutboundMessage) => deps.dispatcher.send(message);
