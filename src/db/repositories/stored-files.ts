import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { storedFiles } from '../schema.js';

export type StoredFile = typeof storedFiles.$inferSelect;
export type NewStoredFile = typeof storedFiles.$inferInsert;

/** Photos and voice notes Rivet received and keeps under its data directory. */
export function createStoredFileRepository(db: Db) {
  return {
    async record(file: NewStoredFile): Promise<StoredFile> {
      const [row] = await db.insert(storedFiles).values(file).returning();
      return row!;
    },
    async get(id: string): Promise<StoredFile | null> {
      const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
      return row ?? null;
    },
    /** Bytes one person's kept files take (their quota's use). */
    async usedBytes(userId: string): Promise<number> {
      const [row] = await db.select({ n: sql<string>`coalesce(sum(${storedFiles.sizeBytes}), 0)` }).from(storedFiles).where(eq(storedFiles.userId, userId));
      return Number(row?.n ?? 0);
    },
    /** Marks files (by path) as belonging to an accepted report or comment. */
    async accept(paths: string[], at: Date): Promise<void> {
      if (paths.length === 0) return;
      await db.update(storedFiles).set({ acceptedAt: at }).where(and(inArray(storedFiles.path, paths), isNull(storedFiles.acceptedAt)));
    },
    /** Files past retention, and files no accepted report took within the grace period. */
    async due(o: { keptBefore: Date; undecidedBefore: Date; limit: number }): Promise<Pick<StoredFile, 'id' | 'path'>[]> {
      return db
        .select({ id: storedFiles.id, path: storedFiles.path })
        .from(storedFiles)
        .where(or(lt(storedFiles.createdAt, o.keptBefore), and(isNull(storedFiles.acceptedAt), lt(storedFiles.createdAt, o.undecidedBefore))))
        .limit(o.limit);
    },
    async remove(ids: string[]): Promise<void> {
      if (ids.length) await db.delete(storedFiles).where(inArray(storedFiles.id, ids));
    },
  };
}
export type StoredFileRepository = ReturnType<typeof createStoredFileRepository>;
