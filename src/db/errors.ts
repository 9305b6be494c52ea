/**
 * Why the database cannot be used, in one line an operator can act on (the CLI prints the
 * message alone, without a stack). Connection settings are named, never the password.
 */

/** The PostgreSQL server cannot be used: unreachable, no such database, credentials refused. */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'unreachable' | 'no_database' | 'authentication' | 'other',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** The embedded database directory is open in another process (PGlite is single-process). */
export class DataDirLockedError extends Error {
  constructor(
    message: string,
    readonly holderPid: number,
  ) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

/** Errors whose message says all there is to say at start-up. */
export function isStartupProblem(err: unknown): err is DatabaseUnavailableError | DataDirLockedError {
  return err instanceof DatabaseUnavailableError || err instanceof DataDirLockedError;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** Maps a node-postgres connection error to what is wrong, for the server named in `url`. */
export function describeConnectionError(err: unknown, url: string): DatabaseUnavailableError {
  const u = new URL(url);
  const host = `${u.hostname}:${u.port || '5432'}`;
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
  const user = decodeURIComponent(u.username) || process.env.PGUSER || 'the current user';
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === '3D000') {
    return new DatabaseUnavailableError(`database "${database}" does not exist on ${host}: create it (createdb ${database}) or fix DATABASE_URL`, 'no_database', { cause: err });
  }
  if (code === '28P01' || code === '28000') {
    return new DatabaseUnavailableError(`authentication failed for user "${user}" on ${host} (${message}): check the user and password in DATABASE_URL`, 'authentication', { cause: err });
  }
  if ((typeof code === 'string' && UNREACHABLE.has(code)) || /timeout|timed out|connect/i.test(message)) {
    return new DatabaseUnavailableError(`PostgreSQL host unreachable at ${host} (${typeof code === 'string' && UNREACHABLE.has(code) ? code : message}): is the server running, and is DATABASE_URL right?`, 'unreachable', { cause: err });
  }
  return new DatabaseUnavailableError(`PostgreSQL at ${host} refused the connection: ${message}`, 'other', { cause: err });
}
