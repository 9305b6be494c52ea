/**
 * The database part: PostgreSQL (DATABASE_URL) or embedded PGlite, migrated at start, the
 * repositories over it, and the one organization this deployment serves.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { openDatabase, type Database } from '../db/client.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { Organization } from '../db/repositories/organizations.js';
import type { Lifecycle } from '../lifecycle.js';

export async function openAndMigrate(config: Config, logger: Logger): Promise<Database> {
  const database = await openDatabase(
    config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  const started = performance.now();
  await database.migrate();
  logger.info({ database: database.kind, ms: Math.round(performance.now() - started) }, 'database migrated');
  return database;
}

export interface DatabasePart {
  database: Database;
  repos: Repositories;
  organization: Organization;
}

export async function wireDatabase(deps: { config: Config; logger: Logger; lifecycle: Lifecycle }): Promise<DatabasePart> {
  const part = await openData(deps.config, deps.logger);
  deps.lifecycle.onShutdown('database', () => part.database.close());
  return part;
}

/** The database, migrated, with its repositories and organization (commands close it themselves). */
export async function openData(config: Config, logger: Logger): Promise<DatabasePart> {
  const database = await openAndMigrate(config, logger);
  const repos = createRepositories(database.db);
  const organization = await repos.organizations.ensure({
    slug: 'default',
    name: config.organizationName,
    atlasUrl: config.atlas?.url ?? null,
    atlasAuthMode: config.atlas?.auth.kind ?? null,
    slackChannelId: config.slack?.channel ?? null,
  });
  return { database, repos, organization };
}
