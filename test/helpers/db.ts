/**
 * A fresh PostgreSQL database per test file, migrated with the real migrations,
 * dropped afterwards. Uses the machine's server (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test for the admin connection).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  database: Database;
  repos: Repositories;
  drop(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(prefix = 'rivet_t'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 5 });
  await database.migrate();
  return {
    name,
    url,
    database,
    repos: createRepositories(database.db),
    async drop() {
      await database.close().catch(() => {});
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
