/**
 * One database handle for the whole process: node-postgres when DATABASE_URL is set,
 * embedded PGlite persisted under RIVET_DATA_DIR otherwise. Same schema, same migrations.
 * A failed query's error names the statement, never its parameters (query-errors.ts); every
 * PostgreSQL statement has a time limit; a server that cannot be used is said so in one line
 * (errors.ts); the embedded directory is locked to one process (data-dir-lock.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { lockDataDir } from './data-dir-lock.js';
import { describeConnectionError } from './errors.js';
import { installQueryErrorRedaction } from './query-errors.js';
import { schema, type Schema } from './schema.js';

/** The drizzle API both drivers share; repositories take this type. */
export type Db = NodePgDatabase<Schema>;

export interface Database {
  kind: 'postgres' | 'pglite';
  db: Db;
  /**
   * What webhook deliveries are written through (jobs/inbound.ts). PostgreSQL: a pool of its own
   * (INGEST_POOL_SIZE connections, opened on first use or by `jobs.prepareIngest` at start-up), so
   * an acknowledgement never waits behind job queries for a connection. PGlite: `db`.
   */
  ingest: Db;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** No statement of Rivet's runs longer; one that does (a lock wait, a runaway plan) is cancelled. */
export const STATEMENT_TIMEOUT_MS = 30_000;

export type DatabaseSettings =
  | { kind: 'postgres'; url: string; poolSize?: number; statementTimeoutMs?: number }
  | { kind: 'pglite'; dataDir: string | null };

/**
 * Key of the PostgreSQL advisory lock held while migrating (any fixed number; "rivet" in ASCII). Several
 * containers starting at once take turns: the first applies the migrations, the others then find them applied.
 */
export const MIGRATION_LOCK_KEY = 0x7269766574;

async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  // One connection holds the session lock and runs the migrations, so a pool of one cannot deadlock.
  const client = await pool.connect();
  try {
    // Rivet's statement time limit is for serving requests: waiting for another instance's
    // migration, or a migration rewriting a large table, may take longer and must not be cancelled.
    await client.query('set statement_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    // Back to the pool with the connection's own limit (RESET returns to its start-up value);
    // a connection that cannot be reset is closed rather than reused without a limit.
    const reset = await client.query('reset statement_timeout').then(() => true, () => false);
    client.release(!reset);
  }
}

/**
 * PGlite serves one Rivet process, so PostgreSQL's server-sized defaults (128 MB of shared buffers)
 * only cost memory: these bring idle memory down (README, "Memory") and are plenty for Rivet's queries.
 */
const PGLITE_SETTINGS = ['shared_buffers=16MB', 'work_mem=2MB', 'maintenance_work_mem=16MB', 'temp_buffers=1MB', 'wal_buffers=512kB'];

function pgliteOptions(PGlite: unknown): { startParams?: string[] } {
  // Start parameters replace PGlite's own, so they are extended, never dropped.
  const defaults = (PGlite as { defaultStartParams?: string[] }).defaultStartParams;
  return Array.isArray(defaults) ? { startParams: [...defaults, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])] } : {};
}

/** Connections of the webhook deliveries' own pool: as many as batches written at once (jobs/inbound.ts). */
export const INGEST_POOL_SIZE = 2;

export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  installQueryErrorRedaction();
  if (settings.kind === 'postgres') {
    const poolOf = (max: number) => {
      const p = new pg.Pool({
        connectionString: settings.url,
        max,
        connectionTimeoutMillis: 5_000,
        idleTimeoutMillis: 30_000,
        statement_timeout: settings.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
      });
      // An idle client losing its connection must not take the process down.
      p.on('error', () => {});
      return p;
    };
    const pool = poolOf(settings.poolSize ?? 10);
    const ingestPool = poolOf(INGEST_POOL_SIZE);
    const db = drizzlePg(pool, { schema });
    return {
      kind: 'postgres',
      db,
      ingest: drizzlePg(ingestPool, { schema }),
      async migrate() {
        // The first use of the server at start-up: say in one line why it cannot be used.
        const client = await pool.connect().catch((err: unknown) => {
          throw describeConnectionError(err, settings.url);
        });
        client.release();
        await migrateUnderLock(pool);
      },
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: async () => {
        await Promise.all([pool.end(), ingestPool.end()]);
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzleLite } = await import('drizzle-orm/pglite');
  const { migrate: migrateLite } = await import('drizzle-orm/pglite/migrator');
  let dir: string | undefined;
  let lock: { release(): void } | null = null;
  let fresh = false;
  if (settings.dataDir) {
    dir = resolve(join(settings.dataDir, 'pgdata'));
    mkdirSync(dir, { recursive: true });
    lock = lockDataDir(`${dir}.lock`, `the embedded database ${dir}`);
    fresh = !existsSync(join(dir, 'PG_VERSION'));
  }
  const options = pgliteOptions(PGlite);
  let client: InstanceType<typeof PGlite>;
  try {
    client = new PGlite(dir, options);
    await client.waitReady;
    if (fresh) {
      // Creating the database (initdb) leaves the WebAssembly memory grown by ~300 MB, and it never
      // shrinks: opening it again now gives the memory back. Only on the very first start.
      await client.close();
      client = new PGlite(dir, options);
      await client.waitReady;
    }
  } catch (err) {
    lock?.release();
    throw err;
  }
  const lite = drizzleLite(client, { schema });
  return {
    kind: 'pglite',
    // The query builder API is the same on both drivers; only the result type of
    // raw `execute` differs, which repositories do not rely on.
    db: lite as unknown as Db,
    ingest: lite as unknown as Db,
    migrate: () => migrateLite(lite, { migrationsFolder: MIGRATIONS_DIR }),
    ping: async () => {
      await client.query('select 1');
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
