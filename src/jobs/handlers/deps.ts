/** What job handlers are built from; passed in by createJobSystem. */
import type { Logger } from 'pino';
import type { ChatAddress, Clock, ChatTransport, Oversight, OutboundMessage } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { AtlasClient } from '../../integrations/atlas/index.js';
import type { Enqueuer } from '../enqueue.js';
import { sendEntry } from '../entries.js';
import { AtlasNotConfiguredError } from '../errors.js';
import type { JobContext } from '../runner.js';

export interface HandlerDeps {
  organizationId: string;
  atlas: AtlasClient | null;
  repos: Repositories;
  db: Db;
  enqueuer: Enqueuer;
  oversight: Oversight;
  clock: Clock;
  logger: Logger;
}

export function requireAtlas(atlas: AtlasClient | null): AtlasClient {
  if (!atlas) throw new AtlasNotConfiguredError();
  return atlas;
}

/** Queues one message to a chat, keyed so a retried job never sends it twice. */
export async function notify(
  deps: Pick<HandlerDeps, 'enqueuer'>,
  message: OutboundMessage,
  organizationId: string | null,
): Promise<void> {
  await deps.enqueuer.enqueue([sendEntry(message, organizationId)]);
}

export type Transports = Partial<Record<ChatAddress['channel'], ChatTransport>>;

/**
 * Before writing to Atlas again after a run that was cut short (its worker died mid-call): look
 * for the write's result; while it is not there, keep looking (every second) until a call of that
 * run would have timed out — Atlas may still be working on it. null: safe to write.
 */
export async function lookAfterInterruption<T>(
  ctx: Pick<JobContext, 'interruptedRunAliveUntil' | 'logger'>,
  atlas: AtlasClient,
  look: () => Promise<T | null>,
  everyMs = 1_000,
): Promise<T | null> {
  const until = ctx.interruptedRunAliveUntil;
  if (!until) return null;
  const deadline = until.getTime() + atlas.requestTimeoutMs;
  let said = false;
  for (;;) {
    const found = await look();
    if (found !== null) return found;
    const left = deadline - Date.now();
    if (left <= 0) return null;
    if (!said) ctx.logger.info({ waitMs: left }, 'a call of the interrupted run may still land in Atlas; looking again before writing');
    said = true;
    await new Promise((r) => setTimeout(r, Math.min(everyMs, left)));
  }
}
