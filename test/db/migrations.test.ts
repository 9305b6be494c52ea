import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATION_LOCK_KEY, MIGRATIONS_DIR, openDatabase } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { ADMIN_URL, createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/db.js';
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

describeWith('postgres', 'migrations when several Rivets start at once', () => {
  const name = `rivet_mig_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: ADMIN_URL });
  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`create database ${name}`).finally(() => c.end());
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
  });

  it('four concurrent migrate calls on a fresh database all succeed, and the schema is applied once', async () => {
    const dbs = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ kind: 'postgres', url: databaseUrl(name), poolSize: 2 })));
    try {
      const results = await Promise.allSettled(dbs.map((db) => db.migrate()));
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(await tablesOf(dbs[0] as TestDatabase['database'])).toEqual([...TABLES].sort());
      const applied = (await dbs[0]!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
      expect(applied.rows[0]!.n).toBe(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });
});

describeWith('postgres', 'migrations and the statement time limit', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('a start-up waiting for another instance\'s migration longer than the limit still migrates, and queries keep the limit', async () => {
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    const db = await openDatabase({ kind: 'postgres', url: t.url, poolSize: 1, statementTimeoutMs: 200 });
    try {
      await other.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const migrating = db.migrate();
      await new Promise((r) => setTimeout(r, 600));
      await other.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      await expect(migrating).resolves.toBeUndefined();
      // The pool's one connection went back with Rivet's limit.
      await expect(db.db.execute(sql`select pg_sleep(1)`)).rejects.toThrow();
    } finally {
      await other.end();
      await db.close();
    }
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

describe('embedded PGlite on disk', () => {
  it('keeps its data across restarts, sized for one process (16 MB of shared buffers, not 128 MB)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rivet-pglite-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir });
      await first.migrate();
      const org = await createRepositories(first.db).organizations.ensure({ slug: 'default', name: 'Kept' });
      await first.close();
      const again = await openDatabase({ kind: 'pglite', dataDir });
      try {
        expect((await createRepositories(again.db).organizations.ensure({ slug: 'default', name: 'Other' })).id).toBe(org.id);
        const shown = (await again.db.execute(sql`show shared_buffers`)) as unknown as { rows: { shared_buffers: string }[] };
        expect(shown.rows[0]!.shared_buffers).toBe('16MB');
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

