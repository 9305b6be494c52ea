/**
 * A failed query says which statement failed and why, never with which values: drizzle's own
 * error puts every parameter (message texts, names, emails) in its message, and from there into
 * logs, job failure reasons and the queue dashboard. Every drizzle query on PostgreSQL and PGlite
 * runs through PgPreparedQuery.queryWithCache, so that is where its error is replaced.
 */
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';

/**
 * A failed statement: the SQL text (placeholders only), the driver's message without quoted values
 * and the SQLSTATE in `code`. The driver's error is not kept as `cause`: loggers print a cause's
 * message, stack and `detail` ("Key (email)=(ana@…) already exists").
 */
export class QueryFailedError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly statement: string,
    driverError: unknown,
  ) {
    super(`Failed query: ${oneLine(statement)}: ${driverMessage(driverError)}`);
    this.name = 'QueryFailedError';
    const code = (driverError as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
    // Node's own connection errors (ECONNREFUSED) carry the reason in the message; nothing personal.
  }
}

function oneLine(statement: string): string {
  const s = statement.replace(/\s+/g, ' ').trim();
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** PostgreSQL quotes the offending value in a few messages (invalid input syntax for type uuid: "…"). */
function driverMessage(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/(: )?"[^"]*"\s*$/s, (m, colon: string | undefined) => (colon ? '' : m)).replace(/\s+/g, ' ').slice(0, 300);
}

/** Rewrites a drizzle query error; anything else passes unchanged. */
export function withoutParameters(err: unknown): unknown {
  if (err instanceof DrizzleQueryError) return new QueryFailedError(err.query, err.cause);
  return err;
}

let installed = false;

/** Installs the rewrite once per process (both drivers share the prepared-query class). */
export function installQueryErrorRedaction(): void {
  if (installed) return;
  installed = true;
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: (...args: unknown[]) => Promise<unknown> };
  const original = proto.queryWithCache;
  proto.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await original.apply(this, args);
    } catch (err) {
      throw withoutParameters(err);
    }
  };
}
