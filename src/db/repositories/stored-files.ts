import { eq } from 'drizzle-orm';
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
  };
}
export type StoredFileRepository = ReturnType<typeof createStoredFileRepository>;
