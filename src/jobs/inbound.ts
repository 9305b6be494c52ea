/**
 * The InboundAcceptor port: a verified delivery is deduplicated (processed_events) and written
 * to the outbox in one atomic statement, then queued. Returns once the row is committed.
 */
import type { InboundAcceptor } from '../core/ports.js';
import type { Db } from '../db/client.js';
import { createOutboxRepository } from '../db/repositories/outbox.js';
import type { Enqueuer } from './enqueue.js';
import { inboundEntry } from './entries.js';

export function createInboundAcceptor(deps: { db: Db; enqueuer: Enqueuer; organizationId: string }): InboundAcceptor {
  const outbox = createOutboxRepository(deps.db);
  return {
    async accept(source, externalId, payload) {
      const entry = inboundEntry({ source, externalId, payload }, deps.organizationId);
      // processed_events.source is the same vocabulary as the port's sources.
      if (!(await outbox.writeIfFirstDelivery(source, externalId, entry))) return 'duplicate';
      // Written down is accepted: the webhook is answered without waiting for Redis (the push
      // reports its own failures, and the sweeper enqueues what did not make it).
      void deps.enqueuer.push([entry], { fresh: true });
      return 'accepted';
    },
  };
}
