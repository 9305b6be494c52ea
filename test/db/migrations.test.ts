import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { describeWith } from '../helpers/services.js';

const TABLES = ['organizations', 'rivet_users', 'identities', 'allowed_chats', 'conversations', 'messages', 'work_order_links', 'processed_events', 'link_tokens', 'outbox', 'job_workers', 'job_locks', 'pending_questions', 'stored_files', 'sync_cursors', 'rate_limits', 'oversight_threads', 'feedback'];

async function tablesOf(db: TestDatabase['database']): Promise<string[]> {
  const result = (await db.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`)) as unknown as
    { rows: { table_name: string }[] };
  return result.rows.map((r) => r.table_name).sort();
}

describeWith('postgres', 'migrations on real PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('create every table in a fresh database', async () => {
    expect(await tablesOf(t.database)).toEqual([...TABLES].sort());
  });

  it('are idempotent: running them again changes nothing', async () => {
    await t.database.migrate();
    expect(await tablesOf(t.database)).toEqual([...TABLES].sort());
  });
});

describe('migrations on embedded PGlite', () => {
  it('apply the very same migrations and serve the repositories', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await db.migrate();
      await db.migrate();
      expect(await tablesOf(db as TestDatabase['database'])).toEqual([...TABLES].sort());
      const repos = createRepositories(db.db);
      const org = await repos.organizations.ensure({ slug: 'default', name: 'Acme' });
      const { user, created } = await repos.users.upsertTelegram({ organizationId: org.id, telegramId: 4242, username: 'ana', displayName: 'Ana' });
      expect(created).toBe(true);
      expect(user.tier).toBe('beta');
      expect(await repos.processedEvents.markFirst('telegram', '1')).toBe(true);
      expect(await repos.processedEvents.markFirst('telegram', '1')).toBe(false);
    } finally {
      await db.close();
    }
  }, 60_000);
});
