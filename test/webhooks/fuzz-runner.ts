/**
 * Sends fuzz cases to the running service, correctly signed, some at a time, each on a connection
 * of its own, and counts what came back: answers by status, 5xx, dropped connections (no answer).
 */
import type { Edge } from './edge-harness.js';
import { PATHS, requestOnce, streamPost } from './edge-harness.js';
import type { FuzzCase } from './fuzz-cases.js';

export interface FuzzStats {
  sent: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, Record<string, number>>;
  serverErrors: number;
  dropped: number;
  /** The first few 5xx or dropped cases, to reproduce. */
  failures: { route: string; path: string; mutation: string; status: number | null; error?: string; body: string }[];
}

export async function runFuzz(e: Edge, cases: { count: number; at(i: number): FuzzCase }, o: { concurrency?: number; onProgress?: (done: number) => void } = {}): Promise<FuzzStats> {
  const stats: FuzzStats = { sent: 0, byStatus: {}, byRoute: {}, serverErrors: 0, dropped: 0, failures: [] };
  let next = 0;
  const record = (c: FuzzCase, status: number | null, error?: string) => {
    stats.sent++;
    const key = status === null ? 'dropped' : String(status);
    stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
    const byRoute = (stats.byRoute[c.route] ??= {});
    byRoute[key] = (byRoute[key] ?? 0) + 1;
    if (status === null) stats.dropped++;
    if (status !== null && status >= 500) stats.serverErrors++;
    if ((status === null || status >= 500) && stats.failures.length < 20) {
      stats.failures.push({ route: c.route, path: c.path ?? PATHS[c.route], mutation: c.mutation, status, ...(error ? { error } : {}), body: c.body.slice(0, 300) });
    }
    if (stats.sent % 500 === 0) o.onProgress?.(stats.sent);
  };
  async function one(c: FuzzCase): Promise<void> {
    const path = c.path ?? PATHS[c.route];
    const headers = e.headersFor(c.route, c.body, c.contentType ? { contentType: c.contentType } : {});
    if (c.oversizeBytes) {
      const r = await streamPost(`${e.rivet.url}${path}`, headers, c.oversizeBytes);
      return record(c, r.status, r.error);
    }
    const r = await requestOnce(`${e.rivet.url}${path}`, c.method, headers, c.method === 'GET' ? null : c.body);
    record(c, r.status, r.error);
  }
  const workers = Array.from({ length: o.concurrency ?? 16 }, async () => {
    while (next < cases.count) await one(cases.at(next++));
  });
  await Promise.all(workers);
  return stats;
}
