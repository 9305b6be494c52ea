import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { workOrderLinks } from '../schema.js';

export type WorkOrderLink = typeof workOrderLinks.$inferSelect;
export type NewWorkOrderLink = typeof workOrderLinks.$inferInsert;

export function createWorkOrderLinkRepository(db: Db) {
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
      return db
        .select()
        .from(workOrderLinks)
        .where(eq(workOrderLinks.requesterId, requesterId))
        .orderBy(desc(workOrderLinks.createdAt))
        .limit(limit);
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
