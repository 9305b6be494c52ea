/**
 * Accepting deliveries from outside (webhooks): each is recorded as seen (processed_events) and
 * its job written to the outbox, in one atomic statement for any number of deliveries (the
 * acceptor's group commit, jobs/inbound.ts). A delivery seen before writes nothing. The rows get
 * their `seq` in the order given, so a chat's updates keep the order they arrived in.
 *
 * One named prepared statement whatever the count (the batch is one JSON parameter): PostgreSQL
 * parses and plans it once per connection, and `prepare` does that ahead of the first delivery.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import type { OutboxEntry } from './outbox.js';

export interface Delivery {
  source: string;
  externalId: string;
  entry: OutboxEntry;
}

// Deliveries are recorded as seen in key order: two statements (other processes) with the same
// deliveries lock them in the same order and never deadlock.
const ACCEPT = `
with input as (
  select * from jsonb_to_recordset($1::jsonb) as d(i int, source text, external_id text, organization_id uuid, job_id text, queue text, name text, payload jsonb, priority int, ordering_key text)
), first as (
  insert into processed_events (source, external_id, organization_id)
  select source, external_id, organization_id from input order by source, external_id
  on conflict do nothing
  returning source, external_id
)
insert into outbox (job_id, organization_id, queue, name, payload, priority, ordering_key)
select d.job_id, d.organization_id, d.queue, d.name, d.payload, d.priority, d.ordering_key
from input d join first f on f.source = d.source and f.external_id = d.external_id
order by d.i
on conflict do nothing
returning job_id`;

type Prepared = { execute(values: Record<string, unknown>): Promise<unknown> };

export function createDeliveryWriter(db: Db) {
  let prepared: Prepared | undefined;
  const statement = (): Prepared =>
    (prepared ??= db._.session.prepareQuery({ sql: ACCEPT, params: [sql.placeholder('batch')] }, undefined, 'rivet_accept_deliveries', false) as unknown as Prepared);
  const run = async (deliveries: Delivery[]): Promise<Set<string>> => {
    const batch = deliveries.map((d, i) => ({
      i, source: d.source, external_id: d.externalId, organization_id: d.entry.organizationId, job_id: d.entry.jobId,
      queue: d.entry.queue, name: d.entry.name, payload: d.entry.payload, priority: d.entry.priority, ordering_key: d.entry.orderingKey ?? null,
    }));
    const result = (await statement().execute({ batch: JSON.stringify(batch) })) as { rows?: { job_id: string }[] };
    return new Set((result.rows ?? []).map((r) => r.job_id));
  };
  return {
    /** Writes the deliveries not seen before (one statement); returns the job ids written. */
    write: (deliveries: Delivery[]): Promise<Set<string>> => (deliveries.length === 0 ? Promise.resolve(new Set()) : run(deliveries)),
    /**
     * Prepares the statement on `connections` connections of the pool at once (opening them if
     * needed), writing nothing: the first deliveries find them open and the plan made.
     */
    async prepare(connections: number): Promise<void> {
      await Promise.all(Array.from({ length: connections }, () => run([])));
    },
  };
}
export type DeliveryWriter = ReturnType<typeof createDeliveryWriter>;
