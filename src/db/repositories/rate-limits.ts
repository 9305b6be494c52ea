/**
 * Per-key allowances on PostgreSQL, so they hold across processes and in both job modes (with
 * Redis or without). GCRA: each key keeps a "theoretical arrival time" (tat); a request at `now`
 * is let through when the tat it would push to stays within the burst window, all in one
 * statement (an upsert that only writes when allowed).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';

export function createRateLimitRepository(db: Db) {
  return {
    /**
     * Takes one of `limit` per `perMs` for `key` at `nowMs`: null when allowed, else the ms to
     * wait until one is available.
     */
    async take(key: string, limit: number, perMs: number, nowMs: number): Promise<number | null> {
      const interval = Math.max(1, Math.round(perMs / Math.max(1, limit)));
      const burst = interval * Math.max(1, limit);
      const result = (await db.execute(sql`
        insert into rate_limits (key, tat_ms) values (${key}, ${nowMs + interval})
        on conflict (key) do update set tat_ms = greatest(rate_limits.tat_ms, ${nowMs}::bigint) + ${interval}::bigint
          where greatest(rate_limits.tat_ms, ${nowMs}::bigint) + ${interval}::bigint - ${nowMs}::bigint <= ${burst}::bigint
        returning tat_ms`)) as unknown as { rows: unknown[] };
      if (result.rows.length > 0) return null;
      const current = (await db.execute(sql`select tat_ms from rate_limits where key = ${key}`)) as unknown as { rows: { tat_ms: string | number }[] };
      const tat = Number(current.rows[0]?.tat_ms ?? nowMs);
      return Math.max(1, tat + interval - burst - nowMs);
    },
  };
}
export type RateLimitRepository = ReturnType<typeof createRateLimitRepository>;
