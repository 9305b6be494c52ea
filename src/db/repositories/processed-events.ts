import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { processedEvents } from '../schema.js';

/** Where a delivery came from; 'notice' keys notices Rivet says once (src/db/stores/access.ts). */
export type EventSource = 'telegram' | 'telegram_callback' | 'slack' | 'stripe' | 'atlas' | 'demo' | 'notice';

export function createProcessedEventRepository(db: Db) {
  return {
    /** Records a delivery; true the first time it is seen, false for a duplicate. */
    async markFirst(source: EventSource, externalId: string, organizationId?: string | null): Promise<boolean> {
      const rows = await db
        .insert(processedEvents)
        .values({ source, externalId, organizationId: organizationId ?? null })
        .onConflictDoNothing()
        .returning({ id: processedEvents.externalId });
      return rows.length === 1;
    },
    async seen(source: EventSource, externalId: string): Promise<boolean> {
      const rows = await db
        .select({ id: processedEvents.externalId })
        .from(processedEvents)
        .where(and(eq(processedEvents.source, source), eq(processedEvents.externalId, externalId)));
      return rows.length > 0;
    },
    /** Forget deliveries older than the longest redelivery window of any source. */
    async prune(olderThan: Date): Promise<void> {
      await db.delete(processedEvents).where(lt(processedEvents.receivedAt, olderThan));
    },
  };
}
export type ProcessedEventRepository = ReturnType<typeof createProcessedEventRepository>;
