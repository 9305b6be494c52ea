import { and, count, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { workOrderLinks } from '../schema.js';

export type WorkOrderLink = typeof workOrderLinks.$inferSelect;
export type NewWorkOrderLink = typeof workOrderLinks.$inferInsert;

export function createWorkOrderLinkRepository(db: Db) {
  const ofRequester = prepared(() =>
    db
      .select()
      .from(workOrderLinks)
      .where(eq(workOrderLinks.requesterId, sql.placeholder('requesterId')))
      .orderBy(desc(workOrderLinks.createdAt))
      .limit(sql.placeholder('limit'))
      .prepare('rivet_work_order_links_of_requester'),
  );
  return {
    /** Records a work order Rivet filed or touched; a second record of the same one updates it. */
    async record(link: NewWorkOrderLink): Promise<WorkOrderLink> {
      const { organizationId, atlasWorkOrderId, ...rest } = link;
      const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
      const [row] = await db
        .insert(workOrderLinks)
        .values(link)
        .onConflictDoUpdate({
          target: [workOrderLinks.organizationId, workOrderLinks.atlasWorkOrderId],
          set: { ...set, updatedAt: new Date() },
        })
        .returning();
      return row!;
    },
    async byIdempotencyKey(key: string): Promise<WorkOrderLink | null> {
      const [row] = await db.select().from(workOrderLinks).where(eq(workOrderLinks.idempotencyKey, key));
      return row ?? null;
    },
    async byAtlasId(organizationId: string, atlasWorkOrderId: number): Promise<WorkOrderLink | null> {
      const [row] = await db
        .select()
        .from(workOrderLinks)
        .where(and(eq(workOrderLinks.organizationId, organizationId), eq(workOrderLinks.atlasWorkOrderId, atlasWorkOrderId)));
      return row ?? null;
    },
    async forRequester(requesterId: string, limit = 20): Promise<WorkOrderLink[]> {
      return ofRequester().execute({ requesterId, limit });
    },
    /**
     * Work orders filed for the person since `since` (a plan's monthly count). Only filings count
     * (they carry the key that filed them), not work orders Rivet merely remembered because the
     * person changed them.
     */
    async countForRequesterSince(requesterId: string, since: Date): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(workOrderLinks)
        .where(and(eq(workOrderLinks.requesterId, requesterId), gte(workOrderLinks.createdAt, since), isNotNull(workOrderLinks.idempotencyKey)));
      return Number(row?.n ?? 0);
    },
    /** Requesters of these work orders (Atlas ids), where Rivet knows them. */
    async requestersOf(organizationId: string, atlasWorkOrderIds: number[]): Promise<Map<number, string | null>> {
      if (atlasWorkOrderIds.length === 0) return new Map();
      const rows = await db
        .select({ id: workOrderLinks.atlasWorkOrderId, requesterId: workOrderLinks.requesterId })
        .from(workOrderLinks)
        .where(and(eq(workOrderLinks.organizationId, organizationId), inArray(workOrderLinks.atlasWorkOrderId, atlasWorkOrderIds)));
      return new Map(rows.map((r) => [r.id, r.requesterId]));
    },
    /** Stores a status seen in Atlas; returns the previous one (null when it was not known). */
    async updateStatus(id: string, status: string, at: Date): Promise<void> {
      await db
        .update(workOrderLinks)
        .set({ lastKnownStatus: status, lastStatusAt: at, updatedAt: new Date() })
        .where(eq(workOrderLinks.id, id));
    },
  };
}
export type WorkOrderLinkRepository = ReturnType<typeof createWorkOrderLinkRepository>;
