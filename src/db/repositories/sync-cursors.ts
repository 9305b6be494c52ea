import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { syncCursors } from '../schema.js';

/** Cursors of periodic syncs, e.g. where the Atlas status poll got to. */
export function createSyncCursorRepository(db: Db) {
  return {
    async get(name: string): Promise<string | null> {
      const [row] = await db.select().from(syncCursors).where(eq(syncCursors.name, name));
      return row?.value ?? null;
    },
    async set(name: string, value: string): Promise<void> {
      await db
        .insert(syncCursors)
        .values({ name, value })
        .onConflictDoUpdate({ target: syncCursors.name, set: { value, updatedAt: new Date() } });
    },
  };
}
export type SyncCursorRepository = ReturnType<typeof createSyncCursorRepository>;
