/**
 * The InboundAcceptor port: a verified delivery is deduplicated (processed_events) and written
 * to the outbox in one atomic statement, then handed to the runner. Returns once the row is
 * committed. Deliveries of one conversation carry its ordering key (`source:chat`), so they run
 * one after another in the order they were written, whichever process runs them.
 *
 * Deliveries arriving together are written together (db/batch.ts, gathered per event-loop turn): one statement and one
 * hand-over to the runner for the batch, each delivery answered when the statement has
 * committed, with its own outcome. A delivery arriving again while its first copy is still being
 * written is answered as the duplicate it is once the first is down.
 */
import type { InboundAcceptor } from '../core/ports.js';
import type { Db } from '../db/client.js';
import { batched } from '../db/batch.js';
import { createDeliveryWriter, type Delivery } from '../db/repositories/outbox-accept.js';
import type { Enqueuer } from './enqueue.js';
import { sqlStateOf } from './errors.js';
import type { IngestGate } from './ingest-gate.js';
import { inboundEntry } from './entries.js';
import type { InboundJob } from './names.js';

/** Reads the conversation a delivery belongs to (e.g. a Telegram update's chat id); null: no order to keep. */
export type OrderingKeyOf = (payload: unknown) => string | null;

type Accepted = 'accepted' | 'duplicate';

export interface WarmAcceptor extends InboundAcceptor {
  /** Opens `connections` database connections and prepares the write on each (start-up, before listening). */
  prepare(connections: number): Promise<void>;
}

export function createInboundAcceptor(deps: {
  db: Db;
  enqueuer: Enqueuer;
  organizationId: string;
  orderingKeyOf?: Partial<Record<InboundJob['source'], OrderingKeyOf>>;
  /** Jobs of this process give way while deliveries are being written (ingest-gate.ts). */
  gate?: IngestGate;
  /** Batch writes at once (default 2) and deliveries per write (default 100). */
  batching?: { maxInFlight?: number; maxBatch?: number };
}): WarmAcceptor {
  const writer = createDeliveryWriter(deps.db);

  async function writeBatch(batch: Delivery[]): Promise<PromiseSettledResult<Accepted>[]> {
    let written: Set<string>;
    try {
      written = await writer.write(batch);
    } catch (err) {
      // PostgreSQL refused the statement (an SQLSTATE: something about one delivery, e.g. its
      // payload), or it could not be built: each delivery alone, so each gets its own answer.
      if (batch.length === 1 || !(sqlStateOf(err) || err instanceof RangeError)) throw err;
      return Promise.allSettled(batch.map((d) => writeBatch([d]).then(([r]) => (r!.status === 'fulfilled' ? r!.value : Promise.reject(r!.reason)))));
    }
    const fresh = batch.filter((d) => written.has(d.entry.jobId)).map((d) => d.entry);
    // Written down is accepted: the webhooks are answered without waiting for Redis (the push
    // never throws, and what it cannot hand over now is picked up later).
    if (fresh.length) void deps.enqueuer.push(fresh, { fresh: true });
    return batch.map((d) => ({ status: 'fulfilled', value: written.has(d.entry.jobId) ? 'accepted' : 'duplicate' }));
  }

  // writeBatch answers each delivery itself, and splits a batch PostgreSQL refuses.
  const settled = batched(writeBatch, { maxInFlight: deps.batching?.maxInFlight ?? 2, maxBatch: deps.batching?.maxBatch ?? 100, gather: 'turn', retryAlone: false });
  const submit = (d: Delivery) => settled(d).then((r) => (r.status === 'fulfilled' ? r.value : Promise.reject(r.reason)));
  /** Deliveries being written, by job id (one per delivery). */
  const writing = new Map<string, Promise<Accepted>>();

  return {
    accept(source, externalId, payload) {
      const key = deps.orderingKeyOf?.[source]?.(payload) ?? null;
      const entry = { ...inboundEntry({ source, externalId, payload }, deps.organizationId), orderingKey: key === null ? null : `${source}:${key}` };
      const first = writing.get(entry.jobId);
      if (first) return first.then(() => 'duplicate' as const);
      // processed_events.source is the same vocabulary as the port's sources.
      deps.gate?.enter();
      const written = submit({ source, externalId, entry }).finally(() => {
        writing.delete(entry.jobId);
        deps.gate?.leave();
      });
      writing.set(entry.jobId, written);
      return written;
    },
    prepare: (connections) => writer.prepare(connections),
  };
}
