/** What job handlers are built from; passed in by createJobSystem. */
import type { Logger } from 'pino';
import type { ChatAddress, Clock, ChatTransport, Oversight, OutboundMessage } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { AtlasClient } from '../../integrations/atlas/index.js';
import type { Enqueuer } from '../enqueue.js';
import { sendEntry } from '../entries.js';
import { AtlasNotConfiguredError } from '../errors.js';

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
