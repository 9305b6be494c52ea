/** Fault injection for the fake: latency, failure bursts (503/429/502/504), dropped responses, malformed bodies. */
export type FailStatus = 503 | 429 | 502 | 504;

/** Which requests a fault applies to (path is under the API root, e.g. '/work-orders'). Omitted: any request. */
export interface FaultMatch {
  method?: string;
  path?: string | RegExp;
}

export interface FaultControls {
  /** Added before every request is handled. */
  latencyMs: number;
  /** The next n requests fail with `status` before Atlas handles them (default 503). */
  failNext(n: number, status?: FailStatus, match?: FaultMatch): void;
  /** The next n (matching) requests are handled in full, then the connection is destroyed before the response is written. */
  dropNext(n: number, match?: FaultMatch): void;
  /** The next n matching requests wait `ms` before being handled (Atlas still handles them if the caller gave up). */
  delayNext(n: number, ms: number, match?: FaultMatch): void;
  /** Every request fails with `status` until the fake's clock reaches `d` (null clears). */
  failUntil(d: Date | null, status?: number): void;
  /** The next n successful responses are corrupted: 'invalid-json' (truncated body) or 'wrong-shape' (`{"unexpected":true}`). */
  malformNext(n: number, kind?: 'invalid-json' | 'wrong-shape'): void;
  reset(): void;
}

export interface FaultState extends FaultControls {
  /** Consumes a pending failure; returns the status to fail with, or null. */
  takeFailure(now: Date, method: string, path: string): number | null;
  takeDrop(method: string, path: string): boolean;
  takeDelay(method: string, path: string): number;
  takeMalform(): 'invalid-json' | 'wrong-shape' | null;
}

interface Pending<T> { left: number; value: T; match: FaultMatch | undefined }

function matches(m: FaultMatch | undefined, method: string, path: string): boolean {
  if (!m) return true;
  if (m.method && m.method !== method) return false;
  if (m.path === undefined) return true;
  return typeof m.path === 'string' ? m.path === path : m.path.test(path);
}

function take<T>(queue: Pending<T>[], method: string, path: string): T | null {
  const i = queue.findIndex((p) => p.left > 0 && matches(p.match, method, path));
  if (i < 0) return null;
  const p = queue[i]!;
  p.left--;
  if (p.left <= 0) queue.splice(i, 1);
  return p.value;
}

export function createFaults(): FaultState {
  let failQueue: Pending<number>[] = [];
  let dropQueue: Pending<true>[] = [];
  let delayQueue: Pending<number>[] = [];
  let until: { at: Date; status: number } | null = null;
  let malformQueue: ('invalid-json' | 'wrong-shape')[] = [];
  const f: FaultState = {
    latencyMs: 0,
    failNext(n, status = 503, match) {
      if (n > 0) failQueue.push({ left: n, value: status, match });
    },
    dropNext(n, match) {
      if (n > 0) dropQueue.push({ left: n, value: true, match });
    },
    delayNext(n, ms, match) {
      if (n > 0) delayQueue.push({ left: n, value: ms, match });
    },
    failUntil(d, status = 503) {
      until = d ? { at: d, status } : null;
    },
    malformNext(n, kind = 'invalid-json') {
      malformQueue.push(...Array.from({ length: n }, () => kind));
    },
    reset() {
      f.latencyMs = 0;
      failQueue = [];
      dropQueue = [];
      delayQueue = [];
      until = null;
      malformQueue = [];
    },
    takeFailure(now, method, path) {
      if (until && now < until.at) return until.status;
      return take(failQueue, method, path);
    },
    takeDrop(method, path) {
      return take(dropQueue, method, path) !== null;
    },
    takeDelay(method, path) {
      return take(delayQueue, method, path) ?? 0;
    },
    takeMalform() {
      return malformQueue.shift() ?? null;
    },
  };
  return f;
}

/** Bodies as the real stack sends them: the rate limiter's own shape (§1.5), Atlas JSON, or nginx HTML. */
export function faultBody(status: number): { contentType: string; body: string } {
  if (status === 429) return { contentType: 'application/json', body: JSON.stringify({ error: 'Rate limit exceeded', message: 'Too many requests. Please try again later.' }) };
  if (status === 503) return { contentType: 'application/json', body: JSON.stringify({ success: false, message: 'Service Unavailable' }) };
  const title = status === 502 ? '502 Bad Gateway' : status === 504 ? '504 Gateway Time-out' : `${status} Error`;
  return { contentType: 'text/html', body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n` };
}
