/**
 * vitest globalSetup: probes the PostgreSQL and Redis the tests would use (TEST_DATABASE_URL,
 * TEST_REDIS_URL, defaulting to 127.0.0.1:5432 and :6379) and hands the result to the test files
 * (test/helpers/services.ts). Suites needing an absent one are skipped with the reason.
 */
import { createConnection } from 'node:net';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { ServiceStatus } from '../helpers/services.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function where(url: string, port: number): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || port}`;
}

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return `not reachable at ${where(DATABASE_URL, 5432)} (TEST_DATABASE_URL): ${e.code ?? e.message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A PING over a raw socket: no client library, no reconnect loop. */
function probeRedis(): Promise<string | null> {
  const u = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const fail = (why: string) => {
      socket.destroy();
      resolve(`not reachable at ${where(REDIS_URL, 6379)} (TEST_REDIS_URL): ${why}`);
    };
    const socket = createConnection({ host: u.hostname, port: Number(u.port || 6379) });
    socket.setTimeout(2_000, () => fail('timed out'));
    socket.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? err.message));
    socket.on('connect', () => socket.write(u.password ? `AUTH ${decodeURIComponent(u.password)}\r\nPING\r\n` : 'PING\r\n'));
    let seen = '';
    socket.on('data', (chunk) => {
      seen += chunk.toString();
      if (seen.includes('+PONG')) {
        socket.end();
        resolve(null);
      } else if (seen.startsWith('-')) fail(seen.trim());
    });
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()]);
  const status: ServiceStatus = { postgres, redis };
  const absent = Object.entries(status).filter(([, why]) => why);
  if (absent.length && process.env.RIVET_TEST_SERVICES === 'required') {
    throw new Error(`RIVET_TEST_SERVICES=required but ${absent.map(([s, why]) => `${s} is ${why}`).join('; ')}`);
  }
  for (const [service, why] of absent) {
    process.stdout.write(`\n[rivet tests] ${service} ${why}: suites that need it are skipped.\n`);
  }
  project.provide('services', status);
}
