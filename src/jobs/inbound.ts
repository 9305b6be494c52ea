/**
 * The InboundAcceptor port: a verified delivery is deduplicated (processed_events) and written
 * to the outbox in one atomic statement, then handed to the runner. Returns once the row is
 * committed. Deliveries of one conversation carry its ordering key (`source:chat`), so they run
 * one after another in the order they were written, whichever process runs them.
 */
import type { InboundAcceptor } from '../core/ports.js';
import type { Db } from '../db/client.js';
import { createOutboxRepository } from '../db/repositories/outbox.js';
import type { Enqueuer } from './enqueue.js';
import type { IngestGate } from './ingest-gate.js';
import { inboundEntry } from './entries.js';
import type { InboundJob } from './names.js';

/** Reads the conversation a delivery belongs to (e.g. a Telegram update's chat id); null: no order to keep. */
export type OrderingKeyOf = (payload: unknown) => string | null;

export function createInboundAcceptor(deps: {
  db: Db;
  enqueuer: Enqueuer;
  organizationId: string;
  orderingKeyOf?: Partial<Record<InboundJob['source'], OrderingKeyOf>>;
  /** Jobs of this process wait while deliveries are being written (ingest-gate.ts). */
  gate?: IngestGate;
}): InboundAcceptor {
  const outbox = createOutboxRepository(deps.db);
  return {
    async accept(source, externalId, payload) {
      const key = deps.orderingKeyOf?.[source]?.(payload) ?? null;
      const entry = { ...inboundEntry({ source, externalId, payload }, deps.organizationId), orderingKey: key === null ? null : `${source}:${key}` };
      // processed_events.source is the same vocabulary as the port's sources.
      deps.gate?.enter();
      let first: boolean;
      try {
        first = await outbox.writeIfFirstDelivery(source, externalId, entry);
      } finally {
        deps.gate?.leave();
      }
      if (!first) return 'duplicate';
      // Written down is accepted: the webhook is answered without waiting for Redis (the push
      // never throws, and what it cannot hand over now is picked up later).
      void deps.enqueuer.push([entry], { fresh: true });
      return 'accepted';
    },
  };
}
