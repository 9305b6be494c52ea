/**
 * Compare-and-set of the status Rivet last told people about. The webhook and the poller can
 * both see the same change; only the one whose update wins here notifies anyone.
 */
import { and, eq, isNull, lte, ne, or } from 'drizzle-orm';
import type { DbLike } from './outbox.js';
import { workOrderLinks } from '../schema.js';
import type { WorkOrderLink } from './work-order-links.js';

export function createWorkOrderStatusRepository(db: DbLike) {
  return {
    /** Sets the status when it differs from the stored one and `at` (Atlas's updatedAt) is not older; returns the updated link, or null when nothing changed. */
    async advance(linkId: string, status: string, at: Date): Promise<WorkOrderLink | null> {
      const [row] = await db
        .update(workOrderLinks)
        .set({ lastKnownStatus: status, lastStatusAt: at, updatedAt: new Date() })
        .where(
          and(
            eq(workOrderLinks.id, linkId),
            or(isNull(workOrderLinks.lastKnownStatus), ne(workOrderLinks.lastKnownStatus, status)),
            // An older event (a poll page read before a webhook) must not roll the status back.
            or(isNull(workOrderLinks.lastStatusAt), lte(workOrderLinks.lastStatusAt, at)),
          ),
        )
        .returning();
      return row ?? null;
    },
  };
}
export type WorkOrderStatusRepository = ReturnType<typeof createWorkOrderStatusRepository>;
