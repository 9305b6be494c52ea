import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { organizations } from '../schema.js';

export type Organization = typeof organizations.$inferSelect;

export function createOrganizationRepository(db: Db) {
  return {
    /** This release serves one organization, configured from the environment; it is created on first start. */
    async ensure(input: { slug: string; name: string; atlasUrl?: string | null; atlasAuthMode?: string | null; slackChannelId?: string | null }): Promise<Organization> {
      const values = {
        slug: input.slug,
        name: input.name,
        atlasUrl: input.atlasUrl ?? null,
        atlasAuthMode: input.atlasAuthMode ?? null,
        slackChannelId: input.slackChannelId ?? null,
      };
      const [row] = await db
        .insert(organizations)
        .values(values)
        .onConflictDoUpdate({ target: organizations.slug, set: { ...values, updatedAt: new Date() } })
        .returning();
      return row!;
    },
    async get(id: string): Promise<Organization | null> {
      const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
      return row ?? null;
    },
  };
}
export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
