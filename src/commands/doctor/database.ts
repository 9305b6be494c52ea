/** Doctor's database and Redis checks: which error it is (host, database, password) and what to do. */
import { accessSync, constants, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { Config } from '../../config/config.js';
import { MIGRATIONS_DIR } from '../../db/client.js';
import { fail, hostOf, networkCode, off, ok, warn, type CheckDeps, type CheckResult } from './types.js';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'timed out']);

/** What a PostgreSQL connection error means for the person fixing it. */
export function classifyPostgresError(err: unknown, url: string): CheckResult {
  const u = new URL(url);
  const where = hostOf(url, 5432);
  const dbName = decodeURIComponent(u.pathname.slice(1)) || u.username;
  const e = err as { code?: string; message?: string };
  const code = /timeout/i.test(e.message ?? '') && !e.code ? 'timed out' : networkCode(err);
  if (UNREACHABLE.has(code)) {
    return fail('database', `cannot reach PostgreSQL at ${where} (${code})`,
      `check the host and port in DATABASE_URL, that PostgreSQL runs there and accepts TCP connections (listen_addresses, firewall)`);
  }
  if (e.code === '3D000') {
    return fail('database', `PostgreSQL at ${where} has no database "${dbName}"`,
      `create it: createdb -h ${u.hostname} -U ${decodeURIComponent(u.username) || 'postgres'} ${dbName}  (or fix its name in DATABASE_URL)`);
  }
  if (e.code === '28P01' || e.code === '28000') {
    return fail('database', `PostgreSQL at ${where} refused user "${decodeURIComponent(u.username)}" (${e.message})`,
      'check the user and password in DATABASE_URL (and pg_hba.conf on the server)');
  }
  return fail('database', `PostgreSQL at ${where}: ${e.message ?? code}`, 'check DATABASE_URL');
}

async function postgres(url: string, deps: CheckDeps): Promise<CheckResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: deps.timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    const version = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
    const known = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length;
    const applied = await client
      .query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')
      .then((r) => r.rows[0]!.n, () => 0);
    const what = `PostgreSQL ${version} at ${hostOf(url, 5432)}${new URL(url).pathname}`;
    if (applied < known) {
      return warn('database', `${what}; ${known - applied} of ${known} migrations not applied yet`, '`rivet start` applies them (or run `rivet migrate` now)');
    }
    return ok('database', `${what}; migrations up to date`);
  } catch (err) {
    return classifyPostgresError(err, url);
  } finally {
    await client.end().catch(() => {});
  }
}

function pglite(dataDir: string): CheckResult {
  const dir = resolve(dataDir, 'pgdata');
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return ok('database', `embedded PostgreSQL (PGlite) in ${dir}`);
  } catch (err) {
    return fail('database', `cannot write the embedded database's directory ${dir} (${networkCode(err)})`,
      'set RIVET_DATA_DIR to a directory the user running Rivet may write to (or set DATABASE_URL)');
  }
}

export function checkDatabase(config: Config, deps: CheckDeps): Promise<CheckResult> {
  return config.database.kind === 'postgres' ? postgres(config.database.url, deps) : Promise.resolve(pglite(config.database.dataDir));
}

export async function checkRedis(config: Config, deps: CheckDeps): Promise<CheckResult> {
  if (!config.redisUrl) return off('redis', 'REDIS_URL not set: jobs run inside Rivet (embedded mode)');
  const where = hostOf(config.redisUrl, 6379);
  const redis = new Redis(config.redisUrl, { lazyConnect: true, connectTimeout: deps.timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let lastError: unknown = null;
  redis.on('error', (err) => void (lastError = err));
  try {
    await redis.connect();
    await redis.ping();
    const info = await redis.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
    const policy = ((await redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[])[1];
    if (policy && policy !== 'noeviction') {
      return warn('redis', `Redis ${version} at ${where}, maxmemory-policy ${policy}`, 'set maxmemory-policy noeviction: an evicted key can lose a queued job');
    }
    return ok('redis', `Redis ${version} at ${where} (queue mode)`);
  } catch (err) {
    const message = (err as Error).message ?? '';
    if (/NOAUTH|WRONGPASS|invalid password|invalid username/i.test(message)) {
      return fail('redis', `Redis at ${where} refused the credentials (${message})`, 'put the right password in REDIS_URL (redis://:PASSWORD@host:6379)');
    }
    const code = networkCode(lastError ?? err);
    return fail('redis', `cannot reach Redis at ${where} (${code})`, 'start Redis or fix REDIS_URL, or unset REDIS_URL to run jobs inside Rivet (embedded mode)');
  } finally {
    redis.disconnect();
  }
}
