/**
 * The InboundAcceptor port: a verified delivery is deduplicated (processed_events) and written
 * to the outbox in one transaction, then queued. Returns as soon as that is done.
 */
import type { InboundAcceptor } from '../core/ports.js';
import type { Db } from '../db/client.js';
import { createProcessedEventRepository } from '../db/repositories/processed-events.js';
import type { Enqueuer, OutboxEntry } from './enqueue.js';
import { inboundEntry } from './entries.js';

export function createInboundAcceptor(deps: { db: Db; enqueuer: Enqueuer; organizationId: string }): InboundAcceptor {
  return {
    async accept(source, externalId, payload) {
      const entry: OutboxEntry = inboundEntry({ source, externalId, payload }, deps.organizationId);
      const first = await deps.db.transaction(async (tx) => {
        const isFirst = await createProcessedEventRepository(tx as unknown as Db).markFirst(source, externalId, deps.organizationId);
        if (isFirst) await deps.enqueuer.write(tx, [entry]);
        return isFirst;
      });
      if (!first) return 'duplicate';
      await deps.enqueuer.push([entry]);
      return 'accepted';
    },
  };
}
